using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace OfflineData.Loader
{
    /// <summary>
    /// Isolates the module's dependencies. They live in the module's <c>dependencies</c> folder, where PowerShell's own
    /// probing of the module folder does not find them. PowerShell imports this assembly (the manifest's first nested
    /// module) before OfflineData.dll, so the hooks are in place when OfflineData.dll first needs OfflineData.Core.
    /// On PowerShell 7.4+ the dependencies load into the module's own AssemblyLoadContext (OfflineData.LoadContext.dll),
    /// so another module's CsvHelper, SharpZipLib or SQLite in the session does not clash with ours; OfflineData.dll and
    /// the loaders stay in the default context. On Windows PowerShell 5.1 (.NET Framework has no load contexts) an
    /// AssemblyResolve handler loads them from the folder.
    /// </summary>
    public sealed class ModuleLoader : IModuleAssemblyInitializer
    {
        /// <summary>The name of the folder, next to OfflineData.dll, that holds the module's dependencies.</summary>
        public const string DependencyFolderName = "dependencies";

        private const string LoadContextFileName = "OfflineData.LoadContext.dll";
        private const string CmdletAssemblyFileName = "OfflineData.dll";
        private static readonly object Gate = new object();
        private static readonly string ModuleDirectory =
            Path.GetDirectoryName(typeof(ModuleLoader).Assembly.Location) ?? string.Empty;
        private static bool installed;

        /// <summary>The module's dependency folder (<c>&lt;module&gt;/dependencies</c>).</summary>
        public static string DependencyDirectory { get; } = Path.Combine(ModuleDirectory, DependencyFolderName);

        /// <summary>How this process loads the module's dependencies: <c>LoadContext</c> or <c>AssemblyResolve</c>; null before the first import.</summary>
        public static string? Mechanism { get; private set; }

        /// <summary>Called by PowerShell when the module is imported, before OfflineData.dll is loaded.</summary>
        public void OnImport()
        {
            lock (Gate)
            {
                // Once per process: Remove-Module cannot unload assemblies, and Import-Module again (in this or another
                // runspace) reuses the loaded OfflineData.dll, whose references must keep resolving the same way.
                if (installed) return;
                if (UsesLoadContext())
                {
                    InstallLoadContext();
                    Mechanism = "LoadContext";
                }
                else
                {
                    AppDomain.CurrentDomain.AssemblyResolve += ResolveFromDependencyDirectory;
                    Mechanism = "AssemblyResolve";
                }

                installed = true;
            }
        }

        /// <summary>
        /// True on .NET 8 or later (PowerShell 7.4+) when OfflineData.LoadContext.dll is present. .NET Framework
        /// (Windows PowerShell 5.1) and older .NET (PowerShell 7.0-7.3, out of support) use the AssemblyResolve handler.
        /// </summary>
        internal static bool UsesLoadContext() =>
            !RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal)
            && Environment.Version.Major >= 8
            && File.Exists(Path.Combine(ModuleDirectory, LoadContextFileName));

        private static void InstallLoadContext()
        {
            // LoadFrom puts OfflineData.LoadContext.dll in the default context, next to this assembly. It is compiled
            // for net8.0 only, so this netstandard2.0 assembly reaches it by reflection: one call per process.
            var loadContext = Assembly.LoadFrom(Path.Combine(ModuleDirectory, LoadContextFileName));
            var install = loadContext.GetType("OfflineData.LoadContext.DependencyIsolation", throwOnError: true)!
                .GetMethod("Install", new[] { typeof(string), typeof(string) })!;
            try
            {
                install.Invoke(null, new object[] { DependencyDirectory, Path.Combine(ModuleDirectory, CmdletAssemblyFileName) });
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                // The loader's own exception (e.g. an unreadable dependency folder), not the reflection wrapper.
                ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            }
        }

        private static Assembly? ResolveFromDependencyDirectory(object? sender, ResolveEventArgs args)
        {
            var path = DependencyProbe.Find(DependencyDirectory, new AssemblyName(args.Name));
            return path == null ? null : Assembly.LoadFrom(path);
        }
    }
}
