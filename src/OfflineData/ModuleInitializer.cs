using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace OfflineData.Commands
{
    /// <summary>
    /// Resolves the module's own dependencies (CsvHelper, SharpZipLib, ...) from the module folder,
    /// so the module loads in Windows PowerShell 5.1 and PowerShell 7 without touching the GAC or PSHOME.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string ModuleDirectory =
            Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;

        /// <summary>Called by PowerShell when the module is imported.</summary>
        public void OnImport() => AppDomain.CurrentDomain.AssemblyResolve += ResolveFromModuleDirectory;

        /// <summary>Called by PowerShell when the module is removed.</summary>
        public void OnRemove(PSModuleInfo psModuleInfo) => AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromModuleDirectory;

        private static Assembly? ResolveFromModuleDirectory(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            if (string.IsNullOrEmpty(name)) return null;
            var candidate = Path.Combine(ModuleDirectory, name + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        }
    }
}
