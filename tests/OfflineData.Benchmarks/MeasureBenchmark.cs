using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using OfflineData.Core.Import;
using OfflineData.Core.Measuring;
using OfflineData.Core.Store;
using OfflineData.Core.Validation;

namespace OfflineData.Benchmarks
{
    /// <summary>
    /// Summary speed (Measure-OfflineData): <c>dotnet run -c Release --project tests/OfflineData.Benchmarks -- measure
    /// [rows] [--store LOCATION|none] [--passes N] [--file-only|--store-only]</c>. On the import benchmark's generated file (N rows, a third with a
    /// transaction ID, half of those recorded online), it times the validation Test-OfflineDataFile runs and the file
    /// summary, alternating, and prints their ratio (target: at most 1.5); then imports the file into a store (a fresh
    /// SQLite file, or LOCATION into a report suite of its own) and times the store summary by several groupings
    /// (target: under 2 s). Each figure is the median of the passes (default 3).
    /// </summary>
    internal static class MeasureBenchmark
    {
        public static int Run(string[] args)
        {
            int rows = 1_000_000;
            int passes = 3;
            string? location = null;
            bool fileOnly = false, storeOnly = false;
            for (int i = 1; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--store": location = Value(); break;
                    case "--passes": passes = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--file-only": fileOnly = true; break;
                    case "--store-only": storeOnly = true; break;
                    default: rows = int.Parse(args[i].Replace("_", string.Empty), CultureInfo.InvariantCulture); break;
                }
            }

            if (string.Equals(location, "none", StringComparison.OrdinalIgnoreCase)) location = null;
            var dir = Path.Combine(Path.GetTempPath(), "offlinedata-import-benchmark");
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, $"offline-{rows}.csv");
            var start = new DateTime(2025, 1, 1);
            if (!File.Exists(file)) ImportBenchmark.Generate(file, rows, start);
            Console.WriteLine($"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}; load average before: {LoadAverage()}");
            Console.WriteLine($"file {file}: {rows:N0} rows, {new FileInfo(file).Length / 1e6:N1} MB; median of {passes} passes");
            Console.WriteLine();

            var byDay = new[] { SummaryDimension.Parse("Day") };
            // --store-only still summarises the file once: the store's summary by Day must have its checksum.
            var checksum = storeOnly ? OfflineDataSummarizer.SummarizeFile(file, byDay).Checksum : MeasureFile(file, rows, passes, byDay);
            if (fileOnly) return 0;

            string? temporary = location == null ? Path.Combine(dir, $"measure-{Guid.NewGuid():N}.db") : null;
            try
            {
                var suite = location == null ? "acme.prod" : $"bench-{DateTime.UtcNow:yyyyMMddHHmmss}";
                using var store = StoreFactory.Open(temporary ?? location!, new StoreOpenOptions { Create = true });
                ImportBenchmark.RecordOnline(store, suite, rows, start);
                var clock = Stopwatch.StartNew();
                var result = new OfflineDataImporter(store).Import(file, new OfflineDataImportOptions { ReportSuite = suite, RejectDirectory = Path.Combine(dir, "quarantine") }, new ImportBenchmark.NullObserver());
                Console.Error.WriteLine($"  imported {result.Imported:N0} rows into {store.DisplayName} in {clock.Elapsed.TotalSeconds:N1} s ({result.Status})");
                var query = new OfflineRowQuery { ReportSuite = suite };
                Console.WriteLine($"| Store | GroupBy | Groups | Summary s | Under 2 s |");
                Console.WriteLine("|---|---|--:|--:|---|");
                foreach (var grouping in new[] { "", "Day", "Week", "Outcome", "State.Campaign", "Day,Outcome" })
                {
                    var dimensions = grouping.Length == 0 ? Array.Empty<SummaryDimension>() : grouping.Split(',').Select(SummaryDimension.Parse).ToArray();
                    var times = new List<double>();
                    OfflineDataSummary? summary = null;
                    for (int pass = 0; pass < passes + 1; pass++)
                    {
                        var seconds = Time(() => summary = OfflineDataSummarizer.SummarizeStore(store, query, dimensions));
                        if (pass > 0) times.Add(seconds);
                    }

                    if (grouping == "Day" && summary!.Checksum != checksum) Console.Error.WriteLine("  CHECKSUM MISMATCH between the file and the store (Day)");
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {(temporary != null ? "SQLite" : "server")} | {(grouping.Length == 0 ? "(totals)" : grouping)} | {summary!.Groups.Count:N0} | {Median(times):F2} | {(Median(times) < 2 ? "yes" : "no")} |"));
                }
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

            Console.WriteLine($"Load average after: {LoadAverage()}");
            return 0;
        }

        /// <summary>Validation and file summaries, alternating; prints their table and returns the checksum by Day.</summary>
        private static string MeasureFile(string file, int rows, int passes, SummaryDimension[] byDay)
        {
            Console.WriteLine("| File | Test-OfflineDataFile core s | Summary s (GroupBy Day) | Ratio | Summary s (no GroupBy) | Ratio |");
            Console.WriteLine("|---|--:|--:|--:|--:|--:|");
            var validate = new List<double>();
            var summarise = new List<double>();
            var total = new List<double>();
            string checksum = string.Empty;
            for (int pass = 0; pass < passes + 1; pass++)
            {
                // The first round warms the JIT and the page cache and is not counted; the three alternate, so load hits all alike.
                var v = Time(() => new OfflineDataValidator().Validate(file));
                var s = Time(() => checksum = OfflineDataSummarizer.SummarizeFile(file, byDay).Checksum);
                var t = Time(() => OfflineDataSummarizer.SummarizeFile(file, Array.Empty<SummaryDimension>()));
                if (pass == 0) continue;
                validate.Add(v);
                summarise.Add(s);
                total.Add(t);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  pass {pass}: validation {v:F2} s, by Day {s:F2} s ({s / v:F2}x), totals {t:F2} s ({t / v:F2}x)"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {rows:N0} rows | {Median(validate):F2} | {Median(summarise):F2} | {Median(summarise) / Median(validate):F2} | {Median(total):F2} | {Median(total) / Median(validate):F2} |"));
            Console.WriteLine();
            return checksum;
        }

        private static double Time(Action action)
        {
            GC.Collect();
            var clock = Stopwatch.StartNew();
            action();
            return clock.Elapsed.TotalSeconds;
        }

        private static double Median(List<double> values)
        {
            var sorted = values.OrderBy(v => v).ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }

        private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
    }
}
