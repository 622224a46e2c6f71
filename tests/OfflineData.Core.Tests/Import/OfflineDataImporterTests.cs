using System;
using System.IO;
using System.Linq;
using OfflineData.Core.Findings;
using OfflineData.Core.Import;
using OfflineData.Core.Matching;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Sqlite;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Import
{
    public class OfflineDataImporterTests
    {
        private static readonly DateTime T = new DateTime(2024, 3, 1, 10, 0, 0);

        /// <summary>Recording on; T1 by V1 (campaign spring), visitor C-KNOWN seen online.</summary>
        private static SqliteOfflineDataStore Prepared(TempDirectory dir, int days = 90)
        {
            var store = StoreTestKit.NewStore(dir);
            store.SetRecording(StoreTestKit.Suite, true, days);
            StoreTestKit.RecordOnline(store, StoreTestKit.Suite,
                StoreTestKit.Online(T, "V1", "T1", ("Campaign", "spring"), ("Var1", "online-city")),
                StoreTestKit.Online(T, "C-KNOWN"));
            return store;
        }

        [Fact]
        public void EveryRowIsStoredWithItsOutcomeReasonCreditedVisitorAndState()
        {
            using var dir = new TempDirectory();
            using var store = Prepared(dir);
            var path = dir.WriteText("sales.csv", Rows.Lines(
                StoreTestKit.OfflineRow(T.AddDays(1), "C-ANON", "T1", 10m, var1: "Stockholm"),
                StoreTestKit.OfflineRow(T.AddDays(2), "C-KNOWN", null, 20m),
                StoreTestKit.OfflineRow(T.AddDays(3), "C-OTHER", "T-UNKNOWN", 30m),
                StoreTestKit.OfflineRow(T.AddDays(91), "C-OTHER", "T1", 40m),
                StoreTestKit.OfflineRow(T.AddDays(-1), "C-OTHER", "T1", 50m),
                StoreTestKit.OfflineRow(T.AddDays(4), "C-OTHER", null, 60m)));

            var result = StoreTestKit.Import(store, path);

            Assert.Equal(ImportRunStatus.Imported, result.StatusValue);
            Assert.Equal(6, result.Rows);
            Assert.Equal(6, result.Imported);
            Assert.Equal(1, result.MatchedByTransactionId);
            Assert.Equal(1, result.MatchedByCustomerId);
            Assert.Equal(4, result.Unattributed);
            Assert.Equal(1, result.UnattributedByReason[MatchReason.TransactionUnknown]);
            Assert.Equal(1, result.UnattributedByReason[MatchReason.TransactionExpired]);
            Assert.Equal(1, result.UnattributedByReason[MatchReason.OfflineBeforeOnline]);
            Assert.Equal(1, result.UnattributedByReason[MatchReason.CustomerUnknown]);
            Assert.Equal(210m, result.Revenue);
            Assert.Equal(3, result.DistinctCustomers);

            var rows = store.GetOfflineRows(new OfflineRowQuery()).ToList();
            Assert.Equal(6, rows.Count);
            Assert.Equal(T.AddDays(91), rows[0].Timestamp); // newest first
            var matched = rows.Single(r => r.OutcomeValue == MatchOutcome.TransactionId);
            Assert.Equal("V1", matched.CreditedVisitorId);
            Assert.Equal("Stockholm", matched.State["Var1"]); // offline wins
            Assert.Equal("spring", matched.State["Campaign"]);
            Assert.Equal("Stockholm", matched.Record.Var1);
            Assert.Equal(path, matched.SourcePath);
            Assert.Equal(1, matched.Line);
            Assert.Equal("C-KNOWN", rows.Single(r => r.OutcomeValue == MatchOutcome.CustomerId).CreditedVisitorId);
        }

        [Fact]
        public void TheQuarantineFolderAndStoreNameComeFromTheCaller_NeverFromTheStoresFile()
        {
            // Issue 9: a server store has no file to put a quarantine folder beside; the caller decides.
            using var dir = new TempDirectory();
            using var store = Prepared(dir);
            var path = dir.WriteText("sales.csv", Rows.Lines("bad;C;7;C;S;1;1", StoreTestKit.OfflineRow(T, "C", null)));
            var rejects = dir.Combine("chosen");
            var options = new OfflineDataImportOptions { ReportSuite = StoreTestKit.Suite, RejectDirectory = rejects, QuarantineStoreName = "nightly" };

            var result = new OfflineDataImporter(store).Import(path, options, new CollectingObserver());

            Assert.Equal(1, result.Rejected);
            Assert.Equal(rejects, Path.GetDirectoryName(result.QuarantinePath));
            Assert.StartsWith(result.ImportId + "-nightly-", Path.GetFileName(result.QuarantinePath));
            Assert.False(Directory.Exists(dir.Combine("quarantine")));
        }

        [Fact]
        public void WithoutAQuarantineFolderOrName_TheTemporaryFolderAndStoreAreUsed_NotTheStoresFolder()
        {
            using var dir = new TempDirectory();
            using var store = Prepared(dir);
            var path = dir.WriteText("sales.csv", Rows.Lines("bad;C;7;C;S;1;1", StoreTestKit.OfflineRow(T, "C", null)));

            var result = new OfflineDataImporter(store).Import(path, new OfflineDataImportOptions { ReportSuite = StoreTestKit.Suite }, new CollectingObserver());

            try
            {
                Assert.Equal(Path.Combine(Path.GetTempPath(), "OfflineData", "quarantine"), Path.GetDirectoryName(result.QuarantinePath));
                Assert.StartsWith(result.ImportId + "-store-", Path.GetFileName(result.QuarantinePath));
                Assert.False(Directory.Exists(dir.Combine("quarantine")));
            }
            finally
            {
                if (result.QuarantinePath != null) File.Delete(result.QuarantinePath);
            }
        }

        [Fact]
        public void RowsWithErrorsAreQuarantinedWithCodesAndLines_CountedAndNotImported()
        {
            using var dir = new TempDirectory();
            using var store = Prepared(dir);
            var path = dir.WriteText("sales.csv", Rows.Lines(
                Rows.Header,
                StoreTestKit.OfflineRow(T.AddDays(1), "C1", "T1"),
                "2024-13-45 10:00:00;C2;7;CAT;SKU;1;1,5",
                StoreTestKit.OfflineRow(T.AddDays(2), "C3", null)));

            var observer = new CollectingObserver();
            var result = StoreTestKit.Import(store, path, observer: observer);

            Assert.Equal(ImportRunStatus.Imported, result.StatusValue);
            Assert.Equal(3, result.Rows);
            Assert.Equal(2, result.Imported);
            Assert.Equal(1, result.Rejected);
            Assert.Equal(2, StoreTestKit.CountRows(store));
            Assert.NotNull(result.QuarantinePath);
            Assert.Equal(Path.Combine(dir.FullName, "quarantine"), Path.GetDirectoryName(result.QuarantinePath));
            var lines = File.ReadAllLines(result.QuarantinePath!);
            Assert.Equal("Line;Entry;Row;Codes;Messages;Record", lines[0]);
            Assert.StartsWith("3;\"\";2;\"OD302 InvalidTimestamp,OD304 InvalidNumber\"", lines[1]);
            Assert.EndsWith("\"2024-13-45 10:00:00;C2;7;CAT;SKU;1;1,5\"", lines[1]);
            Assert.Contains(observer.Warnings, w => w.Contains("1 row(s)") && w.Contains(result.QuarantinePath!));
            Assert.Equal(result.QuarantinePath, store.GetImports(new ImportLedgerQuery()).Single().QuarantinePath);
            Assert.Contains(result.Findings, f => f.CodeValue == FindingCode.InvalidNumber && f.Line == 3);
        }

        [Fact]
        public void RejectPathChoosesWhereTheQuarantineFileGoes()
        {
            using var dir = new TempDirectory();
            using var store = Prepared(dir);
            var path = dir.WriteText("sales.csv", Rows.Lines("bad;C2;7;CAT;SKU;1;1", StoreTestKit.OfflineRow(T, "C1", null)));

            var result = StoreTestKit.Import(store, path, rejectDirectory: dir.Combine("rejects"));

            Assert.Equal(dir.Combine("rejects"), Path.GetDirectoryName(result.QuarantinePath));
            Assert.Matches($@"^{result.ImportId}-store-\d{{8}}T\d{{6}}Z-sales\.csv\.rejected\.csv$", Path.GetFileName(result.QuarantinePath));
            Assert.True(File.Exists(result.QuarantinePath));
        }

        [Fact]
        public void WarningsDoNotBlock_DuplicatesAreImportedAndCounted()
        {
            using var dir = new TempDirectory();
            using var store = Prepared(dir);
            var row = StoreTestKit.OfflineRow(T, "C1", null);
            var path = dir.WriteText("sales.csv", Rows.Lines(row, row, StoreTestKit.OfflineRow(new DateTime(2035, 1, 1), "C2", null)));

            var result = StoreTestKit.Import(store, path);

            Assert.Equal(3, result.Imported);
            Assert.Equal(1, result.Duplicates);
            Assert.Equal(2, result.Warnings); // the duplicate and the future timestamp
            Assert.Equal(0, result.Rejected);
            Assert.Null(result.QuarantinePath);
        }

        [Fact]
        public void AFileLevelErrorFailsTheWholeFile_NothingWritten_AndTheLedgerSaysFailed()
        {
            using var dir = new TempDirectory();
            using var store = Prepared(dir);
            var path = dir.WriteText("sales.csv", Rows.Lines("Time Stamp;Customer;Event Type;Category;Event Name;Num1;Num2", StoreTestKit.OfflineRow(T, "C1", null)));

            var result = StoreTestKit.Import(store, path);

            Assert.Equal(ImportRunStatus.Failed, result.StatusValue);
            Assert.Contains("HeaderMismatch", result.Message);
            Assert.Equal(0, result.Imported);
            Assert.Equal(0, StoreTestKit.CountRows(store));
            var entry = store.GetImports(new ImportLedgerQuery()).Single();
            Assert.Equal(ImportStatus.Failed, entry.StatusValue);
            Assert.Contains("HeaderMismatch", entry.Message);
        }

        [Fact]
        public void ACorruptZipFailsTheWholeFile()
        {
            using var dir = new TempDirectory();
            using var store = Prepared(dir);
            var zip = dir.WriteZip("sales.zip", ("a.csv", StoreTestKit.OfflineRows(T, 200, "C")));
            var bytes = File.ReadAllBytes(zip);
            File.WriteAllBytes(zip, bytes.Take(bytes.Length - 60).ToArray());

            var result = StoreTestKit.Import(store, zip);

            Assert.Equal(ImportRunStatus.Failed, result.StatusValue);
            Assert.Equal(0, StoreTestKit.CountRows(store));
        }

        [Fact]
        public void DryRunReadsAndMatchesAndPredicts_ButWritesNothing()
        {
            using var dir = new TempDirectory();
            using var store = Prepared(dir);
            var path = dir.WriteText("sales.csv", Rows.Lines(StoreTestKit.OfflineRow(T.AddDays(1), "C-ANON", "T1"), StoreTestKit.OfflineRow(T, "C-KNOWN", null), "bad;C;7;C;S;1;1"));
            // WAL mode: a write would land in the -wal file first, so compare both files byte for byte.
            var before = File.ReadAllBytes(dir.Combine("store.db"));
            var walBefore = File.Exists(dir.Combine("store.db-wal")) ? File.ReadAllBytes(dir.Combine("store.db-wal")) : Array.Empty<byte>();

            var result = StoreTestKit.Import(store, path, dryRun: true);

            Assert.Equal(ImportRunStatus.DryRun, result.StatusValue);
            Assert.Equal(1, result.MatchedByTransactionId);
            Assert.Equal(1, result.MatchedByCustomerId);
            Assert.Equal(1, result.Rejected);
            Assert.Equal(2, result.DistinctCustomers);
            Assert.Null(result.ImportId);
            Assert.Null(result.QuarantinePath);
            Assert.Equal(0, StoreTestKit.CountRows(store));
            Assert.Empty(store.GetImports(new ImportLedgerQuery()));
            Assert.False(Directory.Exists(dir.Combine("quarantine")));
            Assert.Equal(before, File.ReadAllBytes(dir.Combine("store.db")));
            Assert.Equal(walBefore, File.Exists(dir.Combine("store.db-wal")) ? File.ReadAllBytes(dir.Combine("store.db-wal")) : Array.Empty<byte>());
        }

        [Fact]
        public void DryRunAgainstAStoreThatDoesNotExistCreatesNoFile()
        {
            using var dir = new TempDirectory();
            var storePath = dir.Combine("none.db");
            var path = dir.WriteText("sales.csv", Rows.Lines(StoreTestKit.OfflineRow(T, "C1", "T1")));

            using (var store = SqliteOfflineDataStore.Open(storePath, create: false))
            {
                Assert.False(store.Exists);
                var result = StoreTestKit.Import(store, path, dryRun: true);
                Assert.Equal(ImportRunStatus.DryRun, result.StatusValue);
                Assert.Equal(1, result.UnattributedByReason[MatchReason.RecordingDisabled]);
            }

            Assert.False(File.Exists(storePath));
        }

        [Fact]
        public void TheWindowInForceAtImportTimeApplies_EvenWhenChangedAfterRecording()
        {
            using var dir = new TempDirectory();
            using var store = Prepared(dir, days: 90);
            var path = dir.WriteText("sales.csv", Rows.Lines(StoreTestKit.OfflineRow(T.AddDays(45), "C-ANON", "T1")));

            store.SetRecording(StoreTestKit.Suite, null, 30);
            var narrowed = StoreTestKit.Import(store, path, dryRun: true);
            store.SetRecording(StoreTestKit.Suite, null, 60);
            var widened = StoreTestKit.Import(store, path, dryRun: true);

            Assert.Equal(1, narrowed.UnattributedByReason[MatchReason.TransactionExpired]);
            Assert.Equal(1, widened.MatchedByTransactionId);
        }

        [Fact]
        public void RecordingSwitchedOffThenOn_TheImportFollowsTheSwitch()
        {
            using var dir = new TempDirectory();
            using var store = Prepared(dir);
            var path = dir.WriteText("sales.csv", Rows.Lines(StoreTestKit.OfflineRow(T.AddDays(1), "C-ANON", "T1")));

            store.SetRecording(StoreTestKit.Suite, false, null);
            var off = StoreTestKit.Import(store, path, dryRun: true);
            store.SetRecording(StoreTestKit.Suite, true, null);
            var on = StoreTestKit.Import(store, path, dryRun: true);

            Assert.Equal(1, off.UnattributedByReason[MatchReason.RecordingDisabled]);
            Assert.Equal(1, on.MatchedByTransactionId);
        }

        [Fact]
        public void PerRowResultsStreamToTheObserverAsTheyAreMatched()
        {
            using var dir = new TempDirectory();
            using var store = Prepared(dir);
            var path = dir.WriteText("sales.csv", Rows.Lines(StoreTestKit.OfflineRow(T.AddDays(1), "C-ANON", "T1"), StoreTestKit.OfflineRow(T, "C-NEW", null)));
            var observer = new CollectingObserver { KeepRows = true };

            var result = StoreTestKit.Import(store, path, observer: observer);

            Assert.Equal(2, observer.Rows.Count);
            Assert.Equal(MatchOutcome.TransactionId, observer.Rows[0].OutcomeValue);
            Assert.Equal(result.ImportId, observer.Rows[0].ImportId);
            Assert.Equal(MatchReason.CustomerUnknown, observer.Rows[1].ReasonValue);
            Assert.Equal(new FileInfo(path).Length, observer.ProgressReports.Last().Read);
        }

        [Fact]
        public void EveryZipEntryIsImported_AndRowsAndRejectsNameTheirEntry()
        {
            using var dir = new TempDirectory();
            using var store = Prepared(dir);
            var zip = dir.WriteZip("sales.zip",
                ("north.csv", Rows.Lines(StoreTestKit.OfflineRow(T.AddDays(1), "C-ANON", "T1"), "bad;C;7;C;S;1;1")),
                ("south.csv", Rows.Lines(StoreTestKit.OfflineRow(T.AddDays(2), "C-KNOWN", null))));

            var result = StoreTestKit.Import(store, zip);

            Assert.Equal(ImportRunStatus.Imported, result.StatusValue);
            Assert.Equal(2, result.Imported);
            Assert.Equal(1, result.Rejected);
            var rows = store.GetOfflineRows(new OfflineRowQuery()).ToList();
            Assert.Equal("south.csv", rows[0].Record.Entry);
            Assert.Equal("north.csv", rows[1].Record.Entry);
            Assert.Equal(MatchOutcome.TransactionId, rows[1].OutcomeValue);
            Assert.StartsWith("2;\"north.csv\";2;", File.ReadAllLines(result.QuarantinePath!)[1]);
        }

        [Fact]
        public void ACancelledImportWritesNothing()
        {
            using var dir = new TempDirectory();
            using var store = Prepared(dir);
            var path = dir.WriteText("sales.csv", StoreTestKit.OfflineRows(T, 100, "C"));
            using var cancel = new System.Threading.CancellationTokenSource();
            var observer = new CollectingObserver { AfterRow = n => { if (n == 50) cancel.Cancel(); } };
            var options = new OfflineDataImportOptions { ReportSuite = StoreTestKit.Suite };

            Assert.ThrowsAny<OperationCanceledException>(() => new OfflineDataImporter(store).Import(path, options, observer, cancel.Token));

            Assert.Equal(0, StoreTestKit.CountRows(store));
            Assert.Empty(store.GetImports(new ImportLedgerQuery()));
            Assert.Equal(ImportRunStatus.Imported, StoreTestKit.Import(store, path).StatusValue);
            Assert.Equal(100, StoreTestKit.CountRows(store));
        }
    }
}
