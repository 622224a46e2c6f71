using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OfflineData.Core.Exporting;
using OfflineData.Core.Store;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Store.Contract
{
    /// <summary>
    /// What a history export needs from every store (<see cref="IExportStore"/>): rows of a half-open range oldest
    /// first with a keyset and a limit, counts, the export ledger; and <see cref="HistoryExporter"/> over each store.
    /// </summary>
    public abstract partial class StoreContractTests
    {
        private static readonly DateTime H = new DateTime(2024, 1, 1);

        /// <summary>
        /// 3 rows a day for 10 days: at midnight exactly (a batch boundary), at 12:00 twice (a tie), so boundaries and
        /// ties are tested; customers H{day}-{n}.
        /// </summary>
        private IOfflineDataStore HistoryStore()
        {
            var store = CreateStore();
            var lines = new List<string>();
            for (int day = 9; day >= 0; day--) // written newest first: the order must come from the store
            {
                lines.Add(StoreTestKit.OfflineRow(H.AddDays(day), $"H{day}-1", null, day + 0.5m));
                lines.Add(StoreTestKit.OfflineRow(H.AddDays(day).AddHours(12), $"H{day}-2", null, 2m));
                lines.Add(StoreTestKit.OfflineRow(H.AddDays(day).AddHours(12), $"H{day}-3", null, 3m, "v"));
            }

            StoreTestKit.Import(store, Dir.WriteText("history.csv", Rows.Lines(lines.ToArray())));
            return store;
        }

        [StoreFact]
        public void RowsInTimeOrder_AreOldestFirst_InAHalfOpenRange_WithAKeysetAndALimit()
        {
            using var store = HistoryStore();

            var all = store.GetOfflineRowsInTimeOrder(StoreTestKit.Suite, H, H.AddDays(10), null, null).ToList();
            var range = store.GetOfflineRowsInTimeOrder(StoreTestKit.Suite, H.AddDays(1), H.AddDays(3), null, null).ToList();
            var firstFour = store.GetOfflineRowsInTimeOrder(StoreTestKit.Suite, H, H.AddDays(10), null, 4).ToList();
            var afterTie = store.GetOfflineRowsInTimeOrder(StoreTestKit.Suite, firstFour[2].Timestamp, H.AddDays(10), firstFour[2].Id, 2).ToList();

            Assert.Equal(30, all.Count);
            Assert.Equal(all.OrderBy(r => r.Timestamp).ThenBy(r => r.Id).Select(r => r.Id), all.Select(r => r.Id));
            Assert.Equal(new[] { "H1-1", "H1-2", "H1-3", "H2-1", "H2-2", "H2-3" }, range.Select(r => r.CustomerId)); // H3-1 at the end, excluded
            Assert.Equal(all.Take(4).Select(r => r.Id), firstFour.Select(r => r.Id));
            Assert.Equal(all.Skip(3).Take(2).Select(r => r.Id), afterTie.Select(r => r.Id)); // the tie at 12:00 resumes after the ID
            Assert.Equal(6, store.CountOfflineRows(StoreTestKit.Suite, H.AddDays(1), H.AddDays(3)));
            Assert.Equal(0, store.CountOfflineRows("acme.test", H, H.AddDays(10)));
            Assert.Empty(store.GetOfflineRowsInTimeOrder("acme.test", H, H.AddDays(10), null, null));
        }

        [StoreFact]
        public void TheExportLedger_KeepsEveryField_ReplacesABatch_AndForgetsAnExport()
        {
            using var store = CreateStore();
            StoreTestKit.Import(store, Dir.WriteText("one.csv", Rows.Lines(StoreTestKit.OfflineRow(H, "C1", null)))); // creates the store
            var entry = new ExportLedgerEntry
            {
                ExportKey = "acme.prod|k", Batch = 2, From = H, To = H.AddDays(7), Rows = 12, Files = new[] { "/out/a_0002_0001.txt", "/out/a_0002_0002.txt" },
                Bytes = 345, LastTimestamp = H.AddDays(6).AddHours(3), LastRowId = 77, WrittenAt = new DateTimeOffset(2026, 11, 29, 20, 0, 0, TimeSpan.Zero),
            };

            store.RecordExportBatch(entry);
            store.RecordExportBatch(new ExportLedgerEntry { ExportKey = "acme.prod|k", Batch = 1, From = H.AddDays(-7), To = H, WrittenAt = entry.WrittenAt });
            store.RecordExportBatch(new ExportLedgerEntry { ExportKey = "other", Batch = 1, From = H, To = H.AddDays(1), WrittenAt = entry.WrittenAt });
            var read = store.GetExportBatches("acme.prod|k");
            entry.Rows = 13;
            store.RecordExportBatch(entry);
            var replaced = store.GetExportBatches("acme.prod|k");

            Assert.Equal(new[] { 1, 2 }, read.Select(e => e.Batch));
            var b = read[1];
            Assert.Equal((H, H.AddDays(7), 12L, 345L, H.AddDays(6).AddHours(3), (long?)77), (b.From, b.To, b.Rows, b.Bytes, b.LastTimestamp!.Value, b.LastRowId));
            Assert.Equal(entry.Files, b.Files);
            Assert.Equal(entry.WrittenAt, b.WrittenAt);
            Assert.Empty(read[0].Files);
            Assert.Null(read[0].LastRowId);
            Assert.Equal(13, replaced[1].Rows);
            Assert.Equal(2, store.ForgetExport("acme.prod|k"));
            Assert.Empty(store.GetExportBatches("acme.prod|k"));
            Assert.Single(store.GetExportBatches("other"));
        }

        [StoreTheory]
        [InlineData(ExportFormat.OfflineData)]
        [InlineData(ExportFormat.Csv)]
        [InlineData(ExportFormat.JsonLines)]
        public void AnExportByDays_CutsAtExactDayBoundaries_AndWritesEveryRowOnce(ExportFormat format)
        {
            using var store = HistoryStore();
            var folder = Directory.CreateDirectory(Dir.Combine("out-" + format)).FullName;
            var exporter = new HistoryExporter(store, new HistoryExportOptions { ReportSuite = StoreTestKit.Suite, From = H, To = H.AddDays(12), BatchDays = 3, Format = format, Folder = folder });

            var plan = exporter.Plan();
            var results = exporter.Run().ToList();

            Assert.Equal((4, H, H.AddDays(3), H.AddDays(9), H.AddDays(12), 30L), (plan.Batches, plan.FirstFrom, plan.FirstTo, plan.LastFrom, plan.LastTo, plan.EstimatedRows));
            Assert.Equal(new[] { 1, 2, 3, 4 }, results.Select(r => r.Batch));
            Assert.Equal(new long[] { 9, 9, 9, 3 }, results.Select(r => r.Rows));
            Assert.All(results, r => Assert.Equal("Written", r.Status));
            Assert.Equal(H.AddDays(3), results[1].From);
            Assert.Equal(H.AddDays(6), results[1].To);
            // The files' own text, read independently: batch 2 starts with day 3's midnight row and ends with day 5's noon rows.
            var customers = results.Select(r => CustomersIn(r.Path!, format)).ToList();
            Assert.Equal(new[] { "H3-1", "H3-2", "H3-3", "H4-1", "H4-2", "H4-3", "H5-1", "H5-2", "H5-3" }, customers[1]);
            var every = customers.SelectMany(c => c).ToList();
            Assert.Equal(30, every.Count);
            Assert.Equal(30, every.Distinct().Count());
            Assert.All(results, r => Assert.Equal(new FileInfo(r.Path!).Length, r.Bytes));
            Assert.Empty(Directory.GetFiles(folder, "*.tmp*"));
        }

        [StoreFact]
        public void AnExportByRows_CutsExactlyEveryNRows_ThroughTies_AndAFinishedRerunIsSkipped_ForceRewrites()
        {
            using var store = HistoryStore();
            var folder = Directory.CreateDirectory(Dir.Combine("rows")).FullName;
            var options = new HistoryExportOptions { ReportSuite = StoreTestKit.Suite, From = H, To = H.AddDays(10), BatchRows = 4, Folder = folder };

            var plan = new HistoryExporter(store, options).Plan();
            var first = new HistoryExporter(store, options).Run().ToList();
            var stamp = File.GetLastWriteTimeUtc(first[0].Path!);
            var again = new HistoryExporter(store, options).Run().ToList();
            var stampAfterRerun = File.GetLastWriteTimeUtc(first[0].Path!);
            options.Force = true;
            var forced = new HistoryExporter(store, options).Run().ToList();

            Assert.Equal(8, plan.Batches);
            Assert.Equal(new long[] { 4, 4, 4, 4, 4, 4, 4, 2 }, first.Select(r => r.Rows));
            var customers = first.SelectMany(r => CustomersIn(r.Path!, ExportFormat.OfflineData)).ToList();
            var expected = store.GetOfflineRows(new OfflineRowQuery()).OrderBy(r => r.Timestamp).ThenBy(r => r.Id).Select(r => r.CustomerId);
            Assert.Equal(expected, customers); // every row once, in time order, across the cut through the 12:00 ties
            Assert.All(again, r => Assert.Equal("Skipped", r.Status));
            Assert.Equal(first.Select(r => (r.Batch, r.Rows, r.Path)), again.Select(r => (r.Batch, r.Rows, r.Path)));
            Assert.Equal(stamp, stampAfterRerun);
            Assert.All(forced, r => Assert.Equal("Written", r.Status));
            Assert.Equal(8, forced.Count);
        }

        [StoreFact]
        public void AnEmptyBatchIsNotRecorded_RowsImportedIntoItLaterAreExportedByTheNextRun_WithoutForce()
        {
            using var store = HistoryStore();
            var folder = Directory.CreateDirectory(Dir.Combine("empty")).FullName;
            // Days 0-9 hold rows; batch 5 (days 12-15) is empty when the export first runs.
            var options = new HistoryExportOptions { ReportSuite = StoreTestKit.Suite, From = H, To = H.AddDays(15), BatchDays = 3, Folder = folder };

            var first = new HistoryExporter(store, options).Run().ToList();
            var recorded = store.GetExportBatches(new HistoryExporter(store, options).ExportKey).Select(e => e.Batch).ToList();
            StoreTestKit.Import(store, Dir.WriteText("late.csv", Rows.Lines(StoreTestKit.OfflineRow(H.AddDays(13).AddHours(9), "LATE-1", null, 7m))));
            var plan = new HistoryExporter(store, options).Plan();
            var second = new HistoryExporter(store, options).Run().ToList();

            Assert.Equal(new[] { 1, 2, 3, 4 }, first.Select(r => r.Batch));
            Assert.Equal(new[] { 1, 2, 3, 4 }, recorded);
            Assert.Equal((5, 4), (plan.Batches, plan.AlreadyWritten));
            Assert.Equal(new[] { "Skipped", "Skipped", "Skipped", "Skipped", "Written" }, second.Select(r => r.Status));
            Assert.Equal(5, second[4].Batch);
            Assert.Equal(new[] { "LATE-1" }, CustomersIn(second[4].Path!, ExportFormat.OfflineData));
        }

        [StoreFact]
        public void ABatchWhoseRangeReachesToday_IsWrittenAgainByTheNextRun_WithTheRowsThatArrived()
        {
            using var store = CreateStore();
            var today = DateTime.Now.Date;
            // Times before now (a future time would be rejected): four days ago, and about a day ago.
            StoreTestKit.Import(store, Dir.WriteText("recent.csv", Rows.Lines(
                StoreTestKit.OfflineRow(today.AddDays(-4).AddHours(12), "OLD-1", null, 1m),
                StoreTestKit.OfflineRow(DateTime.Now.AddHours(-20), "NEW-1", null, 2m))));
            var folder = Directory.CreateDirectory(Dir.Combine("open")).FullName;
            var options = new HistoryExportOptions { ReportSuite = StoreTestKit.Suite, From = today.AddDays(-5), To = today.AddDays(1), BatchDays = 2, Folder = folder };

            var first = new HistoryExporter(store, options).Run().ToList();
            StoreTestKit.Import(store, Dir.WriteText("tonight.csv", Rows.Lines(StoreTestKit.OfflineRow(DateTime.Now.AddHours(-21), "NEW-2", null, 3m))));
            var second = new HistoryExporter(store, options).Run().ToList();

            // Batches: days -5..-3 (OLD-1; ended long before it was written), -3..-1 (empty), -1..+1 (reaches today).
            Assert.Equal(new[] { (1, "Written"), (3, "Written") }, first.Select(r => (r.Batch, r.Status)));
            Assert.Equal(new[] { (1, "Skipped"), (3, "Written") }, second.Select(r => (r.Batch, r.Status)));
            Assert.Equal(new[] { "NEW-2", "NEW-1" }, CustomersIn(second[1].Path!, ExportFormat.OfflineData));
            Assert.Equal(first[1].Path, second[1].Path);
            Assert.Single(Directory.GetFiles(folder), f => f == second[1].Path);
        }

        [StoreFact]
        public void AnExportRunStoppedAfterTwoBatches_ResumesAtTheThird_WithEveryRowOnce()
        {
            using var store = HistoryStore();
            var folder = Directory.CreateDirectory(Dir.Combine("resume")).FullName;
            var options = new HistoryExportOptions { ReportSuite = StoreTestKit.Suite, From = H, To = H.AddDays(10), BatchRows = 7, Folder = folder, Format = ExportFormat.JsonLines };

            var stopped = new HistoryExporter(store, options).Run().Take(2).ToList(); // the caller stops listening: nothing more is written
            var filesAfterStop = Directory.GetFiles(folder).Length;
            var resumed = new HistoryExporter(store, options).Run().ToList();

            Assert.Equal(2, filesAfterStop);
            Assert.Equal(new[] { "Skipped", "Skipped", "Written", "Written", "Written" }, resumed.Select(r => r.Status));
            var every = resumed.SelectMany(r => CustomersIn(r.Path!, ExportFormat.JsonLines)).ToList();
            Assert.Equal(30, every.Count);
            Assert.Equal(30, every.Distinct().Count());
        }

        [StoreFact]
        public void AnExportInTheOfflineFormat_ReimportedIntoAFreshStore_GivesTheSameRows()
        {
            using var store = HistoryStore();
            var folder = Directory.CreateDirectory(Dir.Combine("reimport")).FullName;
            var results = new HistoryExporter(store, new HistoryExportOptions { ReportSuite = StoreTestKit.Suite, From = H, To = H.AddDays(10), BatchDays = 4, Folder = folder }).Run().ToList();
            using var fresh = StoreTestKit.NewStore(Dir, "fresh.db");

            foreach (var result in results) Assert.Equal("Imported", StoreTestKit.Import(fresh, result.Path!).Status);

            Assert.Equal(Fingerprint(store), Fingerprint(fresh));
        }

        [StoreFact]
        public void AnAdobeExport_MayWriteSeveralFilesForABatch_AndListsThemAll()
        {
            using var store = CreateStore();
            // Rows with transaction IDs (the Adobe TransactionId template needs one).
            var lines = Enumerable.Range(0, 40).Select(i => StoreTestKit.OfflineRow(H.AddHours(i), "C" + i, "T" + i)).ToArray();
            StoreTestKit.Import(store, Dir.WriteText("adobe.csv", Rows.Lines(lines)));
            var folder = Directory.CreateDirectory(Dir.Combine("adobe")).FullName;
            var options = new HistoryExportOptions
            {
                ReportSuite = StoreTestKit.Suite, From = H, To = H.AddDays(3), BatchDays = 2, Folder = folder, Format = ExportFormat.AdobeDataSources,
                Adobe = new OfflineData.Core.Writing.AdobeDataSources.AdobeDataSourceOptions { MaxDays = 1 }, // a file per day: a 2-day batch splits
            };

            var results = new HistoryExporter(store, options).Run().ToList();

            var batch = Assert.Single(results); // the second batch (day 2) has no rows: no file, no result
            Assert.Equal(40, batch.Rows);
            Assert.Equal(2, batch.Files.Count); // split at the day: 24 rows and 16
            Assert.Equal(new[] { 24, 16 }, batch.Files.Select(f => File.ReadAllLines(f).Length - 1)); // after the header line
            Assert.All(results.SelectMany(r => r.Files), f => Assert.True(File.Exists(f)));
            Assert.Equal(results.Sum(r => r.Files.Sum(f => new FileInfo(f).Length)), results.Sum(r => r.Bytes));
        }

        private static List<string> CustomersIn(string path, ExportFormat format)
        {
            var lines = File.ReadAllLines(path);
            switch (format)
            {
                case ExportFormat.JsonLines:
                    return lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("CustomerId").GetString()!).ToList();
                case ExportFormat.Csv:
                    return lines.Skip(1).Select(l => l.Split(',')[4]).ToList();
                default:
                    return lines.Skip(1).Select(l => l.Split(';')[1]).ToList();
            }
        }

        private static List<string> Fingerprint(IOfflineDataStore store) => store.GetOfflineRows(new OfflineRowQuery())
            .Select(r => string.Join("|", r.Timestamp.ToString("s"), r.CustomerId, r.EventType, r.Record.Category, r.EventName, r.Num1, r.Num2, r.Record.Var1, r.Outcome, r.Reason))
            .OrderBy(s => s, StringComparer.Ordinal).ToList();
    }
}
