using System;
using System.IO;
using System.Linq;
using OfflineData.Module.Tests.PowerShellHost;
using Xunit;

namespace OfflineData.Module.Tests.Module
{
    /// <summary>The assembled module imports by its manifest path and loads its code from its own folder.</summary>
    public sealed class ModuleImportTests : IDisposable
    {
        private readonly ModuleSession _session = new ModuleSession();

        [Fact]
        public void Import_by_manifest_path_gives_the_OfflineData_binary_module_without_warnings()
        {
            Assert.Equal("OfflineData", _session.Module.Name);
            Assert.Equal(System.Management.Automation.ModuleType.Binary, _session.Module.ModuleType);
            Assert.Empty(_session.ImportResult.Warnings);
            Assert.Empty(_session.ImportResult.Errors);
        }

        [Fact]
        public void The_cmdlet_assembly_is_loaded_from_the_module_folder()
        {
            var location = _session.Module.ImplementingAssembly.Location;

            Assert.Equal(Path.Combine(ModuleLocation.ModuleDirectory, "OfflineData.dll"), location);
        }

        [Fact]
        public void The_core_assembly_is_resolved_from_the_dependency_folder_not_from_the_test()
        {
            // The test project does not reference the src assemblies, so a module that only worked
            // thanks to the test's own dependencies cannot pass here.
            Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "OfflineData.Core.dll")));

            // Load OfflineData.Core the way the cmdlets do when they first need it: by the name
            // OfflineData.dll references (a no-op when it is already loaded).
            var result = _session.Invoke(@"
                $reference = (Get-Module OfflineData).ImplementingAssembly.GetReferencedAssemblies() |
                    Where-Object Name -eq 'OfflineData.Core'
                [System.Reflection.Assembly]::Load($reference).Location").ThrowIfFailed();

            var location = Assert.Single(result.Output).BaseObject;
            Assert.Equal(Path.Combine(ModuleLocation.DependencyDirectory, "OfflineData.Core.dll"), location);
            var loaded = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "OfflineData.Core").ToList();
            Assert.All(loaded, a => Assert.Equal(Path.Combine(ModuleLocation.DependencyDirectory, "OfflineData.Core.dll"), a.Location));
        }

        [Fact]
        public void Importing_again_with_Force_succeeds()
        {
            var result = _session.Invoke("param($Path) Import-Module -Name $Path -Force -PassThru", new System.Collections.Hashtable { ["Path"] = ModuleLocation.ManifestPath });

            result.ThrowIfFailed();
            Assert.Equal("OfflineData", Assert.Single(result.Output).Properties["Name"].Value);
        }

        public void Dispose() => _session.Dispose();
    }
}
