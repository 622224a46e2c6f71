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
        public void AnExportByRows_ReadsPastSuppressedRows_AndABatchOfOnlySuppressedRowsIsNeitherWrittenNorRecordedNorYielded()
        {
            using var store = HistoryStore();
            var folder = Directory.CreateDirectory(Dir.Combine("suppressed-rows")).FullName;
            // Batches of 3 rows: the second batch read (day 1) holds only opted-out customers.
            var options = new HistoryExportOptions
            {
                ReportSuite = StoreTestKit.Suite, From = H, To = H.AddDays(10), BatchRows = 3, Folder = folder,
                Suppression = ConsentSuppression.Of(new[] { "H1-1", "H1-2", "H1-3" }),
            };
            var exporter = new HistoryExporter(store, options);
            var withheld = new System.Collections.Generic.List<ExportBatchResult>();

            var results = exporter.Run(null, withheld.Add).ToList();

            Assert.Equal(9, results.Count); // the all-suppressed batch does not end the export, and is not in the results
            Assert.All(results, r => Assert.NotEmpty(r.Files));
            Assert.Equal(Enumerable.Range(1, 9), results.Select(r => r.Batch)); // its number is not used up
            var held = Assert.Single(withheld);
            Assert.Equal(("Withheld", 0L, 3L), (held.Status, held.Rows, held.SuppressedRows));
            Assert.Empty(held.Files);
            Assert.Equal(27, results.Sum(r => r.Rows));
            Assert.Equal(Enumerable.Range(1, 9), store.GetExportBatches(exporter.ExportKey).Select(e => e.Batch));
            Assert.Equal(9, Directory.GetFiles(folder).Length);

            // A re-run resumes after the last recorded batch: everything skipped, nothing new.
            var again = new HistoryExporter(store, options).Run().ToList();
            Assert.Equal(9, again.Count);
            Assert.All(again, r => Assert.Equal("Skipped", r.Status));
        }

        [StoreFact]
        public void AnExportByDays_DoesNotRecordABatchOfOnlySuppressedRows_SoItIsWrittenWhenTheCustomerOptsBackIn()
        {
            using var store = HistoryStore();
            var folder = Directory.CreateDirectory(Dir.Combine("suppressed-optin")).FullName;
            // Day 1 (batch 2) holds only H1-x: all three opted out; day 4 (batch 5) partly (H4-2).
            HistoryExportOptions Options(ConsentSuppression suppression) => new HistoryExportOptions
            {
                ReportSuite = StoreTestKit.Suite, From = H, To = H.AddDays(10), BatchDays = 1, Folder = folder, Suppression = suppression,
            };
            var withheld = new System.Collections.Generic.List<ExportBatchResult>();

            var first = new HistoryExporter(store, Options(ConsentSuppression.Of(new[] { "H1-1", "H1-2", "H1-3", "H4-2" }))).Run(null, withheld.Add).ToList();
            var exporter = new HistoryExporter(store, Options(ConsentSuppression.None));

            Assert.DoesNotContain(first, r => r.Batch == 2);
            Assert.Equal((2, 3L), (Assert.Single(withheld).Batch, withheld[0].SuppressedRows));
            Assert.DoesNotContain(store.GetExportBatches(exporter.ExportKey), e => e.Batch == 2);
            Assert.All(first, r => Assert.NotEmpty(r.Files));

            // The customers opt back in: the next run writes batch 2 without -Force; the partly suppressed batch stays as written.
            var second = exporter.Run().ToList();
            Assert.Equal(("Written", 3L, 0L), (second.Single(r => r.Batch == 2).Status, second.Single(r => r.Batch == 2).Rows, second.Single(r => r.Batch == 2).SuppressedRows));
            Assert.All(second.Where(r => r.Batch != 2), r => Assert.Equal("Skipped", r.Status));
            Assert.Equal(1, second.Single(r => r.Batch == 5).SuppressedRows);
        }

        [StoreFact]
        public void AnExport_WhoseHashedRowsAreAllRejected_WritesNoHeaderOnlyFile_AndCountsTheRejectsPerCode()
        {
            using var store = HistoryStore();
            var folder = Directory.CreateDirectory(Dir.Combine("all-rejected")).FullName;
            // The customer IDs (H0-1 …) are no e-mail addresses: every row is rejected as InvalidEmail.
            var options = new HistoryExportOptions
            {
                ReportSuite = StoreTestKit.Suite, From = H, To = H.AddDays(2), BatchDays = 1, Folder = folder,
                Hashing = new OfflineData.Core.Hashing.ColumnHashing(
                    new OfflineData.Core.Hashing.IdentifierHasher(OfflineData.Core.Hashing.HashProfile.Google),
                    new[] { new System.Collections.Generic.KeyValuePair<string, OfflineData.Core.Hashing.IdentifierKind>("CustomerId", OfflineData.Core.Hashing.IdentifierKind.Email) }),
            };
            var exporter = new HistoryExporter(store, options);
            var withheld = new System.Collections.Generic.List<ExportBatchResult>();

            var results = exporter.Run(null, withheld.Add).ToList();

            Assert.Empty(results);
            Assert.Empty(Directory.GetFiles(folder));
            Assert.Empty(store.GetExportBatches(exporter.ExportKey));
            Assert.Equal(2, withheld.Count);
            Assert.All(withheld, r => Assert.Equal(("Withheld", 0L, 3L), (r.Status, r.Rows, r.Rejected)));
            Assert.All(withheld, r => Assert.Equal(new[] { new System.Collections.Generic.KeyValuePair<string, long>("InvalidEmail", 3) }, r.RejectCounts));
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
