using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace OfflineData.LoadContext
{
    /// <summary>
    /// The module's own load context: loads OfflineData.Core and everything it needs (CsvHelper, SharpZipLib,
    /// Microsoft.Data.Sqlite, SQLitePCLRaw, System.IO.Hashing ...) from the module's dependency folder, whatever other
    /// versions of them the session already loaded into the default context. An assembly the platform (the shared
    /// framework or PowerShell itself) carries in an equal or higher version is left to the default context, as the
    /// .NET host does for an application: the module then shares the runtime's own System.Memory, code pages and so on.
    /// </summary>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        /// <summary>The context's name, as <c>[System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly).Name</c> shows it.</summary>
        internal const string ContextName = "OfflineData";

        private readonly Dictionary<string, string> privateAssemblies;

        /// <summary>A context for the assemblies in <paramref name="dependencyDirectory"/>.</summary>
        internal DependencyLoadContext(string dependencyDirectory)
            : base(ContextName, isCollectible: false)
        {
            DependencyDirectory = dependencyDirectory;
            privateAssemblies = FindPrivateAssemblies(dependencyDirectory, PlatformAssemblies());
        }

        /// <summary>The folder the dependencies are loaded from.</summary>
        internal string DependencyDirectory { get; }

        /// <summary>The simple names this context loads itself (the others fall through to the default context).</summary>
        internal IReadOnlyCollection<string> PrivateNames => privateAssemblies.Keys;

        /// <summary>True when this context loads <paramref name="simpleName"/> from the dependency folder.</summary>
        internal bool IsPrivate(string? simpleName) => simpleName != null && privateAssemblies.ContainsKey(simpleName);

        /// <inheritdoc />
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            // Asked first for every reference of an assembly in this context: answering here, before the default
            // context is consulted, is what keeps another module's CsvHelper out of OfflineData.Core.
            if (assemblyName.Name != null && privateAssemblies.TryGetValue(assemblyName.Name, out var path))
            {
                return LoadFromAssemblyPath(path);
            }

            return null;
        }

        /// <summary>
        /// The dependency folder's assemblies, by simple name, without those the platform already has in an equal or
        /// higher version (<paramref name="platform"/>: simple name to path, from the trusted platform assemblies).
        /// </summary>
        internal static Dictionary<string, string> FindPrivateAssemblies(string dependencyDirectory, IReadOnlyDictionary<string, string> platform)
        {
            var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (!Directory.Exists(dependencyDirectory)) return found;
            foreach (var path in Directory.EnumerateFiles(dependencyDirectory, "*.dll"))
            {
                var name = TryGetName(path);
                if (name?.Name == null) continue;
                if (platform.TryGetValue(name.Name, out var platformPath))
                {
                    var platformVersion = TryGetName(platformPath)?.Version;
                    if (platformVersion != null && name.Version != null && platformVersion >= name.Version) continue;
                }

                found[name.Name] = path;
            }

            return found;
        }

        /// <summary>The trusted platform assemblies of this process (framework and host), by simple name.</summary>
        internal static IReadOnlyDictionary<string, string> PlatformAssemblies()
        {
            var platform = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
            {
                foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                {
                    platform[Path.GetFileNameWithoutExtension(path)] = path;
                }
            }

            return platform;
        }

        private static AssemblyName? TryGetName(string path)
        {
            try
            {
                return AssemblyName.GetAssemblyName(path);
            }
            catch (Exception e) when (e is BadImageFormatException || e is IOException || e is UnauthorizedAccessException)
            {
                // A native DLL or an unreadable file is not a managed dependency.
                return null;
            }
        }
    }
}
