using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.Loader;

namespace OfflineData.LoadContext
{
    /// <summary>
    /// Sets up the module's dependency isolation on PowerShell 7, once per process. OfflineData.Loader.dll calls
    /// <see cref="Install"/> by reflection (it is netstandard2.0 and cannot name this net8.0 assembly's types) when the
    /// module is imported, before PowerShell loads OfflineData.dll.
    /// </summary>
    public static class DependencyIsolation
    {
        private static readonly object Gate = new object();
        private static DependencyLoadContext? context;
        private static HashSet<string> sharedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// Creates the module's load context for <paramref name="dependencyDirectory"/> and hooks the default context's
        /// Resolving event, so that the references of the cmdlet assembly at <paramref name="cmdletAssemblyPath"/> (which
        /// stays in the default context) to assemblies of that folder, i.e. OfflineData.Core, are answered from the
        /// module's context. Later calls (the module imported again, in this or another runspace) keep the context made
        /// by the first. Returns the context.
        /// </summary>
        public static AssemblyLoadContext Install(string dependencyDirectory, string cmdletAssemblyPath)
        {
            if (dependencyDirectory == null) throw new ArgumentNullException(nameof(dependencyDirectory));
            if (cmdletAssemblyPath == null) throw new ArgumentNullException(nameof(cmdletAssemblyPath));
            lock (Gate)
            {
                if (context != null) return context;
                var created = new DependencyLoadContext(dependencyDirectory);
                var shared = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var reference in ReferencedNames(cmdletAssemblyPath))
                {
                    if (created.IsPrivate(reference)) shared.Add(reference);
                }

                sharedNames = shared;
                context = created;

                // Kept for the process's life, not removed by Remove-Module: the cmdlet assembly stays loaded after it,
                // and Import-Module again reuses that assembly, whose references must still resolve.
                AssemblyLoadContext.Default.Resolving += ResolveFromModuleContext;
                return created;
            }
        }

        /// <summary>The module's load context, or null before <see cref="Install"/>.</summary>
        public static AssemblyLoadContext? LoadContext => context;

        /// <summary>The dependency names the default context gets from the module's context (OfflineData.Core).</summary>
        public static IReadOnlyCollection<string> SharedNames => sharedNames;

        /// <summary>
        /// The default context's Resolving handler: answers only for the dependency names the cmdlet assembly references,
        /// so other code in the session never gets the module's copies of CsvHelper and the like.
        /// </summary>
        internal static Assembly? ResolveFromModuleContext(AssemblyLoadContext defaultContext, AssemblyName assemblyName)
        {
            var current = context;
            if (current == null || assemblyName.Name == null || !sharedNames.Contains(assemblyName.Name)) return null;
            return current.LoadFromAssemblyName(assemblyName);
        }

        /// <summary>The simple names an assembly references, read from its metadata without loading it.</summary>
        internal static IEnumerable<string> ReferencedNames(string assemblyPath)
        {
            var names = new List<string>();
            using var stream = File.OpenRead(assemblyPath);
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.AssemblyReferences)
            {
                names.Add(metadata.GetString(metadata.GetAssemblyReference(handle).Name));
            }

            return names;
        }
    }
}
