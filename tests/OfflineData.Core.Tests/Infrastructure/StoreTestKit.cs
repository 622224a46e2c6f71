using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using OfflineData.Core.Findings;
using OfflineData.Core.Import;
using OfflineData.Core.Reading;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Sqlite;

namespace OfflineData.Core.Tests.Infrastructure
{
    /// <summary>Builds stores, online activity and offline files for the store, matching and import tests.</summary>
    public static class StoreTestKit
    {
        public const string Suite = "acme.prod";

        public static SqliteOfflineDataStore NewStore(TempDirectory dir, string name = "store.db") => SqliteOfflineDataStore.Open(dir.Combine(name), create: true);

        /// <summary>An offline row with all 22 named columns and the transaction ID in EventTransaction Attr1.</summary>
        public static string OfflineRow(DateTime time, string customer, string? transactionId, decimal num2 = 10m, string var1 = "")
        {
            var fields = new List<string>
            {
                time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), customer, "7", "CAT", "SKU1", "1",
                num2.ToString(CultureInfo.InvariantCulture), var1,
            };
            while (fields.Count < 22) fields.Add(string.Empty);
            if (transactionId != null) fields.Add(transactionId);
            return string.Join(";", fields);
        }

        /// <summary>
        /// The text of an offline file of <paramref name="count"/> rows a minute apart after <paramref name="start"/>,
        /// customers prefix1..prefixN, no transaction IDs: bulk data for tests that need many rows.
        /// </summary>
        public static string OfflineRows(DateTime start, int count, string customerPrefix) =>
            Rows.Lines(Enumerable.Range(1, count).Select(i => OfflineRow(start.AddMinutes(i), customerPrefix + i, null)).ToArray());

        public static void RecordOnline(IOfflineDataStore store, string suite, params OnlineActivity[] activities)
        {
            using var recorder = new OnlineDataRecorder(store, suite, "test");
            foreach (var activity in activities)
            {
                var finding = recorder.Record(new OnlineInputRow(activity, null));
                if (finding != null && finding.SeverityValue == FindingSeverity.Error) throw new InvalidOperationException(finding.ToString());
            }

            recorder.Complete();
        }

        public static OnlineActivity Online(DateTime time, string visitor, string? transactionId = null, params (string Name, string Value)[] state)
        {
            var activity = new OnlineActivity { Timestamp = time, VisitorId = visitor, TransactionId = transactionId, Source = "test", Line = 1 };
            foreach (var (name, value) in state) activity.State[name] = value;
            return activity;
        }

        public static ImportResult Import(IOfflineDataStore store, string path, bool force = false, bool dryRun = false, string? rejectDirectory = null, CollectingObserver? observer = null)
        {
            // Quarantine beside the store file, as the cmdlets choose for an SQLite store (the core takes no default from it).
            var options = new OfflineDataImportOptions { ReportSuite = Suite, Force = force, DryRun = dryRun, RejectDirectory = rejectDirectory ?? BesideStore(store), QuarantineStoreName = Path.GetFileNameWithoutExtension(store.Location), ReaderOptions = new OfflineDataReaderOptions { Now = new DateTime(2030, 1, 1) } };
            return new OfflineDataImporter(store).Import(path, options, observer ?? new CollectingObserver());
        }

        /// <summary>
        /// The quarantine folder the cmdlets use for an SQLite store: beside its file. A server store has no file: its
        /// tests' rejected rows go to a folder in the temp folder.
        /// </summary>
        public static string BesideStore(IOfflineDataStore store) =>
            store.Location.IndexOf("://", StringComparison.Ordinal) >= 0
                ? Path.Combine(Path.GetTempPath(), "OfflineData.Tests", "quarantine")
                : Path.Combine(Path.GetDirectoryName(store.Location)!, "quarantine");

        public static long CountRows(IOfflineDataStore store) => store.GetOfflineRows(new OfflineRowQuery()).LongCount();
    }
}
