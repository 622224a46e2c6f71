using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OfflineData.Module.Tests.StoreKinds;
using Xunit;

namespace OfflineData.Module.Tests.Store
{
    /// <summary>Import-OfflineData end to end from the assembled module, on the bundled examples, against each kind of store.</summary>
    public abstract class ImportOfflineDataCmdletTests : IDisposable
    {
        private readonly StoreScenario scenario;

        protected ImportOfflineDataCmdletTests(StoreKind kind) => scenario = new StoreScenario(kind);

        private static IDictionary ByReason(PSObject result) => (IDictionary)StoreScenario.Property(result, "UnattributedByReason")!;

        private static long Reason(PSObject result, string reason)
        {
            foreach (DictionaryEntry entry in ByReason(result))
            {
                if (entry.Key.ToString() == reason) return (long)entry.Value!;
            }

            return 0;
        }

        [StoreFact]
        public void Imports_the_example_and_matches_every_row_as_documented()
        {
            scenario.RecordOnlineSample();
            var result = scenario.Run("param($Store, $File) Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store", ("File", StoreScenario.OfflineSample)).ThrowIfFailed();

            var summary = Assert.Single(result.Output);
            Assert.Equal("OfflineData.Core.Import.ImportResult", summary.BaseObject.GetType().FullName);
            Assert.Equal("Imported", StoreScenario.Property(summary, "Status")!.ToString());
            Assert.Equal(10L, StoreScenario.Property(summary, "Rows"));
            Assert.Equal(10L, StoreScenario.Property(summary, "Imported"));
            Assert.Equal(3L, StoreScenario.Property(summary, "MatchedByTransactionId"));
            Assert.Equal(3L, StoreScenario.Property(summary, "MatchedByCustomerId"));
            Assert.Equal(4L, StoreScenario.Property(summary, "Unattributed"));
            Assert.Equal(1L, Reason(summary, "TransactionExpired"));
            Assert.Equal(1L, Reason(summary, "TransactionUnknown"));
            Assert.Equal(1L, Reason(summary, "OfflineBeforeOnline"));
            Assert.Equal(1L, Reason(summary, "CustomerUnknown"));
            Assert.Equal(0L, StoreScenario.Property(summary, "Rejected"));
            Assert.Equal(10090.20m, StoreScenario.Property(summary, "Revenue"));
            Assert.Equal(7L, StoreScenario.Property(summary, "DistinctCustomers"));
            Assert.NotEmpty(result.Progress);
        }

