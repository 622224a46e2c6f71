using System.IO;
using OfflineData.Module.Tests.PowerShellHost;
using Xunit;

namespace OfflineData.Module.Tests.Harness
{
    /// <summary>Manifests are read as data: single values and arrays alike, and nothing in them is run.</summary>
    public sealed class ModuleManifestTests
    {
        [Fact]
        public void Reads_single_values_arrays_and_missing_keys()
        {
            using var folder = new TestDirectory();
            var path = folder.WriteText("M.psd1", "@{ RootModule = 'M.dll'; cmdletstoexport = @('Get-A', 'Set-B'); FormatsToProcess = 'A.Format.ps1xml' }");

            var manifest = ModuleManifest.Load(path);

            Assert.Equal("M.dll", manifest.RootModule);
            Assert.Equal(new[] { "Get-A", "Set-B" }, manifest.CmdletsToExport);
            Assert.Equal(new[] { "A.Format.ps1xml" }, manifest.FormatsToProcess);
            Assert.Empty(manifest.TypesToProcess);
            Assert.Null(manifest.PowerShellVersion);
        }

        [Fact]
        public void Refuses_a_manifest_that_would_run_code()
        {
            using var folder = new TestDirectory();
            var path = folder.WriteText("M.psd1", "@{ RootModule = (Get-Command Get-Help).Name }");

            Assert.Throws<InvalidDataException>(() => ModuleManifest.Load(path));
        }

        [Fact]
        public void Refuses_a_manifest_with_a_syntax_error_naming_the_line()
        {
            using var folder = new TestDirectory();
            var path = folder.WriteText("M.psd1", "@{\n RootModule = 'M.dll'\n CmdletsToExport = @('a'\n}");

            var thrown = Assert.Throws<InvalidDataException>(() => ModuleManifest.Load(path));

            Assert.Contains("line", thrown.Message);
        }
    }
}
