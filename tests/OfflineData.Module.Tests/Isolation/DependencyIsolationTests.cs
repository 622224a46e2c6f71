using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using OfflineData.Module.Tests.PowerShellHost;
using Xunit;

namespace OfflineData.Module.Tests.Isolation
{
    /// <summary>
    /// On PowerShell 7 the module's dependencies load in the module's own AssemblyLoadContext ("OfflineData"), so a
    /// session that already loaded other versions of them (see <see cref="ConflictingAssemblies"/>) still runs every
    /// cmdlet, and both versions stay loaded side by side; OfflineData.dll and the loaders stay in the default context.
    /// </summary>
    public sealed class DependencyIsolationTests : IDisposable
    {
        private readonly ModuleSession session = new ModuleSession();
        private readonly TestDirectory directory = new TestDirectory();

        private static string Example(string name) => Path.Combine(ModuleLocation.RepoRoot, "examples", name);

        [Fact]
        public void The_other_versions_were_loaded_into_the_default_context_before_the_module()
        {
            Assert.False(ConflictingAssemblies.CoreWasLoadedFirst);
            Assert.Equal(new Version(30, 0, 0, 0), ConflictingAssemblies.CsvHelper.GetName().Version);
            Assert.Equal(new Version(1, 2, 0), new Version(ConflictingAssemblies.SharpZipLib.GetName().Version!.ToString(3)));
            Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(ConflictingAssemblies.CsvHelper));
            Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(ConflictingAssemblies.SharpZipLib));
        }

        [Fact]
        public void Test_Convert_Import_and_ImportOnlineData_work_with_other_versions_of_CsvHelper_and_SharpZipLib_loaded_first()
        {
            var store = directory.Combine("store.db");
            var converted = directory.Combine("converted.csv");
            var result = session.Invoke(@"param($Csv, $Zip, $Online, $Converted, $Store, $CsvHelperPath, $SharpZipLibPath)
                # What Add-Type -Path does (Add-Type is not in this host): a no-op here, the test process loaded them first.
                $null = [System.Reflection.Assembly]::LoadFrom($CsvHelperPath)
                $null = [System.Reflection.Assembly]::LoadFrom($SharpZipLibPath)
                Test-OfflineDataFile -LiteralPath $Csv, $Zip | ForEach-Object IsValid
                Convert-OfflineDataFile -LiteralPath $Zip -Destination $Converted | ForEach-Object { [int] $_.RowsWritten }
                Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store
                Import-OfflineData -LiteralPath $Csv -ReportSuite acme.prod -Store $Store | ForEach-Object Status
                # The module's only CsvHelper user since Convert reads sources with the format's own tokenizer.
                Import-OnlineData -LiteralPath $Online -ReportSuite acme.prod -Store $Store -WarningAction SilentlyContinue | ForEach-Object TransactionsRecorded
                # The session's own type names still mean the versions it loaded itself.
                [CsvHelper.CsvReader].Assembly.GetName().Version.Major
                [ICSharpCode.SharpZipLib.Zip.ZipFile].Assembly.GetName().Version.ToString(2)",
                new Hashtable
                {
                    ["Csv"] = Example("valid-sample.csv"),
                    ["Zip"] = Example("valid-sample.zip"),
                    ["Online"] = Example(Path.Combine("import", "online-transactions.csv")),
                    ["Converted"] = converted,
                    ["Store"] = store,
                    ["CsvHelperPath"] = ConflictingAssemblies.CsvHelperPath,
                    ["SharpZipLibPath"] = ConflictingAssemblies.SharpZipLibPath,
                }).ThrowIfFailed();

            var output = result.Output.Select(o => o.BaseObject).ToList();
            Assert.Equal(new object[] { true, true, 10, "Imported", 4L, 30, "1.2" }, output.ToArray());
            Assert.True(File.Exists(converted));
            Assert.True(File.Exists(store));

            // Both versions are loaded side by side: the session's in the default context, the module's in its own.
            AssertLoadedSideBySide("CsvHelper", ConflictingAssemblies.CsvHelper, new Version(33, 0, 0, 0));
            AssertLoadedSideBySide("ICSharpCode.SharpZipLib", ConflictingAssemblies.SharpZipLib, new Version(1, 4, 2, 13));
        }

        [Fact]
        public void Every_assembly_of_the_dependency_folder_loads_in_the_module_context_and_the_module_root_in_the_default_one()
        {
            // Import-OnlineData loads CsvHelper (its CSV reader is the module's only user of it); without it this test
            // passed only when another test of the run had loaded it.
            session.Invoke(@"param($Zip, $Online, $Store)
                $null = Test-OfflineDataFile -LiteralPath $Zip
                $null = Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store
                $null = Import-OnlineData -LiteralPath $Online -ReportSuite acme.prod -Store $Store -WarningAction SilentlyContinue",
                new Hashtable { ["Zip"] = Example("valid-sample.zip"), ["Online"] = Example(Path.Combine("import", "online-transactions.csv")), ["Store"] = directory.Combine("store.db") }).ThrowIfFailed();

            var moduleAssemblies = AppDomain.CurrentDomain.GetAssemblies()
                .Where(a => !a.IsDynamic && a.Location.StartsWith(ModuleLocation.ModuleDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .ToList();
            var fromDependencies = moduleAssemblies.Where(a => Path.GetDirectoryName(a.Location) == ModuleLocation.DependencyDirectory).ToList();
            var fromRoot = moduleAssemblies.Except(fromDependencies).ToList();

            Assert.All(fromDependencies, a => Assert.Equal("OfflineData", AssemblyLoadContext.GetLoadContext(a)!.Name));
            Assert.Superset(
                new[] { "OfflineData.Core", "CsvHelper", "ICSharpCode.SharpZipLib", "Microsoft.Data.Sqlite", "SQLitePCLRaw.core", "System.IO.Hashing" }.ToHashSet(),
                fromDependencies.Select(a => a.GetName().Name!).ToHashSet());
            Assert.Equal(
                new[] { "OfflineData", "OfflineData.LoadContext", "OfflineData.Loader" },
                fromRoot.Select(a => a.GetName().Name!).OrderBy(n => n, StringComparer.Ordinal).ToArray());
            Assert.All(fromRoot, a => Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(a)));

            // The core is loaded once, in the module's context: the default context's hook hands over that same copy.
            var core = Assert.Single(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "OfflineData.Core");
            Assert.Equal("OfflineData", AssemblyLoadContext.GetLoadContext(core)!.Name);
        }

        [Fact]
        public void What_the_platform_carries_in_an_equal_or_higher_version_is_not_loaded_from_the_dependency_folder()
        {
            // The module ships netstandard2.0 copies of System.Memory, System.Buffers, code pages ... for Windows PowerShell;
            // PowerShell 7's own are newer, so the module shares them rather than loading a second System.Memory.
            session.Invoke("param($Csv) $null = Test-OfflineDataFile -LiteralPath $Csv", new Hashtable { ["Csv"] = Example("valid-sample.csv") }).ThrowIfFailed();

            foreach (var name in new[] { "System.Memory", "System.Buffers", "System.Text.Encoding.CodePages", "System.Runtime.CompilerServices.Unsafe" })
            {
                Assert.True(File.Exists(Path.Combine(ModuleLocation.DependencyDirectory, name + ".dll")), name + " is shipped for Windows PowerShell");
                Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == name && AssemblyLoadContext.GetLoadContext(a) != AssemblyLoadContext.Default);
            }
        }

        [Fact]
        public void The_loader_uses_the_load_context_on_PowerShell_7()
        {
            var result = session.Invoke("[OfflineData.Loader.ModuleLoader]::Mechanism; (Get-Module OfflineData).NestedModules.Name").ThrowIfFailed();

            Assert.Equal(new object[] { "LoadContext", "OfflineData.Loader" }, result.Output.Select(o => o.BaseObject).ToArray());
        }

        [Fact]
        public void Remove_Module_then_Import_Module_again_in_the_same_session_works_on_the_same_copies()
        {
            var result = session.Invoke(@"param($ManifestPath, $Csv)
                Remove-Module OfflineData
                @(Get-Module OfflineData).Count
                Import-Module $ManifestPath -ErrorAction Stop
                Test-OfflineDataFile -LiteralPath $Csv | ForEach-Object IsValid
                Remove-Module OfflineData
                Import-Module $ManifestPath -Force -ErrorAction Stop
                Test-OfflineDataFile -LiteralPath $Csv | ForEach-Object IsValid",
                new Hashtable { ["ManifestPath"] = ModuleLocation.ManifestPath, ["Csv"] = Example("valid-sample.csv") }).ThrowIfFailed();

            Assert.Equal(new object[] { 0, true, true }, result.Output.Select(o => o.BaseObject).ToArray());
            Assert.Single(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "OfflineData.Core");
            Assert.Single(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "CsvHelper" && a.GetName().Version!.Major == 33);
            Assert.Single(AssemblyLoadContext.All, c => c.Name == "OfflineData");
        }

        private static void AssertLoadedSideBySide(string name, Assembly sessions, Version modules)
        {
            var loaded = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == name).ToList();
            Assert.Contains(sessions, loaded);
            var module = Assert.Single(loaded, a => a.GetName().Version == modules);
            Assert.Equal("OfflineData", AssemblyLoadContext.GetLoadContext(module)!.Name);
            Assert.Equal(Path.Combine(ModuleLocation.DependencyDirectory, Path.GetFileName(module.Location)), module.Location);
            Assert.NotEqual(sessions.GetName().Version, module.GetName().Version);
        }

        public void Dispose()
        {
            session.Dispose();
            directory.Dispose();
        }
    }
}
