using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Data.Sqlite;
using OfflineData.Core.Import;
using OfflineData.Core.Store;

namespace OfflineData.Benchmarks
{
    /// <summary>
    /// Import throughput: <c>dotnet run -c Release --project tests/OfflineData.Benchmarks -- import [rows]
    /// [--store LOCATION|none] [--passes N] [--server-pid PID]</c>. Generates an offline file of N rows (a third carry a transaction ID,
    /// half of those recorded online; quoted fields with ';'), records the online side, then runs a dry run and a
    /// real import of the file, one after the other in the same process, and prints rows/s of each, their ratio,
    /// processor time, peak working set and the store's size per row.
    /// </summary>
    /// <remarks>
    /// Without <c>--store</c> (or with <c>--store none</c>) each pass uses a fresh SQLite file in the temporary folder,
    /// deleted afterwards. With a location (an SQLite file path, a PostgreSQL URI or connection string) the store is
    /// opened through <see cref="StoreFactory"/>, created if missing, and each pass imports into a report suite of
    /// its own (<c>bench-yyyyMMddHHmmss-N</c>), so a store can be reused; its rows are left there.
    /// </remarks>
    internal static class ImportBenchmark
    {
        // The PostgreSQL server's postmaster (--server-pid, a server on this machine): its processes' CPU is printed per phase.
        private static int? serverPid;

        public static int Run(string[] args)
        {
            int rows = 1_000_000;
            int passes = 1;
            string? location = null;
            for (int i = 1; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--store": location = Value(); break;
                    case "--passes": passes = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--server-pid": serverPid = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    default: rows = int.Parse(args[i].Replace("_", string.Empty), CultureInfo.InvariantCulture); break;
                }
            }

            if (string.Equals(location, "none", StringComparison.OrdinalIgnoreCase)) location = null;
            var dir = Path.Combine(Path.GetTempPath(), "offlinedata-import-benchmark");
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, $"offline-{rows}.csv");
            var start = new DateTime(2025, 1, 1);
            if (!File.Exists(file)) Generate(file, rows, start);
            long size = new FileInfo(file).Length;

