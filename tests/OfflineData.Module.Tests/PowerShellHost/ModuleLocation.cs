using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace OfflineData.Module.Tests.PowerShellHost
{
    /// <summary>
    /// Where the assembled module and the repository are, as recorded by the build in this test
    /// assembly's <see cref="AssemblyMetadataAttribute"/>s (see OfflineData.Module.Tests.csproj).
    /// </summary>
    public static class ModuleLocation
    {
        /// <summary>Full path of out/OfflineData/OfflineData.psd1, the manifest a user imports.</summary>
        public static string ManifestPath { get; } = Path.GetFullPath(ReadMetadata("ModulePath"));

        /// <summary>The assembled module folder (out/OfflineData).</summary>
        public static string ModuleDirectory { get; } = Path.GetDirectoryName(ManifestPath)!;

        /// <summary>
        /// The module's dependency folder (out/OfflineData/dependencies): OfflineData.Core, CsvHelper, SQLite and the rest,
        /// which PowerShell 7 loads into the module's own load context.
        /// </summary>
        public static string DependencyDirectory { get; } = Path.Combine(ModuleDirectory, "dependencies");

        /// <summary>The repository root (the folder holding OfflineData.sln).</summary>
        public static string RepoRoot { get; } = Path.GetFullPath(ReadMetadata("RepoRoot"));

        /// <summary>The source manifest at the repository root, which the build copies into the module folder.</summary>
        public static string SourceManifestPath { get; } = Path.Combine(RepoRoot, "OfflineData.psd1");

        /// <summary>
        /// Throws a message that says what to do when the module has not been assembled yet,
        /// instead of letting Import-Module fail with a path error further down.
        /// </summary>
        public static void EnsureModuleIsBuilt() => EnsureModuleIsBuilt(ManifestPath);

        /// <summary>As <see cref="EnsureModuleIsBuilt()"/>, for the manifest at <paramref name="manifestPath"/>.</summary>
        public static void EnsureModuleIsBuilt(string manifestPath)
        {
            if (!File.Exists(manifestPath))
            {
                throw new InvalidOperationException(
                    $"The assembled OfflineData module was not found at '{manifestPath}'. " +
                    "Build the solution first (dotnet build OfflineData.sln, or dotnet test OfflineData.sln which builds it); " +
                    "the build assembles the module folder out/OfflineData.");
            }
        }

        private static string ReadMetadata(string key)
        {
            var value = typeof(ModuleLocation).Assembly
                .GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == key)?.Value;
            if (string.IsNullOrEmpty(value))
            {
                throw new InvalidOperationException(
                    $"The test assembly has no '{key}' AssemblyMetadata; it is set by OfflineData.Module.Tests.csproj. Rebuild the test project.");
            }

            return value!;
        }
    }
}
