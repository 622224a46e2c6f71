using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace OfflineData.Module.Tests.Store
{
    /// <summary>
    /// Issue 7, items 2 and 20 as a pwsh user sees them: a store failure is a non-terminating StoreUnavailable (or,
    /// per file, ImportFailed) naming the cause, never a raw SqliteException; a file with nothing to import fails.
    /// </summary>
    public sealed class StoreFailureCmdletTests : IDisposable
    {
        private readonly StoreScenario scenario = new StoreScenario();

        /// <summary>Runs SQL against the store with the module's own SQLite provider (loaded by the cmdlet before).</summary>
        private const string SqlFunction = @"
            function Invoke-StoreSql([string] $Store, [string] $Sql) {
                $connection = $SqliteConnection::new(""Data Source=$Store;Pooling=False"")
                try { $connection.Open(); $command = $connection.CreateCommand(); $command.CommandText = $Sql; $command.ExecuteScalar() }
                finally { $connection.Dispose() }
            }";

        private void ImportSample() =>
            scenario.Run(@"param($Store, $File)
                Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store
                $null = Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store",
                ("File", StoreScenario.OfflineSample)).ThrowIfFailed();

        [Fact]
        public void Every_store_cmdlet_reports_missing_tables_as_a_non_terminating_error_naming_the_cause_and_the_store()
        {
            ImportSample();
            var result = scenario.Run(@"param($Store, $File, $Online, $Online2)" + SqlFunction + @"
                $null = Invoke-StoreSql $Store 'DROP TABLE offline_row; DROP TABLE import; DROP TABLE report_suite;'
                Get-OfflineData -Store $Store; 'after Get-OfflineData'
                Get-OfflineDataImport -Store $Store; 'after Get-OfflineDataImport'
                Get-TransactionIdRecording -Store $Store; 'after Get-TransactionIdRecording'
                Set-TransactionIdRecording -ReportSuite one, two -Enabled -Store $Store; 'after Set-TransactionIdRecording'
                Import-OnlineData -Path $Online, $Online2 -ReportSuite acme.prod -Store $Store; 'after Import-OnlineData'
                Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store | ForEach-Object { '{0} {1}' -f $_.Status, $_.FailureCause }
                'end'",
                ("File", StoreScenario.OfflineSample), ("Online", StoreScenario.OnlineSample),
                ("Online2", scenario.Directory.WriteText("online2.csv", File.ReadAllText(StoreScenario.OnlineSample))));

            Assert.Null(result.TerminatingError);
            var lines = result.Output.Select(o => o.BaseObject.ToString()).ToList();
            Assert.Equal(new[] { "after Get-OfflineData", "after Get-OfflineDataImport", "after Get-TransactionIdRecording", "after Set-TransactionIdRecording", "after Import-OnlineData", "Failed StoreFailed", "end" }, lines);
            var unavailable = result.Errors.Where(e => e.FullyQualifiedErrorId.StartsWith("StoreUnavailable", StringComparison.Ordinal)).ToList();
            Assert.True(unavailable.Count == 7, result.DescribeErrors()); // 3 readers, 2 report suites, 2 files
            Assert.All(unavailable, e =>
            {
                Assert.Equal(ErrorCategory.DeviceError, e.CategoryInfo.Category); // tables missing: the store's data is damaged
                Assert.Equal(scenario.StorePath, e.TargetObject);
                Assert.Contains("tables are missing", e.Exception.Message);
                Assert.Contains(scenario.StorePath, e.Exception.Message);
            });
            var failed = Assert.Single(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("ImportFailed", StringComparison.Ordinal));
            Assert.Equal(ErrorCategory.DeviceError, failed.CategoryInfo.Category);
            Assert.Equal(StoreScenario.OfflineSample, failed.TargetObject);
            Assert.Equal(8, result.Errors.Count);
            Assert.DoesNotContain(result.Errors, e => e.Exception.GetType().Name == "SqliteException");
        }

        [Fact]
        public void A_store_from_a_newer_release_is_a_StoreUnavailable_error_of_category_InvalidOperation()
        {
            ImportSample();
            var result = scenario.Run(@"param($Store)" + SqlFunction + @"
                $null = Invoke-StoreSql $Store 'PRAGMA user_version = 1000;'
                Get-OfflineData -Store $Store; '$? ' + $?");

            Assert.Null(result.TerminatingError);
            Assert.Equal("$? False", Assert.Single(result.Output).BaseObject);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("StoreUnavailable,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
            Assert.Equal(scenario.StorePath, error.TargetObject);
            Assert.Contains("newer than this release", error.Exception.Message);
            Assert.Equal("SchemaTooNew", ((dynamic)error.Exception).Kind.ToString());
        }

        [Theory]
        [InlineData("Unavailable", ErrorCategory.ResourceUnavailable)]
        [InlineData("Busy", ErrorCategory.ResourceBusy)]
        [InlineData("SchemaTooNew", ErrorCategory.InvalidOperation)]
        [InlineData("Constraint", ErrorCategory.WriteError)]
        [InlineData("IO", ErrorCategory.DeviceError)]
        [InlineData("PermissionDenied", ErrorCategory.PermissionDenied)]
        [InlineData("Other", ErrorCategory.ResourceUnavailable)]
        public void Each_store_failure_kind_has_the_documented_error_category(string kind, ErrorCategory category)
        {
            // The one mapping (internal to the cmdlets, so reached by reflection), as docs/errors.md documents it.
            var result = scenario.Run(@"param($Store, $Kind)
                $opener = [OfflineData.Commands.ImportOfflineDataCommand].Assembly.GetType('OfflineData.Commands.Store.StoreOpener', $true)
                $opener.GetMethod('Category').Invoke($null, @([Enum]::Parse([OfflineData.Core.Store.StoreFailureKind, OfflineData.Core], $Kind))).ToString()",
                ("Kind", kind)).ThrowIfFailed();

            Assert.Equal(category.ToString(), Assert.Single(result.Output).BaseObject);
        }

        [Fact]
        public void A_store_with_a_damaged_page_is_refused_for_an_import_and_keeps_its_ledger()
        {
            ImportSample();
            var result = scenario.Run(@"param($Store, $File, $Copy)" + SqlFunction + @"
                $root = Invoke-StoreSql $Store ""SELECT rootpage FROM sqlite_master WHERE name = 'offline_row_customer'""
                $bytes = [IO.File]::ReadAllBytes($Store)
                for ($i = 0; $i -lt 64; $i++) { $bytes[($root - 1) * 4096 + $i] = 0xA5 }
                [IO.File]::WriteAllBytes($Store, $bytes)
                Import-OfflineData -Path $File, $Copy -ReportSuite acme.prod -Store $Store -Force | ForEach-Object { '{0} {1}' -f $_.Status, $_.FailureCause }
                Get-OfflineDataImport -Store $Store | ForEach-Object Status",
                ("File", StoreScenario.OfflineSample), ("Copy", scenario.Directory.WriteText("copy.csv", File.ReadAllText(StoreScenario.OfflineSample) + "2025-03-09 10:00:00;CUST-9;7;;SKU;1;5.00\n")));

            Assert.True(result.TerminatingError == null, result.DescribeErrors());
            Assert.Equal(new[] { "Failed StoreFailed", "Failed StoreFailed", "Completed" }, result.Output.Select(o => o.BaseObject.ToString()));
            Assert.Equal(2, result.Errors.Count); // one per file: the second file was still tried
            Assert.All(result.Errors, error =>
            {
                Assert.Equal("ImportFailed,OfflineData.Commands.ImportOfflineDataCommand", error.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.DeviceError, error.CategoryInfo.Category);
                Assert.Contains("damaged", error.Exception.Message);
            });
        }

        [Fact]
        public void An_empty_or_header_only_file_fails_with_ImportFailed_and_a_Failed_ledger_entry_and_imports_once_it_has_rows()
        {
            var empty = scenario.Directory.WriteText("day.csv", string.Empty);
            var result = scenario.Run(@"param($Store, $File, $Sample)
                Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store | ForEach-Object { '{0} {1} {2}' -f $_.Status, $_.FailureCause, $_.Imported }
                Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store | ForEach-Object { '{0}' -f $_.Status }
                Get-OfflineDataImport -Store $Store | ForEach-Object { '{0} {1}' -f $_.Status, $_.FileName }
                [IO.File]::Copy($Sample, $File, $true)
                Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store -WarningAction SilentlyContinue | ForEach-Object { '{0}' -f $_.Status }",
                ("File", empty), ("Sample", StoreScenario.OfflineSample));

            Assert.Null(result.TerminatingError);
            Assert.Equal(new[] { "Failed NoImportableRows 0", "Failed", "Failed day.csv", "Failed day.csv", "Imported" }, result.Output.Select(o => o.BaseObject.ToString()));
            Assert.Equal(2, result.Errors.Count);
            Assert.All(result.Errors, e =>
            {
                Assert.Equal("ImportFailed,OfflineData.Commands.ImportOfflineDataCommand", e.FullyQualifiedErrorId);
                Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category);
                Assert.Equal(empty, e.TargetObject);
                Assert.Contains("holds no data row", e.Exception.Message);
            });
        }

        public void Dispose() => scenario.Dispose();
    }
}
