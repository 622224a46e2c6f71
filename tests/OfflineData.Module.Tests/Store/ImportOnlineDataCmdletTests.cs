using System;
using System.Linq;
using OfflineData.Module.Tests.StoreKinds;
using Xunit;

namespace OfflineData.Module.Tests.Store
{
    /// <summary>Import-OnlineData from the assembled module: files, pipeline objects, recording off, duplicates, long IDs; against each kind of store.</summary>
    public abstract class ImportOnlineDataCmdletTests : IDisposable
    {
        private readonly StoreScenario scenario;

        protected ImportOnlineDataCmdletTests(StoreKind kind) => scenario = new StoreScenario(kind);

        [StoreFact]
        public void Records_the_example_file_and_reports_the_duplicate_transaction_as_a_warning()
        {
            var result = scenario.Run(@"param($Store, $Online)
                Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store
                Import-OnlineData -Path $Online -ReportSuite acme.prod -Store $Store
                Get-TransactionIdRecording acme.prod -Store $Store", ("Online", StoreScenario.OnlineSample)).ThrowIfFailed();

            var summary = result.Output[0];
            Assert.Equal("OfflineData.Core.Import.OnlineImportResult", summary.BaseObject.GetType().FullName);
            Assert.Equal(7L, StoreScenario.Property(summary, "Rows"));
            Assert.Equal(4L, StoreScenario.Property(summary, "TransactionsRecorded"));
            Assert.Equal(2L, StoreScenario.Property(summary, "VisitorRows"));
            Assert.Equal(1L, StoreScenario.Property(summary, "DuplicateTransactions"));
            Assert.Equal(true, StoreScenario.Property(summary, "Committed"));
            var warning = Assert.Single(result.Warnings);
            Assert.Contains("ORD-2025-000101", warning.Message);
            Assert.Contains(":7:", warning.Message); // the duplicate's line
            Assert.Equal(4L, StoreScenario.Property(result.Output[1], "RecordedTransactions"));
            Assert.Equal(6L, StoreScenario.Property(result.Output[1], "KnownVisitors"));
        }

        [StoreFact]
        public void Records_pipeline_objects_like_Import_Csv_output()
        {
            var result = scenario.Run(@"param($Store)
                Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store
                @(
                    [pscustomobject]@{ Timestamp = '2025-02-27 19:02:11'; VisitorId = 'V1'; TransactionId = 'T1'; Campaign = 'spring' },
                    @{ Timestamp = [datetime]'2025-02-28 10:00:00'; VisitorId = 'V2'; TransactionId = '' }
                ) | Import-OnlineData -ReportSuite acme.prod -Store $Store").ThrowIfFailed();

            var summary = Assert.Single(result.Output);
            Assert.Equal("pipeline", StoreScenario.Property(summary, "Source"));
            Assert.Equal(1L, StoreScenario.Property(summary, "TransactionsRecorded"));
            Assert.Equal(1L, StoreScenario.Property(summary, "VisitorRows"));
        }

        [StoreFact]
        public void While_recording_is_off_a_transaction_is_a_RecordingDisabled_error_and_nothing_of_the_row_is_recorded()
        {
            var result = scenario.Run(@"param($Store)
                Set-TransactionIdRecording -ReportSuite acme.prod -Enabled:$false -Store $Store
                [pscustomobject]@{ Timestamp = '2025-02-27 19:02:11'; VisitorId = 'V1'; TransactionId = 'T1' } | Import-OnlineData -ReportSuite acme.prod -Store $Store
                Get-TransactionIdRecording acme.prod -Store $Store");

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("RecordingDisabled", error.FullyQualifiedErrorId);
            Assert.Equal("InvalidOperation", error.CategoryInfo.Category.ToString());
            Assert.Contains("Set-TransactionIdRecording", error.Exception.Message);
            Assert.Equal("V1", StoreScenario.Property(Assert.IsAssignableFrom<System.Management.Automation.PSObject>(error.TargetObject), "VisitorId"));
            Assert.Equal(1L, StoreScenario.Property(result.Output[0], "Rejected"));
            Assert.Equal(0L, StoreScenario.Property(result.Output[1], "RecordedTransactions"));
            Assert.Equal(0L, StoreScenario.Property(result.Output[1], "KnownVisitors"));
        }

        [StoreFact]
        public void A_transaction_id_over_100_bytes_is_a_located_error()
        {
            var file = scenario.Directory.WriteText("web.csv", "Timestamp,VisitorId,TransactionId\n2025-02-27 19:02:11,V1," + new string('x', 101) + "\n2025-02-27 19:03:00,V2,T2\n");
            var result = scenario.Run(@"param($Store, $File)
                Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store
                Import-OnlineData -LiteralPath $File -ReportSuite acme.prod -Store $Store", ("File", file));

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("TransactionIdTooLong", error.FullyQualifiedErrorId);
            Assert.Contains(file + ":2", error.Exception.Message);
            Assert.Equal(1L, StoreScenario.Property(Assert.Single(result.Output), "TransactionsRecorded"));
        }

        [StoreFact]
        public void WhatIf_returns_a_dry_run_prediction_records_nothing_and_creates_no_store()
        {
            var result = scenario.Run(@"param($Store, $Online)
                Import-OnlineData -Path $Online -ReportSuite acme.prod -Store $Store -WhatIf -ErrorAction SilentlyContinue
                [pscustomobject]@{ Timestamp = '2025-02-27 19:02:11'; VisitorId = 'V1' } | Import-OnlineData -ReportSuite acme.prod -Store $Store -WhatIf",
                ("Online", StoreScenario.OnlineSample));

            Assert.Null(result.TerminatingError);
            Assert.False(scenario.StoreExists());
            long Get(System.Management.Automation.PSObject o, string name) => Convert.ToInt64(o.Properties[name].Value, System.Globalization.CultureInfo.InvariantCulture);
            var results = result.Output;
            Assert.Equal(2, results.Count);
            Assert.All(results, r =>
            {
                Assert.Equal(true, r.Properties["WhatIf"].Value);
                Assert.Equal(false, r.Properties["Committed"].Value);
                Assert.Equal(false, r.Properties["RecordingEnabled"].Value);
                Assert.Equal(0, Get(r, "TransactionsRecorded"));
            });
            Assert.True(Get(results[0], "Rows") > 0);
            Assert.Equal(Get(results[0], "Rows"), Get(results[0], "Rejected") + Get(results[0], "VisitorRows")); // recording is off: every transaction ID rejected
            Assert.Equal(1, Get(results[1], "Rows"));
            Assert.Equal(1, Get(results[1], "VisitorRows"));
            Assert.All(result.Errors, e => Assert.StartsWith("RecordingDisabled", e.FullyQualifiedErrorId, StringComparison.Ordinal));
        }

        [StoreFact]
        public void WhatIf_predicts_what_recording_into_an_existing_store_would_do_and_writes_nothing()
        {
            scenario.Run("param($Store) Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store").ThrowIfFailed();
            var result = scenario.Run(@"param($Store, $Online)
                $predicted = Import-OnlineData -Path $Online -ReportSuite acme.prod -Store $Store -WhatIf
                (Get-TransactionIdRecording acme.prod -Store $Store).RecordedTransactions
                $real = Import-OnlineData -Path $Online -ReportSuite acme.prod -Store $Store
                $again = Import-OnlineData -Path $Online -ReportSuite acme.prod -Store $Store -WhatIf -WarningAction SilentlyContinue
                foreach ($r in $predicted, $real, $again) { '{0} {1} {2} {3} {4} {5}' -f $r.WhatIf, $r.Committed, $r.Rows, $r.TransactionsRecorded, $r.DuplicateTransactions, $r.Rejected }",
                ("Online", StoreScenario.OnlineSample)).ThrowIfFailed();

            var lines = result.Output.Select(o => o.BaseObject.ToString()!).ToList();
            Assert.Equal("0", lines[0]);
            var predicted = lines[1].Split(' ');
            var real = lines[2].Split(' ');
            var again = lines[3].Split(' ');
            Assert.Equal(new[] { "True", "False" }, predicted.Take(2));
            Assert.Equal(new[] { "False", "True" }, real.Take(2));
            Assert.Equal(real.Skip(2), predicted.Skip(2));
            Assert.Equal("0", again[3]);
            // every row with a transaction ID is a duplicate now: those recorded by the real run and its own duplicates
            Assert.Equal(long.Parse(real[3]) + long.Parse(real[4]), long.Parse(again[4]));
        }

        /// <summary>The scenario, for the tests of one kind of store.</summary>
        protected StoreScenario Scenario => scenario;

        public void Dispose() => scenario.Dispose();

        /// <summary>Against an SQLite store file.</summary>
        public sealed class Sqlite : ImportOnlineDataCmdletTests
        {
            public Sqlite()
                : base(StoreKind.Sqlite)
            {
            }
        }

        /// <summary>Against a PostgreSQL database (OFFLINEDATA_TEST_POSTGRES).</summary>
        public sealed class PostgreSql : ImportOnlineDataCmdletTests, IRunsOnPostgres
        {
            public PostgreSql()
                : base(StoreKind.PostgreSql)
            {
            }
        }
    }
}
