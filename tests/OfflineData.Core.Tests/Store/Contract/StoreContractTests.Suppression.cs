using System;
using System.IO;
using System.Linq;
using OfflineData.Core.Consent;
using OfflineData.Core.Exporting;
using OfflineData.Core.Store;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Store.Contract
{
    /// <summary>
    /// Consent suppression on every store (issue 12): a history export leaves opted-out customers' rows out of every
    /// batch and counts them in its results and the export ledger; the delivery ledger keeps a delivery's count.
    /// </summary>
    public abstract partial class StoreContractTests
    {
        [StoreFact]
        public void AnExport_LeavesOptedOutCustomersRowsOutOfEveryBatch_AndCountsThemInResultsAndTheExportLedger()
        {
            using var store = HistoryStore();
            var folder = Directory.CreateDirectory(Dir.Combine("suppressed-days")).FullName;
            // H1-1 and H4-2 opted out; a customer of another store's list that has no row here changes nothing.
            var options = new HistoryExportOptions
            {
                ReportSuite = StoreTestKit.Suite, From = H, To = H.AddDays(10), BatchDays = 3, Folder = folder,
                Suppression = ConsentSuppression.Of(new[] { "H1-1", "H4-2", "NOBODY" }),
            };
            var exporter = new HistoryExporter(store, options);

            var plan = exporter.Plan();
            var results = exporter.Run().ToList();
            var ledger = store.GetExportBatches(exporter.ExportKey);
            var again = new HistoryExporter(store, options).Run().ToList();

            Assert.Equal(3, plan.SuppressedCustomers);
            Assert.Contains("collect = n", plan.ToString());
            Assert.Equal(new long[] { 8, 8, 9, 3 }, results.Select(r => r.Rows));
            Assert.Equal(new long[] { 1, 1, 0, 0 }, results.Select(r => r.SuppressedRows));
            var written = results.SelectMany(r => CustomersIn(r.Path!, ExportFormat.OfflineData)).ToList();
            Assert.Equal(28, written.Count);
            Assert.DoesNotContain("H1-1", written);
            Assert.DoesNotContain("H4-2", written);
            Assert.Contains("H1-2", written); // the customer's neighbours stay
            Assert.Equal(new long[] { 1, 1, 0, 0 }, ledger.Select(e => e.SuppressedRows));
            Assert.Equal(new long[] { 1, 1, 0, 0 }, again.Select(r => r.SuppressedRows)); // a skipped batch shows its recorded count
            Assert.All(again, r => Assert.Equal("Skipped", r.Status));
        }

        [StoreFact]
        public void AnExportByRows_ReadsPastSuppressedRows_AndABatchOfOnlySuppressedRowsIsRecordedWithoutAFile()
        {
            using var store = HistoryStore();
            var folder = Directory.CreateDirectory(Dir.Combine("suppressed-rows")).FullName;
            // Batches of 3 rows: the second batch (day 1) holds only opted-out customers.
            var options = new HistoryExportOptions
            {
                ReportSuite = StoreTestKit.Suite, From = H, To = H.AddDays(10), BatchRows = 3, Folder = folder,
                Suppression = ConsentSuppression.Of(new[] { "H1-1", "H1-2", "H1-3" }),
            };
            var exporter = new HistoryExporter(store, options);

            var results = exporter.Run().ToList();

            Assert.Equal(10, results.Count); // the empty second batch does not end the export
            Assert.Equal((0L, 3L), (results[1].Rows, results[1].SuppressedRows));
            Assert.Empty(results[1].Files);
            Assert.Equal(27, results.Sum(r => r.Rows));
            Assert.Equal(3, results.Sum(r => r.SuppressedRows));
            Assert.Equal(3, store.GetExportBatches(exporter.ExportKey).Single(e => e.Batch == 2).SuppressedRows);
            Assert.Equal(9, Directory.GetFiles(folder).Length);
        }

        [StoreFact]
        public void AnExport_WithoutOptOuts_SuppressesNothing_AndTheLedgerSaysZero()
        {
            using var store = HistoryStore();
            var folder = Directory.CreateDirectory(Dir.Combine("unsuppressed")).FullName;
            var exporter = new HistoryExporter(store, new HistoryExportOptions { ReportSuite = StoreTestKit.Suite, From = H, To = H.AddDays(10), BatchDays = 10, Folder = folder });

            var result = exporter.Run().Single();

            Assert.Equal((30L, 0L), (result.Rows, result.SuppressedRows));
            Assert.Equal(0, store.GetExportBatches(exporter.ExportKey).Single().SuppressedRows);
        }

        [StoreFact]
        public void TheDeliveryLedger_KeepsADeliverysSuppressedRows_ThroughItsEnd()
        {
            using var store = CreateStore();
            StoreTestKit.Import(store, Dir.WriteText("one.csv", Rows.Lines(StoreTestKit.OfflineRow(H, "C1", null)))); // creates the store
            var entry = Delivery(file: "filtered.csv");
            entry.SuppressedRows = 17;

            var started = store.RecordDeliveryStart(entry);
            var sent = store.RecordDeliveryEnd(Ended(started, DeliveryStatus.Sent));
            var plain = store.RecordDeliveryStart(Delivery(sha256: ContentB, file: "plain.csv"));

            Assert.Equal(17, started.SuppressedRows);
            Assert.Equal(17, sent.SuppressedRows);
            Assert.Equal(17, store.FindDelivery(Sftp, ContentA)!.SuppressedRows);
            Assert.Equal(new long[] { 0, 17 }, store.GetDeliveries(new DeliveryLedgerQuery()).OrderByDescending(e => e.Id).Select(e => e.SuppressedRows));
            Assert.Equal(0, plain.SuppressedRows);
        }
    }
}
