using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace OfflineData.Benchmarks
{
    /// <summary>
    /// Measures the core validator on a generated file, plain, zipped and gzipped: cold (a fresh process per
    /// pass, so the JIT and the process are cold) and warm (the same process after two warm-up passes,
    /// median of five). Prints Markdown tables. See docs/performance.md.
    /// </summary>
    /// <remarks>
    /// Usage: <c>dotnet run -c Release --project tests/OfflineData.Benchmarks -- [--rows N] [--dir D]
    /// [--cold-runs K] [--regenerate] [--no-duplicate-check] [--size-scaling [--scaling-rows 1000000,4000000]]</c>.
    /// Internal: <c>--measure FILE [--warmup W] [--passes P]</c> validates FILE and prints one line per pass.
    /// </remarks>
    internal static class Program
    {
        private const double Mega = 1_000_000d;

        private static int Main(string[] args)
        {
            // The import and conversion benchmarks have their own modes (docs/performance.md, docs/conversion.md).
            if (args.Length > 0 && args[0] == "import") return ImportBenchmark.Run(args);
            if (args.Length > 0 && args[0] == "measure") return MeasureBenchmark.Run(args);
            if (args.Length > 0 && args[0] == "convert-hash")
            {
                long rows = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
                string folder = args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), "offlinedata-convert-bench");
                return HashingBenchmark.Run(rows, folder);
            }

            if (args.Length > 0 && args[0] == "convert")
            {
                long rows = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 2_000_000;
                string folder = args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), "offlinedata-convert-bench");
                return ConversionBenchmark.Run(rows, folder);
            }

            try
            {
                // "generate [options]" only writes (or reuses) the files and prints the plain one's path: the pwsh
                // pipeline benchmark (tests/OfflineData.Benchmarks/ReadPipeline.ps1) reads that file.
                if (args.Length > 0 && args[0] == "generate")
                {
                    var generate = Options.Parse(args.Skip(1).ToArray());
                    Console.WriteLine(Prepare(generate.Directory, generate.Rows, generate.Regenerate)[0].Path);
                    return 0;
                }

                var options = Options.Parse(args);
                if (options.MeasurePath != null) return Measurer.Run(options.MeasurePath, options.Warmup, options.Passes, options.CheckDuplicates, options.Reference);
                return options.SizeScaling ? SizeScaling(options) : Matrix(options);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message);
                Console.Error.WriteLine("Usage: [--rows N] [--dir D] [--cold-runs K] [--regenerate] [--no-duplicate-check] [--size-scaling [--scaling-rows 1000000,4000000]]");
                return 2;
            }
        }

        private static int Matrix(Options options)
        {
            var files = Prepare(options.Directory, options.Rows, options.Regenerate);
            Console.WriteLine();
            Console.WriteLine(MachineDescription());
            if (!options.CheckDuplicates) Console.WriteLine("Duplicate-row check OFF (breakdown run).");
            Console.WriteLine($"{options.Rows:N0} rows; cold = median of {options.ColdRuns} fresh processes, warm = median of 5 passes after 2 warm-up passes in one process.");
            Console.WriteLine();
            Console.WriteLine("Limit = the reference SIMD reader (tests/OfflineData.Benchmarks/ReferenceReader.cs, same checks, no findings, no duplicate check) on the same file in the same run; Ratio = validator MB/s / limit MB/s.");
            Console.WriteLine();
            Console.WriteLine("| Input | Run | File MB | Text MB | Time s | CPU s | MB/s (file) | MB/s (text) | Limit MB/s (text) | Ratio | Rows/s | Peak WS MB | Allocated MB |");
            Console.WriteLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
            PassResult? reference = null;
            foreach (var file in files)
            {
                // Validator and limit alternate, so a change in the machine's load hits both alike.
                var cold = new List<PassResult>();
                var coldLimit = new List<PassResult>();
                for (int i = 0; i < options.ColdRuns; i++)
                {
                    cold.AddRange(Measurer.RunChild(file.Path, 0, 1, options.CheckDuplicates));
                    coldLimit.AddRange(Measurer.RunChild(file.Path, 0, 1, options.CheckDuplicates, reference: true));
                }

                var warm = Measurer.RunChild(file.Path, 2, 5, options.CheckDuplicates);
                var warmLimit = Measurer.RunChild(file.Path, 2, 5, options.CheckDuplicates, reference: true);
                PrintRow(file, "cold", cold, coldLimit);
                PrintRow(file, "warm", warm, warmLimit);
                reference ??= cold[0];
            }

            Console.WriteLine($"Load average after: {LoadAverage()}");
            if (reference != null)
            {
                Console.WriteLine();
                Console.WriteLine($"Each pass: {reference.Rows:N0} data rows, {reference.Errors:N0} errors, {reference.Warnings:N0} warnings (the planted invalid rows and duplicates).");
            }

            return 0;
        }

        private static int SizeScaling(Options options)
        {
            Console.WriteLine();
            Console.WriteLine(MachineDescription());
            Console.WriteLine("| Rows | Input | File MB | Text MB | Cold time s | MB/s (text) | Peak WS MB | GC committed MB | Allocated MB |");
            Console.WriteLine("|--:|---|--:|--:|--:|--:|--:|--:|--:|");
            foreach (var rows in options.ScalingRows)
            {
                foreach (var file in Prepare(options.Directory, rows, options.Regenerate))
                {
                    var pass = Measurer.RunChild(file.Path, 0, 1, options.CheckDuplicates)[0];
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {rows:N0} | {file.Kind} | {file.FileBytes / Mega:F1} | {file.TextBytes / Mega:F1} | {pass.Seconds:F2} | {file.TextBytes / Mega / pass.Seconds:F0} | {pass.PeakWorkingSet / Mega:F1} | {pass.GcHeapCommitted / Mega:F1} | {pass.AllocatedBytes / Mega:F1} |"));
                }
            }

            return 0;
        }

        /// <summary>Cores, processor, runtime and the load average: on a shared machine the load explains the noise.</summary>
        private static string MachineDescription()
        {
            string cpu = "unknown";
            if (File.Exists("/proc/cpuinfo"))
            {
                var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                if (model != null) cpu = model.Substring(model.IndexOf(':') + 1).Trim();
            }

            return $"Machine: {Environment.ProcessorCount} cores, {cpu}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; load average before: {LoadAverage()}";
        }

        private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

        private static void PrintRow(BenchmarkFile file, string run, List<PassResult> passes, List<PassResult> limitPasses)
        {
            var median = passes.OrderBy(p => p.Seconds).ElementAt(passes.Count / 2);
            var limit = limitPasses.OrderBy(p => p.Seconds).ElementAt(limitPasses.Count / 2);
            long peak = passes.Max(p => p.PeakWorkingSet);
            double text = file.TextBytes / Mega / median.Seconds, limitText = file.TextBytes / Mega / limit.Seconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {file.Kind} | {run} | {file.FileBytes / Mega:F1} | {file.TextBytes / Mega:F1} | {median.Seconds:F3} | {median.CpuSeconds:F3} | {file.FileBytes / Mega / median.Seconds:F0} | {text:F0} | {limitText:F0} | {text / limitText:F2} | {median.Rows / median.Seconds:N0} | {peak / Mega:F1} | {median.AllocatedBytes / Mega:F2} |"));
            Console.Error.WriteLine($"  {file.Kind} {run}: " + string.Join(", ", passes.Select(p => p.Seconds.ToString("F3", CultureInfo.InvariantCulture) + "s (cpu " + p.CpuSeconds.ToString("F3", CultureInfo.InvariantCulture) + ")")));
            Console.Error.WriteLine($"  {file.Kind} {run} limit: " + string.Join(", ", limitPasses.Select(p => p.Seconds.ToString("F3", CultureInfo.InvariantCulture) + "s (rows " + p.Rows + ", bad " + p.Errors + ")")));
        }

        /// <summary>Generates (or reuses, same rows and seed) the plain, zip and gzip files.</summary>
        private static List<BenchmarkFile> Prepare(string directory, long rows, bool regenerate)
        {
            Directory.CreateDirectory(directory);
            string stem = Path.Combine(directory, $"offline-data-{rows}-seed{DataGenerator.Seed}");
            string plain = stem + ".csv", zip = stem + ".zip", gzip = stem + ".csv.gz";
            var stopwatch = Stopwatch.StartNew();
            if (regenerate || !File.Exists(plain) || !File.Exists(zip) || !File.Exists(gzip))
            {
                Console.Error.WriteLine($"Generating {rows:N0} rows in {directory} ...");
                DataGenerator.WritePlain(plain, rows);
                DataGenerator.WriteZip(plain, zip);
                DataGenerator.WriteGzip(plain, gzip);
                Console.Error.WriteLine($"  done in {stopwatch.Elapsed.TotalSeconds:F1} s");
            }

            long text = new FileInfo(plain).Length;
            return new List<BenchmarkFile>
            {
                new BenchmarkFile("plain", plain, text, text),
                new BenchmarkFile("zip", zip, new FileInfo(zip).Length, text),
                new BenchmarkFile("gzip", gzip, new FileInfo(gzip).Length, text),
            };
        }
    }
}
