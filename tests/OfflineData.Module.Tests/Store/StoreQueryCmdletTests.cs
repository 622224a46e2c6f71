using System;
using System.Linq;
using OfflineData.Module.Tests.StoreKinds;
using Xunit;

namespace OfflineData.Module.Tests.Store
{
    /// <summary>Get-OfflineDataImport and Get-OfflineData: confirming the data arrived, newest first, filtered; against each kind of store.</summary>
    public abstract class StoreQueryCmdletTests : IDisposable
    {
        private readonly StoreScenario scenario;

        protected StoreQueryCmdletTests(StoreKind kind) => scenario = new StoreScenario(kind);

        [StoreFact]
        public void Get_OfflineDataImport_lists_the_ledger_newest_first_and_filters()
        {
            var second = scenario.Directory.WriteText("second.csv", "2025-03-02 10:00:00;CUST-20001;7;;SKU;1;5.00\n");
            var result = scenario.Run(@"param($Store, $First, $Second)
                $null = Import-OfflineData -Path $First -ReportSuite acme.prod -Store $Store
                $null = Import-OfflineData -Path $Second -ReportSuite acme.test -Store $Store
                Get-OfflineDataImport -Store $Store | ForEach-Object FileName
                Get-OfflineDataImport -ReportSuite acme.prod -Store $Store | ForEach-Object FileName
                Get-OfflineDataImport -FileName 'sec*' -Store $Store | ForEach-Object ReportSuite
                @(Get-OfflineDataImport -Status Failed -Store $Store).Count",
                ("First", StoreScenario.OfflineSample), ("Second", second)).ThrowIfFailed();

            Assert.Equal(new object[] { "second.csv", "valid-sample.csv", "valid-sample.csv", "acme.test", 0 }, result.Output.Select(o => o.BaseObject));
        }

        [StoreFact]
        public void Get_OfflineDataImport_takes_From_and_To_like_Get_OfflineData_and_still_After_and_Before()
        {
            var result = scenario.Run(@"param($Store, $First)
                $null = Import-OfflineData -Path $First -ReportSuite acme.prod -Store $Store
                $past = [datetime]::Now.AddDays(-1); $future = [datetime]::Now.AddDays(1)
                @(Get-OfflineDataImport -Store $Store -From $past -To $future).Count
                @(Get-OfflineDataImport -Store $Store -From $future).Count
                @(Get-OfflineDataImport -Store $Store -After $past -Before $future).Count
                @(Get-OfflineDataImport -Store $Store -To $past).Count",
                ("First", StoreScenario.OfflineSample)).ThrowIfFailed();

            Assert.Equal(new object[] { 1, 0, 1, 0 }, result.Output.Select(o => o.BaseObject));
        }

        [StoreFact]
        public void Get_OfflineData_reads_rows_back_with_outcome_and_reason_filtered_and_newest_first()
        {
            scenario.RecordOnlineSample();
            var result = scenario.Run(@"param($Store, $File)
                $null = Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store
                Get-OfflineData -Store $Store -First 1 | ForEach-Object { '{0} {1} {2}' -f $_.CustomerId, $_.Outcome, $_.Reason }
                Get-OfflineData -Store $Store -Outcome Unattributed | ForEach-Object { '{0}' -f $_.Reason }
                Get-OfflineData -Store $Store -CustomerId CUST-10003 | ForEach-Object CreditedVisitorId
                @(Get-OfflineData -Store $Store -From '2025-03-01 12:00:00' -To '2025-03-01 15:00:00').Count
                Get-OfflineDataImport -Store $Store | Get-OfflineData -Store $Store -Reason TransactionExpired | ForEach-Object TransactionId",
                ("File", StoreScenario.OfflineSample)).ThrowIfFailed();

            var lines = result.Output.Select(o => o.BaseObject.ToString()).ToList();
            Assert.Equal("CUST-10003 CustomerId CustomerMatched", lines[0]);
            Assert.Equal(new[] { "OfflineBeforeOnline", "TransactionUnknown", "CustomerUnknown", "TransactionExpired" }, lines.Skip(1).Take(4));
            Assert.Equal(new[] { "CUST-10003", "CUST-10003" }, lines.Skip(5).Take(2));
            Assert.Equal("3", lines[7]);
            Assert.Equal("ORD-2025-000103", lines[8]);
        }

