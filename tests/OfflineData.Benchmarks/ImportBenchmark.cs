using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using OfflineData.Core.Import;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Sqlite;

namespace OfflineData.Benchmarks
{
    /// <summary>
    /// Import throughput: <c>dotnet run -c Release --project tests/OfflineData.Benchmarks -- import [rows]</c>.
    /// Generates an offline file of N rows (a third carry a transaction ID, half of those recorded online;
    /// quoted fields with ';'), records the online side, then runs a dry run and a real import into a fresh
    /// store and prints rows/s, MB/s and peak working set.
    /// </summary>
    internal static class ImportBenchmark
    {
        public static int Run(string[] args)
        {
            int rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
            var dir = Path.Combine(Path.GetTempPath(), "offlinedata-import-benchmark");
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, $"offline-{rows}.csv");
            var start = new DateTime(2025, 1, 1);
            if (!File.Exists(file)) Generate(file, rows, start);

            var storePath = Path.Combine(dir, $"store-{Guid.NewGuid():N}.db");
            try
            {
                using var store = SqliteOfflineDataStore.Open(storePath, create: true);
                store.SetRecording("acme.prod", true, 90);
                var clock = Stopwatch.StartNew();
                using (var recorder = new OnlineDataRecorder(store, "acme.prod", "benchmark"))
                {
                    for (int i = 0; i < rows; i += 6)
                    {
                        var activity = new OnlineActivity { Timestamp = start.AddSeconds(i * 5).AddDays(-1), VisitorId = "V" + i, TransactionId = $"ORD-{i:D9}", Line = i };
                        activity.State["Campaign"] = "spring";
                        activity.State["Var1"] = "online";
                        recorder.Record(new OnlineInputRow(activity, null));
                        if (i % 12 == 0) recorder.Record(new OnlineInputRow(new OnlineActivity { Timestamp = start, VisitorId = "CUST-" + (i % 50000), Line = i }, null));
                    }

                    recorder.Complete();
                }

                Console.WriteLine($"online: {rows / 6:N0} transactions recorded in {clock.Elapsed.TotalSeconds:N2} s");
                long size = new FileInfo(file).Length;
                foreach (var dryRun in new[] { true, false })
                {
                    GC.Collect();
                    clock.Restart();
                    var result = new OfflineDataImporter(store).Import(file, new OfflineDataImportOptions { ReportSuite = "acme.prod", DryRun = dryRun, RejectDirectory = Path.Combine(dir, "quarantine") }, new NullObserver());
                    double seconds = clock.Elapsed.TotalSeconds;
                    using var process = Process.GetCurrentProcess();
                    Console.WriteLine(
                        $"{(dryRun ? "dry run" : "import "),-8} {result.Status}: {result.Rows:N0} rows ({result.MatchedByTransactionId:N0} by transaction ID, {result.MatchedByCustomerId:N0} by customer ID, {result.Unattributed:N0} unattributed) " +
                        $"in {seconds:N2} s = {result.Rows / seconds:N0} rows/s, {size / 1048576.0 / seconds:N1} MB/s; peak working set {process.PeakWorkingSet64 / 1048576.0:N0} MB");
                }

                Console.WriteLine($"file {size / 1048576.0:N1} MB, store {new FileInfo(storePath).Length / 1048576.0:N1} MB");
                return 0;
            }
            finally
            {
                foreach (var leftover in Directory.GetFiles(dir, Path.GetFileName(storePath) + "*")) File.Delete(leftover);
                var quarantine = Path.Combine(dir, "quarantine");
                if (Directory.Exists(quarantine)) Directory.Delete(quarantine, recursive: true);
            }
        }

        private static void Generate(string file, int rows, DateTime start)
        {
            using var writer = new StreamWriter(file, false, new UTF8Encoding(false));
            writer.NewLine = "\n";
            for (int i = 0; i < rows; i++)
            {
                var time = start.AddSeconds(i * 5).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                string transactionId = i % 3 == 0 ? $"ORD-{i:D9}" : string.Empty;
                writer.WriteLine($"{time};CUST-{i % 50000};7;SHOES;SKU-{i % 997};1;{(i % 1000) + 0.5m};\"Stockholm; City\";Store 12;;;;Running;;;;;;;;;;{transactionId}");
            }
        }

        private sealed class NullObserver : IImportObserver
        {
            public bool WantsRows => false;

            public void Progress(string path, long bytesRead, long totalBytes, long rows)
            {
            }

            public void Warning(string message)
            {
            }

            public void Verbose(string message)
            {
            }

            public void RowMatched(StoredOfflineRow row)
            {
            }
        }
    }
}