            Console.WriteLine($"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}; load average before: {LoadAverage()}");
            Console.WriteLine($"file {file}: {rows:N0} rows, {size / 1e6:N1} MB; store: {(location == null ? "a fresh SQLite file per pass" : StoreFactory.GetDisplayName(location))}");
            Console.WriteLine();
            Console.WriteLine("| Pass | Store | Dry run s | Dry run CPU s | Dry run rows/s | Import s | Import CPU s | Import rows/s | Ratio | Store bytes/row | Peak WS MB dry / import |");
            Console.WriteLine("|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
            var ratios = new List<double>();
            for (int pass = 1; pass <= passes; pass++)
            {
                string? temporary = location == null ? Path.Combine(dir, $"store-{Guid.NewGuid():N}.db") : null;
                try
                {
                    var suite = location == null ? "acme.prod" : $"bench-{DateTime.UtcNow:yyyyMMddHHmmss}-{pass}";
                    using var store = StoreFactory.Open(temporary ?? location, new StoreOpenOptions { Create = true });
                    var storeFile = SqliteFile(store);
                    RecordOnline(store, suite, rows, start);
                    var dry = Measure(store, file, suite, dryRun: true, dir);
                    var real = Measure(store, file, suite, dryRun: false, dir);
                    if (dry.Result.Status != "DryRun" || real.Result.Status != "Imported")
                    {
                        Console.Error.WriteLine($"Unexpected status: dry run {dry.Result.Status} ({dry.Result.Message}), import {real.Result.Status} ({real.Result.Message}).");
                        return 1;
                    }

                    double ratio = real.RowsPerSecond / dry.RowsPerSecond;
                    ratios.Add(ratio);
                    if (storeFile != null && File.Exists(storeFile + "-wal")) Console.Error.WriteLine($"  write-ahead log after the import: {new FileInfo(storeFile + "-wal").Length / 1e6:N1} MB");
                    // Closed first: the last connection's close copies the write-ahead log back into the file.
                    store.Dispose();
                    string perRow = "n/a";
                    if (storeFile != null)
                    {
                        var breakdown = StoreBreakdown(storeFile);
                        long tableAndIndexes = breakdown.Sum(b => b.Bytes);
                        perRow = (tableAndIndexes / (double)real.Result.Imported).ToString("N0", CultureInfo.InvariantCulture);
                        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  store file {new FileInfo(storeFile).Length / 1e6:N1} MB ({new FileInfo(storeFile).Length / (double)real.Result.Imported:N0} B/row with the online side); offline_row and its indexes (pages a rolled-back DROP frees): ")
                            + string.Join("; ", breakdown.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Name} {b.Bytes / 1e6:N1} MB = {b.Bytes / (double)real.Result.Imported:N0} B/row"))));
                    }

                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {pass} | {(storeFile == null ? "server" : "SQLite")} | {dry.Seconds:F2} | {dry.Cpu:F2} | {dry.RowsPerSecond:N0} | {real.Seconds:F2} | {real.Cpu:F2} | {real.RowsPerSecond:N0} | {ratio:F2} | {perRow} | {dry.PeakWorkingSet / 1048576.0:N0} / {real.PeakWorkingSet / 1048576.0:N0} |"));
                    Console.Error.WriteLine($"  pass {pass}: {real.Result.Imported:N0} imported ({real.Result.MatchedByTransactionId:N0} by transaction ID, {real.Result.MatchedByCustomerId:N0} by customer ID, {real.Result.Unattributed:N0} unattributed); peak WS of the phase: dry run {dry.PeakWorkingSet / 1048576.0:N0} MB, import {real.PeakWorkingSet / 1048576.0:N0} MB");
                }
                finally
                {
                    if (temporary != null)
                    {
                        foreach (var leftover in Directory.GetFiles(dir, Path.GetFileName(temporary) + "*")) File.Delete(leftover);
                    }

                    var quarantine = Path.Combine(dir, "quarantine");
                    if (Directory.Exists(quarantine)) Directory.Delete(quarantine, recursive: true);
                }
            }

            if (passes > 1)
            {
                var sorted = ratios.OrderBy(r => r).ToList();
                double median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
                Console.WriteLine($"Median ratio of {passes} passes: {median:F2}");
            }
            Console.WriteLine($"Load average after: {LoadAverage()}");
            return 0;
        }

        internal static void RecordOnline(IOfflineDataStore store, string suite, int rows, DateTime start)
        {
            store.SetRecording(suite, true, 90);
            var clock = Stopwatch.StartNew();
            using (var recorder = new OnlineDataRecorder(store, suite, "benchmark"))
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

            Console.Error.WriteLine($"  online: {rows / 6:N0} transactions recorded in {clock.Elapsed.TotalSeconds:N2} s");
        }

