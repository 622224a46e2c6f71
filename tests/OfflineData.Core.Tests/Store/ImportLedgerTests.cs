using System;
using System.IO;
using System.Linq;
using OfflineData.Core.Import;
using OfflineData.Core.Store;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Store
{
    public class ImportLedgerTests
    {
        private static readonly DateTime T = new DateTime(2024, 3, 1, 10, 0, 0);

        [Fact]
        public void TheLedgerKeepsFileSizeSha256SuiteTimesCountsAndStatus()
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);
            var path = dir.WriteText("sales.csv", Rows.Lines(StoreTestKit.OfflineRow(T, "C1", null, 12.5m), "bad;C;7;C;S;1;1"));

            var result = StoreTestKit.Import(store, path);
            var entry = store.GetImports(new ImportLedgerQuery()).Single();

            Assert.Equal(result.ImportId, entry.Id);
            Assert.Equal("sales.csv", entry.FileName);
            Assert.Equal(path, entry.Path);
            Assert.Equal(new FileInfo(path).Length, entry.Size);
            Assert.Equal(OfflineDataImporter.ComputeSha256(path), entry.Sha256);
            Assert.Equal(64, entry.Sha256.Length);
            Assert.Equal(StoreTestKit.Suite, entry.ReportSuite);
            Assert.Equal(ImportStatus.Completed, entry.StatusValue);
            Assert.True(entry.EndedAt >= entry.StartedAt);
            Assert.Equal(2, entry.Rows);
            Assert.Equal(1, entry.Imported);
            Assert.Equal(1, entry.Rejected);
            Assert.Equal(1, entry.Unattributed);
            Assert.Equal(12.5m, entry.Revenue);
            Assert.Equal(1, entry.DistinctCustomers);
            Assert.Equal("EventTransaction Attr1", entry.TransactionIdColumn);
        }

        [Fact]
        public void TheSameContentAgainIsSkippedWithAWarning_EvenUnderAnotherName()
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);
            var content = Rows.Lines(StoreTestKit.OfflineRow(T, "C1", null));
            var first = StoreTestKit.Import(store, dir.WriteText("a.csv", content));
            var observer = new CollectingObserver();

            var second = StoreTestKit.Import(store, dir.WriteText("renamed.csv", content), observer: observer);

            Assert.Equal(ImportRunStatus.Skipped, second.StatusValue);
            Assert.Equal(first.ImportId, second.PreviousImportId);
            Assert.Contains("-Force", Assert.Single(observer.Warnings));
            Assert.Equal(1, StoreTestKit.CountRows(store));
            Assert.Single(store.GetImports(new ImportLedgerQuery()));
        }

        [Fact]
        public void ForceImportsAgainAndReplacesTheEarlierImport_RowsAreNotDoubled()
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);
            var path = dir.WriteText("a.csv", Rows.Lines(StoreTestKit.OfflineRow(T, "C1", null), StoreTestKit.OfflineRow(T, "C2", null)));
            var first = StoreTestKit.Import(store, path);

            var forced = StoreTestKit.Import(store, path, force: true);

            Assert.Equal(ImportRunStatus.Imported, forced.StatusValue);
            Assert.Equal(first.ImportId, forced.PreviousImportId);
            Assert.Equal(2, StoreTestKit.CountRows(store));
            Assert.All(store.GetOfflineRows(new OfflineRowQuery()), r => Assert.Equal(forced.ImportId, r.ImportId));
            var ledger = store.GetImports(new ImportLedgerQuery()).ToList();
            Assert.Equal(forced.ImportId, ledger[0].Id); // newest first
            Assert.Equal(ImportStatus.Superseded, ledger[1].StatusValue);
            Assert.Equal(forced.ImportId, ledger[1].SupersededBy);
        }

        [Fact]
        public void TheSameContentInAnotherReportSuiteIsNotADuplicate()
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);
            var path = dir.WriteText("a.csv", Rows.Lines(StoreTestKit.OfflineRow(T, "C1", null)));
            StoreTestKit.Import(store, path);

            var other = new OfflineDataImporter(store).Import(path, new OfflineDataImportOptions { ReportSuite = "acme.test" }, new CollectingObserver());

            Assert.Equal(ImportRunStatus.Imported, other.StatusValue);
        }

        [Fact]
        public void TheLedgerIsFilterableAndNewestFirst()
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);
            var a = StoreTestKit.Import(store, dir.WriteText("a.csv", Rows.Lines(StoreTestKit.OfflineRow(T, "C1", null))));
            var b = StoreTestKit.Import(store, dir.WriteText("b.csv", Rows.Lines(StoreTestKit.OfflineRow(T, "C2", null))));

            Assert.Equal(new[] { b.ImportId!.Value, a.ImportId!.Value }, store.GetImports(new ImportLedgerQuery()).Select(e => e.Id));
            Assert.Equal(a.ImportId, store.GetImports(new ImportLedgerQuery { FileName = "a*" }).Single().Id);
            Assert.Equal(2, store.GetImports(new ImportLedgerQuery { ReportSuite = "acme.*" }).Count());
            Assert.Empty(store.GetImports(new ImportLedgerQuery { ReportSuite = "ACME.*" }));
            Assert.Single(store.GetImports(new ImportLedgerQuery { First = 1 }));
            Assert.Empty(store.GetImports(new ImportLedgerQuery { Status = ImportStatus.Failed }));
        }

        [Fact]
        public void StoredRowsAreFilterableByTimeCustomerTransactionAndOutcome()
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);
            store.SetRecording(StoreTestKit.Suite, true, null);
            StoreTestKit.RecordOnline(store, StoreTestKit.Suite, StoreTestKit.Online(T, "V1", "T1"));
            StoreTestKit.Import(store, dir.WriteText("a.csv", Rows.Lines(
                StoreTestKit.OfflineRow(T.AddDays(1), "C1", "T1"),
                StoreTestKit.OfflineRow(T.AddDays(2), "C2", null),
                StoreTestKit.OfflineRow(T.AddDays(3), "C3", "T9"))));

            Assert.Equal("C1", store.GetOfflineRows(new OfflineRowQuery { TransactionId = "T1" }).Single().CustomerId);
            Assert.Equal("C2", store.GetOfflineRows(new OfflineRowQuery { CustomerId = "C2" }).Single().CustomerId);
            Assert.Equal(new[] { "C3", "C2" }, store.GetOfflineRows(new OfflineRowQuery { From = T.AddDays(2) }).Select(r => r.CustomerId));
            Assert.Equal(new[] { "C2", "C1" }, store.GetOfflineRows(new OfflineRowQuery { To = T.AddDays(2) }).Select(r => r.CustomerId));
            Assert.Equal("C1", store.GetOfflineRows(new OfflineRowQuery { Outcome = Core.Matching.MatchOutcome.TransactionId }).Single().CustomerId);
            Assert.Equal("C3", store.GetOfflineRows(new OfflineRowQuery { Reason = Core.Matching.MatchReason.TransactionUnknown }).Single().CustomerId);
            Assert.Equal(3, store.GetOfflineRows(new OfflineRowQuery { CustomerId = "C*" }).Count());
            Assert.Empty(store.GetOfflineRows(new OfflineRowQuery { ReportSuite = "acme.test" }));
        }
    }
}