        [StoreFact]
        public void Rows_sharing_a_transaction_id_are_credited_to_its_visitor_and_offline_values_win()
        {
            scenario.RecordOnlineSample();
            var result = scenario.Run(@"param($Store, $File)
                $null = Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store
                Get-OfflineData -TransactionId ORD-2025-000101 -Store $Store", ("File", StoreScenario.OfflineSample)).ThrowIfFailed();

            Assert.Equal(2, result.Output.Count);
            Assert.All(result.Output, row => Assert.Equal("V-7f3a", StoreScenario.Property(row, "CreditedVisitorId")));
            var call = result.Output[0]; // newest first: the 11:20 call before the 09:14 purchase
            var purchase = result.Output[1];
            Assert.Equal("CALL-RETURN", StoreScenario.Property(call, "EventName"));
            var callState = (IDictionary)StoreScenario.Property(call, "State")!;
            var purchaseState = (IDictionary)StoreScenario.Property(purchase, "State")!;
            Assert.Equal("Call centre", callState["Var1"]);
            Assert.Equal("Stockholm", purchaseState["Var1"]);
            Assert.Equal("spring-sale", purchaseState["Campaign"]); // the first occurrence's snapshot, not the duplicate's
        }

        [StoreFact]
        public void WhatIf_is_a_dry_run_that_predicts_counts_and_writes_nothing()
        {
            scenario.RecordOnlineSample();
            var before = scenario.Contents();
            var rejects = scenario.Directory.Combine("rejects");
            var result = scenario.Run(@"param($Store, $File, $Rejects)
                Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store -RejectPath $Rejects -WhatIf
                Get-OfflineDataImport -Store $Store
                Get-OfflineData -Store $Store", ("File", StoreScenario.Example("invalid-sample.csv")), ("Rejects", rejects)).ThrowIfFailed();

            var summary = Assert.Single(result.Output);
            Assert.Equal("DryRun", StoreScenario.Property(summary, "Status")!.ToString());
            Assert.True((long)StoreScenario.Property(summary, "Rejected")! > 0);
            Assert.True((long)StoreScenario.Property(summary, "Imported")! > 0);
            Assert.Null(StoreScenario.Property(summary, "ImportId"));
            Assert.Null(StoreScenario.Property(summary, "QuarantinePath"));
            Assert.False(Directory.Exists(rejects));
            Assert.Equal(before, scenario.Contents());
        }

        [StoreFact]
        public void WhatIf_against_a_store_that_does_not_exist_creates_no_store()
        {
            var result = scenario.Run("param($Store, $File) Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store -WhatIf -PassThru", ("File", StoreScenario.OfflineSample)).ThrowIfFailed();

            Assert.Equal(10, result.Output.Count);
            Assert.All(result.Output, row => Assert.Equal("OfflineData.Core.Store.StoredOfflineRow", row.BaseObject.GetType().FullName));
            Assert.Contains(result.Output, row => StoreScenario.Property(row, "Reason")!.ToString() == "RecordingDisabled");
            Assert.False(scenario.StoreExists());
        }

        [StoreFact]
        public void PassThru_streams_rows_instead_of_the_result_without_Ids_and_a_skipped_file_streams_none()
        {
            scenario.RecordOnlineSample();
            var result = scenario.Run(@"param($Store, $File)
                $rows = @(Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store -PassThru -Verbose)
                $rows
                $skipped = @(Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store -PassThru -WarningAction SilentlyContinue)
                $skipped.Count
                (Get-OfflineDataImport -Store $Store -First 1).Id", ("File", StoreScenario.OfflineSample)).ThrowIfFailed();

            Assert.Equal(12, result.Output.Count);
            var rows = result.Output.Take(10).ToList();
            Assert.All(rows, row => Assert.Equal("OfflineData.Core.Store.StoredOfflineRow", row.BaseObject.GetType().FullName));
            Assert.All(rows, row => Assert.Null(StoreScenario.Property(row, "Id")));
            var importId = (long)result.Output[11].BaseObject;
            Assert.All(rows, row => Assert.Equal(importId, StoreScenario.Property(row, "ImportId")));
            Assert.Equal(3, rows.Count(row => StoreScenario.Property(row, "Outcome")!.ToString() == "TransactionId"));
            Assert.Equal(0, (int)result.Output[10].BaseObject);
            Assert.Contains(result.Verbose, v => v.Message.Contains("Imported; 10 row(s)"));
        }

        [StoreFact]
        public void WhatIfPreference_is_a_dry_run_too_and_creates_no_store()
        {
            var result = scenario.Run("param($Store, $File) $WhatIfPreference = $true; Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store; Import-OnlineData -Path $File -ReportSuite acme.prod -Store $Store -ErrorAction SilentlyContinue", ("File", StoreScenario.OfflineSample));

            Assert.Null(result.TerminatingError);
            Assert.Equal("DryRun", StoreScenario.Property(result.Output[0], "Status")!.ToString());
            Assert.False(scenario.StoreExists());
        }

        [StoreFact]
        public void Rejected_rows_go_to_the_quarantine_file_with_codes_and_lines_and_are_counted()
        {
            var rejects = scenario.Directory.Combine("rejects");
            var result = scenario.Run("param($Store, $File, $Rejects) Import-OfflineData -LiteralPath $File -ReportSuite acme.prod -Store $Store -RejectPath $Rejects",
                ("File", StoreScenario.Example("invalid-sample.csv")), ("Rejects", rejects)).ThrowIfFailed();

            var summary = Assert.Single(result.Output);
            Assert.Equal(8L, StoreScenario.Property(summary, "Rejected"));
            Assert.Equal(12L, StoreScenario.Property(summary, "Rows"));
            Assert.Equal(4L, StoreScenario.Property(summary, "Imported"));
            var quarantine = (string)StoreScenario.Property(summary, "QuarantinePath")!;
            Assert.StartsWith(rejects, quarantine);
            var lines = File.ReadAllLines(quarantine);
            Assert.Equal(9, lines.Length); // header + 8 rejected rows
            Assert.Contains(lines, l => l.StartsWith("7;", StringComparison.Ordinal) && l.Contains("OD304 InvalidNumber"));
            Assert.Contains(result.Warnings, w => w.Message.Contains("8 row(s)") && w.Message.Contains(quarantine));
        }

        [StoreFact]
        public void The_same_content_again_is_skipped_with_a_warning_and_Force_replaces_it()
        {
            var result = scenario.Run(@"param($Store, $File)
                Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store
                Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store
                Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store -Force
                Get-OfflineDataImport -Store $Store
                @(Get-OfflineData -Store $Store).Count", ("File", StoreScenario.OfflineSample)).ThrowIfFailed();

            Assert.Equal("Imported", StoreScenario.Property(result.Output[0], "Status")!.ToString());
            Assert.Equal("Skipped", StoreScenario.Property(result.Output[1], "Status")!.ToString());
            Assert.Contains("-Force", Assert.Single(result.Warnings).Message);
            Assert.Equal("Imported", StoreScenario.Property(result.Output[2], "Status")!.ToString());
            // The ledger, newest first: the forced import, then the first one, superseded.
            Assert.Equal("Completed", StoreScenario.Property(result.Output[3], "Status")!.ToString());
            Assert.Equal("Superseded", StoreScenario.Property(result.Output[4], "Status")!.ToString());
            Assert.Equal(10, (int)result.Output[5].BaseObject);
        }

        [StoreFact]
        public void A_file_with_a_wrong_header_fails_with_a_non_terminating_ImportFailed_and_the_other_files_are_imported()
        {
            var bad = scenario.Directory.WriteText("bad.csv", "Time Stamp;Customer;Event Type;Category;Event Name;Num1;Num2\n2025-03-01 09:14:05;C1;7;;SKU;1;1\n");
            var result = scenario.Run(@"param($Store, $Bad, $Good)
                $Bad, $Good, 'no-such-file.csv' | Import-OfflineData -ReportSuite acme.prod -Store $Store",
                ("Bad", bad), ("Good", StoreScenario.OfflineSample));

            Assert.Null(result.TerminatingError);
            Assert.Equal(2, result.Errors.Count);
            var failed = result.Errors.Single(e => e.FullyQualifiedErrorId.StartsWith("ImportFailed", StringComparison.Ordinal));
            Assert.Equal(bad, failed.TargetObject);
            Assert.Contains("HeaderMismatch", failed.Exception.Message);
            Assert.Contains(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("PathNotFound", StringComparison.Ordinal));
            Assert.Equal(new[] { "Failed", "Imported" }, result.Output.Select(o => StoreScenario.Property(o, "Status")!.ToString()));
        }

        [StoreFact]
        public void FileInfo_objects_bind_through_PSPath()
        {
            var result = scenario.Run("param($Store, $File) [System.IO.FileInfo]::new($File) | Import-OfflineData -ReportSuite acme.prod -Store $Store",
                ("File", StoreScenario.OfflineSample)).ThrowIfFailed();

            Assert.Equal(10L, StoreScenario.Property(Assert.Single(result.Output), "Imported"));
        }

        [StoreFact]
        public void TransactionIdColumn_chooses_where_the_transaction_id_is_read()
        {
            scenario.RecordOnlineSample();
            var result = scenario.Run(@"param($Store, $File)
                Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store -TransactionIdColumn 'EventTransaction Attr2' -WhatIf
                Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store -TransactionIdColumn NoSuchColumn", ("File", StoreScenario.OfflineSample));

            Assert.Equal(0L, StoreScenario.Property(result.Output[0], "MatchedByTransactionId")); // the POS numbers were never recorded online
            Assert.Equal("EventTransaction Attr2", StoreScenario.Property(result.Output[0], "TransactionIdColumn"));
            var error = Assert.Single(result.Errors);
            // A parameter binding error: the second import never ran.
            Assert.StartsWith("ParameterArgumentTransformationError", error.FullyQualifiedErrorId);
            Assert.Contains("'NoSuchColumn'", error.Exception.Message);
            Assert.Single(result.Output);
        }

        /// <summary>The scenario, for the tests of one kind of store.</summary>
        protected StoreScenario Scenario => scenario;

        public void Dispose() => scenario.Dispose();

        /// <summary>Against an SQLite store file.</summary>
        public sealed class Sqlite : ImportOfflineDataCmdletTests
        {
            public Sqlite()
                : base(StoreKind.Sqlite)
            {
            }

            [Fact]
            public void Without_RejectPath_rejected_rows_go_to_the_quarantine_folder_beside_the_store_named_after_it()
            {
                // Issue 9: the cmdlet, not the core, chooses this default now; users see the same path as before.
                var result = Scenario.Run("param($Store, $File) Import-OfflineData -LiteralPath $File -ReportSuite acme.prod -Store $Store -WarningAction SilentlyContinue",
                    ("File", StoreScenario.Example("invalid-sample.csv"))).ThrowIfFailed();

                var quarantine = (string)StoreScenario.Property(Assert.Single(result.Output), "QuarantinePath")!;
                Assert.Equal(Scenario.Directory.Combine("quarantine"), Path.GetDirectoryName(quarantine));
                Assert.Matches(@"^1-store-\d{8}T\d{6}Z-invalid-sample\.csv\.rejected\.csv$", Path.GetFileName(quarantine));
                Assert.True(File.Exists(quarantine));
            }
        }

        /// <summary>Against a PostgreSQL database (OFFLINEDATA_TEST_POSTGRES).</summary>
        public sealed class PostgreSql : ImportOfflineDataCmdletTests, IRunsOnPostgres
        {
            public PostgreSql()
                : base(StoreKind.PostgreSql)
            {
            }
        }
    }
}