        private static Phase Measure(IOfflineDataStore store, string file, string suite, bool dryRun, string dir)
        {
            // Everything the earlier phases left is collected and given back to the system (Aggressive decommits the
            // free memory), so the phase's peak working set is what the phase itself needs.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            ResetPeakWorkingSet();
            using var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var pause = GC.GetTotalPauseDuration();
            double serverCpu = ServerCpu();
            long allocated = GC.GetTotalAllocatedBytes();
            int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
            var clock = Stopwatch.StartNew();
            var result = new OfflineDataImporter(store).Import(file, new OfflineDataImportOptions { ReportSuite = suite, DryRun = dryRun, RejectDirectory = Path.Combine(dir, "quarantine") }, new NullObserver());
            double seconds = clock.Elapsed.TotalSeconds;
            process.Refresh();
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {(dryRun ? "dry run" : "import")}: GC pauses {(GC.GetTotalPauseDuration() - pause).TotalSeconds:F2} s, collections gen0 {GC.CollectionCount(0) - gen0} gen1 {GC.CollectionCount(1) - gen1} gen2 {GC.CollectionCount(2) - gen2}, allocated {(GC.GetTotalAllocatedBytes() - allocated) / (double)Math.Max(1, result.Rows):N0} B/row")
                + (serverPid.HasValue ? string.Create(CultureInfo.InvariantCulture, $", server CPU {ServerCpu() - serverCpu:F2} s") : string.Empty));
            return new Phase(result, seconds, (process.TotalProcessorTime - cpu).TotalSeconds, result.Rows / seconds, process.PeakWorkingSet64);
        }

        /// <summary>The store's file, when it is an SQLite store (its location is a file path), else null.</summary>
        private static string? SqliteFile(IOfflineDataStore store) => File.Exists(store.Location) ? store.Location : null;

        /// <summary>
        /// Bytes of the offline_row table and of each of its indexes: each dropped inside a transaction that is rolled
        /// back, the pages it frees counted (PRAGMA freelist_count; the bundled SQLite has no dbstat table).
        /// </summary>
        private static List<(string Name, long Bytes)> StoreBreakdown(string path)
        {
            var parts = new List<(string, long)>();
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            connection.Open();
            long Scalar(string sql)
            {
                using var command = connection.CreateCommand();
                command.CommandText = sql;
                return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            }

            long pageSize = Scalar("PRAGMA page_size;");
            var indexes = new List<string>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'offline_row' ORDER BY name;";
                using var reader = command.ExecuteReader();
                while (reader.Read()) indexes.Add(reader.GetString(0));
            }

            long Freed(string drop)
            {
                using var transaction = connection.BeginTransaction();
                long before = Scalar("PRAGMA freelist_count;");
                Scalar(drop + " SELECT 0;");
                long freed = (Scalar("PRAGMA freelist_count;") - before) * pageSize;
                transaction.Rollback();
                return freed;
            }

            long indexBytes = 0;
            foreach (var index in indexes)
            {
                long bytes = Freed($"DROP INDEX \"{index}\";");
                indexBytes += bytes;
                parts.Add((index, bytes));
            }

            parts.Insert(0, ("offline_row (table)", Freed("DROP TABLE offline_row;") - indexBytes));
            return parts;
        }

        /// <summary>
        /// Processor seconds of the PostgreSQL server's processes (the postmaster of <c>--server-pid</c> and its children,
        /// ended children included), from /proc; 0 without the option.
        /// </summary>
        private static double ServerCpu()
        {
            if (serverPid is not int pid) return 0;
            long ticks = 0;
            foreach (var dir in Directory.GetDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var candidate)) continue;
                string stat;
                try
                {
                    stat = File.ReadAllText(Path.Combine(dir, "stat"));
                }
                catch (IOException)
                {
                    continue;
                }

                // Fields after the command's closing parenthesis: state ppid ... utime(14) stime(15) cutime(16) cstime(17).
                var fields = stat.Substring(stat.LastIndexOf(')') + 2).Split(' ');
                int parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                if (candidate != pid && parent != pid) continue;
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                if (candidate == pid) ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            }

            return ticks / 100.0; // USER_HZ
        }

        /// <summary>
        /// Linux: resets the process's peak resident set (VmHWM, what PeakWorkingSet64 reads) to the current one, so a
        /// phase's peak is its own, not the online recording's or an earlier phase's.
        /// </summary>
        private static void ResetPeakWorkingSet()
        {
            try
            {
                File.WriteAllText("/proc/self/clear_refs", "5");
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
            }
        }

        private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

        internal static void Generate(string file, int rows, DateTime start)
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

        private sealed record Phase(ImportResult Result, double Seconds, double Cpu, double RowsPerSecond, long PeakWorkingSet);

        internal sealed class NullObserver : IImportObserver
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
