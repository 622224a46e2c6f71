using System.IO;
using OfflineData.Module.Tests.PowerShellHost;
using Xunit;

namespace OfflineData.Module.Tests.Module
{
    /// <summary>The shipped manifest declares what Windows PowerShell 5.1 and PowerShell 7 need to load the module.</summary>
    public sealed class ManifestTests
    {
        private readonly ModuleManifest _manifest;

        public ManifestTests()
        {
            ModuleLocation.EnsureModuleIsBuilt();
            _manifest = ModuleManifest.Load(ModuleLocation.ManifestPath);
        }

        [Fact]
        public void The_assembled_manifest_is_the_one_at_the_repository_root()
        {
            Assert.Equal(File.ReadAllText(ModuleLocation.SourceManifestPath), File.ReadAllText(ModuleLocation.ManifestPath));
        }

        [Fact]
        public void Declares_both_editions_and_PowerShell_5_1()
        {
            Assert.Equal(new[] { "Core", "Desktop" }, Sorted(_manifest.CompatiblePSEditions));
            Assert.Equal("5.1", _manifest.PowerShellVersion);
        }

        [Fact]
        public void Root_module_is_the_cmdlet_assembly_and_ships_in_the_module_folder()
        {
            Assert.Equal("OfflineData.dll", _manifest.RootModule);
            Assert.True(File.Exists(Path.Combine(ModuleLocation.ModuleDirectory, _manifest.RootModule!)));
        }

        [Fact]
        public void Exports_cmdlets_by_name_never_by_wildcard()
        {
            Assert.NotEmpty(_manifest.CmdletsToExport);
            Assert.All(_manifest.CmdletsToExport, name => Assert.DoesNotContain("*", name));
        }

        [Fact]
        public void Every_format_and_type_file_ships_in_the_module_folder()
        {
            Assert.All(_manifest.FormatsToProcess, file =>
                Assert.True(File.Exists(Path.Combine(ModuleLocation.ModuleDirectory, file)), $"FormatsToProcess lists '{file}', which is not in {ModuleLocation.ModuleDirectory}."));
            Assert.All(_manifest.TypesToProcess, file =>
                Assert.True(File.Exists(Path.Combine(ModuleLocation.ModuleDirectory, file)), $"TypesToProcess lists '{file}', which is not in {ModuleLocation.ModuleDirectory}."));
        }

        private static string[] Sorted(System.Collections.Generic.IEnumerable<string> values)
        {
            var array = System.Linq.Enumerable.ToArray(values);
            System.Array.Sort(array, System.StringComparer.Ordinal);
            return array;
        }
    }
}
