using System;
using System.IO;
using System.Linq;
using OfflineData.Module.Tests.PowerShellHost;
using Xunit;

namespace OfflineData.Module.Tests.Store
{
    /// <summary>The native SQLite library loads from the module's dependency folder, not from the test's own dependencies.</summary>
    public sealed class NativeSqliteLoadingTests : IDisposable
    {
        private readonly StoreScenario scenario = new StoreScenario();

        [Fact]
        public void The_assembled_module_ships_e_sqlite3_for_Windows_and_Linux_x64_next_to_the_core()
        {
            // runtimes/ sits beside OfflineData.Core.dll, where NativeSqliteLoader looks (relative to the core assembly).
            Assert.True(File.Exists(Path.Combine(ModuleLocation.DependencyDirectory, "runtimes", "linux-x64", "native", "libe_sqlite3.so")));
            Assert.True(File.Exists(Path.Combine(ModuleLocation.DependencyDirectory, "runtimes", "win-x64", "native", "e_sqlite3.dll")));
            Assert.True(File.Exists(Path.Combine(ModuleLocation.DependencyDirectory, "Microsoft.Data.Sqlite.dll")));
            Assert.True(File.Exists(Path.Combine(ModuleLocation.DependencyDirectory, "OfflineData.Core.dll")));
            Assert.False(Directory.Exists(Path.Combine(ModuleLocation.ModuleDirectory, "runtimes")));
        }

        [Fact]
        public void A_store_is_created_through_the_module_and_SQLite_is_loaded_from_the_module_folder()
        {
            var result = scenario.Run(@"param($Store)
                Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store -PassThru | ForEach-Object Enabled
                [OfflineData.Core.Store.Sqlite.NativeSqliteLoader, OfflineData.Core]::NativePath").ThrowIfFailed();

            Assert.True((bool)result.Output[0].BaseObject);
            var native = (string)result.Output[1].BaseObject;
            Assert.StartsWith(Path.Combine(ModuleLocation.DependencyDirectory, "runtimes"), native);
            Assert.True(File.Exists(scenario.StorePath));
        }

        [Fact]
        public void The_test_process_itself_carries_no_SQLite_so_the_module_must_bring_its_own()
        {
            // If the test host had e_sqlite3 or Microsoft.Data.Sqlite next to it, the test above would prove nothing.
            var testDirectory = AppContext.BaseDirectory;
            Assert.False(File.Exists(Path.Combine(testDirectory, "Microsoft.Data.Sqlite.dll")));
            Assert.False(Directory.Exists(Path.Combine(testDirectory, "runtimes")) &&
                Directory.EnumerateFiles(Path.Combine(testDirectory, "runtimes"), "*e_sqlite3*", SearchOption.AllDirectories).Any());
        }

        public void Dispose() => scenario.Dispose();
    }
}