        [StoreFact]
        public void Reading_a_store_that_does_not_exist_returns_nothing_and_creates_nothing()
        {
            var result = scenario.Run("param($Store) Get-OfflineData -Store $Store; Get-OfflineDataImport -Store $Store; Get-TransactionIdRecording -Store $Store").ThrowIfFailed();

            Assert.Empty(result.Output);
            Assert.False(scenario.StoreExists());
        }

        [StoreTheory]
        [InlineData("Get-OfflineData -Store $Empty")]
        [InlineData("Get-OfflineData -Store ''")]
        [InlineData("Get-OfflineDataImport -Store $Empty")]
        [InlineData("Get-TransactionIdRecording -Store $Empty")]
        [InlineData("Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Empty")]
        [InlineData("Import-OnlineData -Path $Online -ReportSuite acme.prod -Store $Empty")]
        [InlineData("Import-OfflineData -Path $Offline -ReportSuite acme.prod -Store $Empty")]
        [InlineData("Import-OfflineData -Path $Offline -ReportSuite acme.prod -Store $null")]
        public void An_empty_Store_on_the_command_line_is_InvalidPath_not_the_default_store(string command)
        {
            // -Store $cfg.Store with the setting missing used to import into the per-user default store, silently.
            var result = scenario.Run("param($Store, $Empty, $Online, $Offline) " + command,
                ("Empty", " "), ("Online", StoreScenario.OnlineSample), ("Offline", StoreScenario.OfflineSample));

            // Statement-terminating (ThrowTerminatingError): in a script the engine records it with the errors.
            var error = result.TerminatingError ?? Assert.Single(result.Errors);
            Assert.StartsWith("InvalidPath,", error.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("-Store is empty", error.Exception.Message);
            Assert.Empty(result.Output);
        }

        [StoreFact]
        public void Stored_rows_piped_into_Get_OfflineData_select_themselves_also_without_a_transaction_ID_and_as_strings()
        {
            var result = scenario.Run(@"param($Store, $File)
                $null = Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store
                $all = @(Get-OfflineData -Store $Store)
                @($all | Where-Object { -not $_.TransactionId }).Count -gt 0
                (Get-OfflineData -Store $Store -First 2 | Get-OfflineData | ForEach-Object Id) -join ','
                ($all[0..1] | ForEach-Object Id) -join ','
                @($all | Get-OfflineData).Count -eq $all.Count
                # What Import-Csv gives back: every value a string, an empty transaction ID an empty string.
                $copy = $all | Where-Object { -not $_.TransactionId } | ForEach-Object { [pscustomobject]@{ Id = [string]$_.Id; ImportId = [string]$_.ImportId; ReportSuite = $_.ReportSuite; CustomerId = $_.CustomerId; TransactionId = ''; Store = $_.Store } }
                ($copy | Get-OfflineData | ForEach-Object Id) -join ','
                ($copy | ForEach-Object Id) -join ','
                [pscustomobject]@{ TransactionId = ''; CustomerId = $null } | Get-OfflineData -Store $Store -ErrorAction SilentlyContinue -ErrorVariable unbound
                $unbound.FullyQualifiedErrorId",
                ("File", StoreScenario.OfflineSample));

            Assert.True(result.TerminatingError == null && result.Errors.All(e => e.FullyQualifiedErrorId.StartsWith("InputObjectNotBound", StringComparison.Ordinal)), result.DescribeErrors());
            var lines = result.Output.Select(o => o.BaseObject.ToString()).ToList();
            Assert.Equal("True", lines[0]);
            Assert.Equal(lines[2], lines[1]);
            Assert.Equal("True", lines[3]);
            Assert.Equal(lines[5], lines[4]);
            Assert.Equal("InputObjectNotBound,OfflineData.Commands.GetOfflineDataCommand", lines[6]);
        }

        [StoreTheory]
        [InlineData("Get-OfflineData")]
        [InlineData("Get-OfflineDataImport")]
        public void A_reversed_From_To_range_is_an_InvalidArgument_error_naming_both_values(string command)
        {
            var result = scenario.Run($"param($Store) {command} -Store $Store -From 2026-01-01 -To 2020-01-01");

            var error = result.TerminatingError ?? Assert.Single(result.Errors);
            Assert.Equal($"InvalidTimeRange,OfflineData.Commands.{command.Replace("-", string.Empty)}Command", error.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("2026-01-01", error.Exception.Message);
            Assert.Contains("2020-01-01", error.Exception.Message);
            Assert.False(scenario.StoreExists());
        }

        [StoreFact]
        public void A_ledger_time_a_DateTimeOffset_can_be_given_to_From_and_To()
        {
            var result = scenario.Run(@"param($Store, $File)
                $null = Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store
                $entry = Get-OfflineDataImport -Store $Store
                @(Get-OfflineDataImport -Store $Store -From $entry.StartedAt).Count
                @(Get-OfflineDataImport -Store $Store -To $entry.StartedAt.AddSeconds(-1)).Count
                @(Get-OfflineData -Store $Store -From ([DateTimeOffset]'2025-03-01 12:00:00') -To '2025-03-01 15:00:00').Count",
                ("File", StoreScenario.OfflineSample)).ThrowIfFailed();

            Assert.Equal(new object[] { 1, 0, 3 }, result.Output.Select(o => o.BaseObject));
        }

        /// <summary>The scenario, for the tests of one kind of store.</summary>
        protected StoreScenario Scenario => scenario;

        public void Dispose() => scenario.Dispose();

        /// <summary>Against an SQLite store file.</summary>
        public sealed class Sqlite : StoreQueryCmdletTests
        {
            public Sqlite()
                : base(StoreKind.Sqlite)
            {
            }

            [Fact]
            public void A_reading_cmdlet_migrates_an_older_store_in_place_and_reads_it()
            {
                // README "Where the store lives": the first cmdlet to open an older store migrates it, a reading one included.
                // The version-1 store is made from a current one with the module's own SQLite (the test process has none).
                var result = Scenario.Run(@"param($Store, $File)
                    $null = Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store
                    $connection = $SqliteConnection::new(""Data Source=$Store;Pooling=False"")
                    $connection.Open()
                    $command = $connection.CreateCommand()
                    $command.CommandText = 'DROP TABLE consent; DROP TABLE export_batch; DROP TABLE delivery; DROP INDEX offline_row_customer; DROP INDEX offline_row_transaction; ALTER TABLE import DROP COLUMN transaction_id_column; PRAGMA user_version = 1;'
                    $null = $command.ExecuteNonQuery()
                    $command.CommandText = 'PRAGMA user_version;'
                    $command.ExecuteScalar()
                    $connection.Dispose()
                    (Get-OfflineDataImport -Store $Store).TransactionIdColumn
                    @(Get-OfflineData -Store $Store).Count
                    $connection = $SqliteConnection::new(""Data Source=$Store;Pooling=False"")
                    $connection.Open()
                    $command = $connection.CreateCommand()
                    $command.CommandText = 'PRAGMA user_version;'
                    $command.ExecuteScalar()
                    $connection.Dispose()", ("File", StoreScenario.OfflineSample)).ThrowIfFailed();

                Assert.Equal(1L, result.Output[0].BaseObject);
                Assert.Equal("EventTransaction Attr1", result.Output[1].BaseObject);
                Assert.Equal(10, result.Output[2].BaseObject);
                Assert.True((long)result.Output[3].BaseObject > 1, "the store was not migrated");
            }
        }

        /// <summary>Against a PostgreSQL database (OFFLINEDATA_TEST_POSTGRES).</summary>
        public sealed class PostgreSql : StoreQueryCmdletTests, IRunsOnPostgres
        {
            public PostgreSql()
                : base(StoreKind.PostgreSql)
            {
            }
        }
    }
}
