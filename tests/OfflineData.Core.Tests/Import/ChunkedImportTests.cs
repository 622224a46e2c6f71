using System;
using System.Collections.Generic;
using System.Linq;
using OfflineData.Core.Format;
using OfflineData.Core.Import;
using OfflineData.Core.Matching;
using OfflineData.Core.Store;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Import
{
    /// <summary>
    /// Issue 9: the importer matches and stores valid rows in chunks of <see cref="OfflineDataImporter.ChunkRows"/>,
    /// telling the session each chunk's transaction and customer IDs before any of its rows is matched, so a server
    /// store can fetch them in one round trip.
    /// </summary>
    public sealed class ChunkedImportTests
    {
        private static readonly DateTime T = new DateTime(2024, 3, 1, 10, 0, 0);

        [Fact]
        public void EachChunksIdsAreAnnouncedBeforeItsRowsAreMatched_InChunksOfChunkRows_InFileOrder()
        {
            using var dir = new TempDirectory();
            using var inner = StoreTestKit.NewStore(dir);
            inner.SetRecording(StoreTestKit.Suite, true, 90);
            StoreTestKit.RecordOnline(inner, StoreTestKit.Suite,
                Enumerable.Range(0, 50).Select(i => StoreTestKit.Online(T, "V" + i, "T" + i)).Append(StoreTestKit.Online(T, "C7")).ToArray());
            var lines = new List<string>();
            for (int i = 0; i < 25_001; i++)
            {
                lines.Add(StoreTestKit.OfflineRow(T.AddMinutes(i), "C" + (i % 3_000), i % 4 == 0 ? "T" + (i % 7_000) : null));
                if (i == 12_345) lines.Add("not-a-time;C1;7;CAT;SKU;1;1");
            }

            var path = dir.WriteText("sales.csv", Rows.Lines(lines.ToArray()));
            var store = new RecordingStore(inner);
            var observer = new CollectingObserver { KeepRows = true };

            var result = StoreTestKit.Import(store, path, observer: observer);

            Assert.Equal(ImportRunStatus.Imported, result.StatusValue);
            Assert.Equal(25_001, result.Imported);
            Assert.Equal(1, result.Rejected);
            // 2,000 rows a chunk: small enough that a chunk's records die young (see OfflineDataImporter.ChunkRows).
            Assert.Equal(2_000, OfflineDataImporter.ChunkRows);
            Assert.Equal(Enumerable.Repeat(2_000, 12).Append(1_001), store.Session!.Chunks.Select(c => c.Rows.Count));
            foreach (var chunk in store.Session.Chunks)
            {
                // Exactly the IDs its rows carry, each once; every lookup made for its rows was announced.
                Assert.Equal(chunk.Rows.Select(r => r.CustomerId).Distinct().OrderBy(id => id, StringComparer.Ordinal), chunk.CustomerIds.OrderBy(id => id, StringComparer.Ordinal));
                Assert.Equal(chunk.CustomerIds.Count, chunk.CustomerIds.Distinct().Count());
                var transactionIds = chunk.Rows.Select(r => TransactionIdColumn.Default.GetValue(r)).Where(id => id != null).Distinct();
                Assert.Equal(transactionIds.OrderBy(id => id, StringComparer.Ordinal), chunk.TransactionIds.OrderBy(id => id, StringComparer.Ordinal));
                Assert.All(chunk.TransactionLookups, id => Assert.Contains(id, chunk.TransactionIds));
                Assert.All(chunk.VisitorLookups, id => Assert.Contains(id, chunk.CustomerIds));
                Assert.NotEmpty(chunk.TransactionLookups);
            }

            // Stored and reported in file order, every valid row once.
            var added = store.Session.Chunks.SelectMany(c => c.Rows).Select(r => r.Line).ToList();
            Assert.Equal(added.OrderBy(l => l), added);
            Assert.Equal(25_001, added.Distinct().Count());
            Assert.Equal(added, observer.Rows.Select(r => r.Line));
            Assert.Equal(52, result.MatchedByTransactionId); // T0-T49 carried by every 4th row, in each of the four 7,000-row cycles: 13 x 4
            Assert.Equal(25_001, StoreTestKit.CountRows(inner));
        }

        [Fact]
        public void WithRecordingOff_NoTransactionIdIsAnnouncedOrLookedUp()
        {
            using var dir = new TempDirectory();
            using var inner = StoreTestKit.NewStore(dir);
            var path = dir.WriteText("sales.csv", Rows.Lines(
                StoreTestKit.OfflineRow(T, "C1", "T1"),
                StoreTestKit.OfflineRow(T, "C2", null),
                StoreTestKit.OfflineRow(T, "C1", "T2")));
            var store = new RecordingStore(inner);

            var result = StoreTestKit.Import(store, path);

            Assert.Equal(3, result.Imported);
            var chunk = Assert.Single(store.Session!.Chunks);
            Assert.Empty(chunk.TransactionIds);
            Assert.Empty(chunk.TransactionLookups);
            Assert.Equal(new[] { "C1", "C2" }, chunk.CustomerIds.OrderBy(id => id, StringComparer.Ordinal));
        }

        [Fact]
        public void ADryRunIsChunkedTheSameWay()
        {
            using var dir = new TempDirectory();
            using var inner = StoreTestKit.NewStore(dir);
            var path = dir.WriteText("sales.csv", StoreTestKit.OfflineRows(T, OfflineDataImporter.ChunkRows + 1, "C"));
            var store = new RecordingStore(inner);

            var result = StoreTestKit.Import(store, path, dryRun: true);

            Assert.Equal(ImportRunStatus.DryRun, result.StatusValue);
            Assert.Equal(new[] { OfflineDataImporter.ChunkRows, 1 }, store.Session!.Chunks.Select(c => c.Rows.Count));
        }

        /// <summary>What a session was told, chunk by chunk: the announced IDs, then the lookups and rows that followed.</summary>
        private sealed class Chunk
        {
            public Chunk(IReadOnlyCollection<string> transactionIds, IReadOnlyCollection<string> customerIds)
            {
                TransactionIds = transactionIds.ToList();
                CustomerIds = customerIds.ToList();
            }

            public List<string> TransactionIds { get; }

            public List<string> CustomerIds { get; }

            public List<string> TransactionLookups { get; } = new List<string>();

            public List<string> VisitorLookups { get; } = new List<string>();

            public List<OfflineDataRecord> Rows { get; } = new List<OfflineDataRecord>();
        }

        /// <summary>A real session that records the calls the importer makes on it.</summary>
        private sealed class RecordingSession : IImportSession
        {
            private readonly IImportSession inner;

            public RecordingSession(IImportSession inner) => this.inner = inner;

            public List<Chunk> Chunks { get; } = new List<Chunk>();

            // A call before the first PrepareLookups has no chunk: the test then fails on the null.
            private Chunk Current => Chunks.LastOrDefault() ?? throw new InvalidOperationException("Looked up or added a row before any PrepareLookups.");

            public RecordingSettings? Recording => inner.Recording;

            public bool IsDryRun => inner.IsDryRun;

            public long? ImportId => inner.ImportId;

            public ImportLedgerEntry? AlreadyImported => inner.AlreadyImported;

            public void PrepareLookups(IReadOnlyCollection<string> transactionIds, IReadOnlyCollection<string> customerIds)
            {
                Chunks.Add(new Chunk(transactionIds, customerIds));
                inner.PrepareLookups(transactionIds, customerIds);
            }

            public OnlineTransaction? FindTransaction(string transactionId)
            {
                Current.TransactionLookups.Add(transactionId);
                return inner.FindTransaction(transactionId);
            }

            public bool IsKnownVisitor(string visitorId)
            {
                Current.VisitorLookups.Add(visitorId);
                return inner.IsKnownVisitor(visitorId);
            }

            public void AddRow(OfflineDataRecord record, MatchResult match)
            {
                Current.Rows.Add(record);
                inner.AddRow(record, match);
            }

            public long CountDistinctCustomers() => inner.CountDistinctCustomers();

            public ImportLedgerEntry? Commit(ImportFileCounts counts) => inner.Commit(counts);

            public void Dispose() => inner.Dispose();
        }

        /// <summary>A real store whose import session records its calls.</summary>
        private sealed class RecordingStore : IOfflineDataStore
        {
            private readonly IOfflineDataStore inner;

            public RecordingStore(IOfflineDataStore inner) => this.inner = inner;

            public RecordingSession? Session { get; private set; }

            public string Location => inner.Location;

            public string DisplayName => inner.DisplayName;

            public bool Exists => inner.Exists;

            public IImportSession BeginImport(ImportLedgerEntry entry, bool dryRun) => Session = new RecordingSession(inner.BeginImport(entry, dryRun));

            public ConsentRecordCounts RecordConsents(IEnumerable<ConsentEntry> entries) => inner.RecordConsents(entries);

            public IEnumerable<ConsentEntry> GetConsents(ConsentQuery query) => inner.GetConsents(query);

            public IEnumerable<string> GetSuppressedCustomerIds(ConsentPolicy policy) => inner.GetSuppressedCustomerIds(policy);

            public RecordingSettings? GetRecording(string reportSuite) => inner.GetRecording(reportSuite);

            public IReadOnlyList<RecordingSettings> GetRecordings() => inner.GetRecordings();

            public IReadOnlyList<string> GetReportSuiteIds() => inner.GetReportSuiteIds();

            public RecordingSettings SetRecording(string reportSuite, bool? enabled, int? expirationDays) => inner.SetRecording(reportSuite, enabled, expirationDays);

            public OnlineTransaction? GetTransaction(string reportSuite, string transactionId) => inner.GetTransaction(reportSuite, transactionId);

            public IOnlineRecordingSession BeginOnlineRecording(string reportSuite) => inner.BeginOnlineRecording(reportSuite);

            public ImportLedgerEntry? FindCompletedImport(string reportSuite, string sha256) => inner.FindCompletedImport(reportSuite, sha256);

            public ImportLedgerEntry RecordFailedImport(ImportLedgerEntry entry) => inner.RecordFailedImport(entry);

            public IEnumerable<ImportLedgerEntry> GetImports(ImportLedgerQuery query) => inner.GetImports(query);

            public IEnumerable<StoredOfflineRow> GetOfflineRows(OfflineRowQuery query) => inner.GetOfflineRows(query);

            public IReadOnlyList<OfflineData.Core.Measuring.OfflineDataSummaryRow> SummarizeOfflineRows(OfflineRowQuery query, IReadOnlyList<OfflineData.Core.Measuring.SummaryDimension> groupBy) => inner.SummarizeOfflineRows(query, groupBy);

            public DeliveryLedgerEntry RecordDeliveryStart(DeliveryLedgerEntry entry) => inner.RecordDeliveryStart(entry);

            public DeliveryLedgerEntry RecordDeliveryEnd(DeliveryLedgerEntry entry) => inner.RecordDeliveryEnd(entry);

            public DeliveryLedgerEntry? FindDelivery(string destination, string sha256) => inner.FindDelivery(destination, sha256);

            public IEnumerable<DeliveryLedgerEntry> GetDeliveries(DeliveryLedgerQuery query) => inner.GetDeliveries(query);

            public IDisposable? TryAcquireDelivery(string destination, string sha256) => inner.TryAcquireDelivery(destination, sha256);

            public IEnumerable<StoredOfflineRow> GetOfflineRowsInTimeOrder(string reportSuite, DateTime from, DateTime before, long? afterRowId, int? first) => inner.GetOfflineRowsInTimeOrder(reportSuite, from, before, afterRowId, first);

            public long CountOfflineRows(string reportSuite, DateTime from, DateTime before) => inner.CountOfflineRows(reportSuite, from, before);

            public IReadOnlyList<ExportLedgerEntry> GetExportBatches(string exportKey) => inner.GetExportBatches(exportKey);

            public void RecordExportBatch(ExportLedgerEntry entry) => inner.RecordExportBatch(entry);

            public int ForgetExport(string exportKey) => inner.ForgetExport(exportKey);

            public void Dispose()
            {
            }
        }
    }
}
