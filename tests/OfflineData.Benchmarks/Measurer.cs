using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using OfflineData.Core;
using OfflineData.Core.Reading;
using OfflineData.Core.Validation;

namespace OfflineData.Benchmarks
{
    /// <summary>
    /// The measuring side: validates one file in this process and prints one line per pass. A parent
    /// starts it as a fresh process, so the first pass is the cold one (nothing jitted, nothing cached
    /// in the process); later passes in the same process are warm.
    /// </summary>
    internal static class Measurer
    {
        public static int Run(string path, int warmup, int passes, bool checkDuplicates, bool reference = false)
        {
            var options = new OfflineDataReaderOptions { CheckDuplicates = checkDuplicates };
            for (int i = 0; i < warmup; i++) Pass(path, options, reference);
            for (int i = 0; i < passes; i++) Console.WriteLine(Pass(path, options, reference).ToLine());
            return 0;
        }

        private static PassResult Pass(string path, OfflineDataReaderOptions options, bool reference)
        {
            int gen0 = GC.CollectionCount(0), gen2 = GC.CollectionCount(2);
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            long rows, errors, warnings;
            if (reference)
            {
                // The limit: the hand-written SIMD reader doing the same checks and nothing else (ReferenceReader).
                var limit = ReferenceReader.Run(path);
                rows = limit.Rows;
                errors = limit.BadRows;
                warnings = 0;
            }
            else
            {
                var report = new OfflineDataValidator(options).Validate(path);
                rows = report.RowCount;
                errors = report.ErrorCount;
                warnings = report.WarningCount;
            }

            stopwatch.Stop();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            cpu = self.TotalProcessorTime - cpu;
            return new PassResult
            {
                Seconds = stopwatch.Elapsed.TotalSeconds,
                CpuSeconds = cpu.TotalSeconds,
                Rows = rows,
                Errors = errors,
                Warnings = warnings,
                AllocatedBytes = allocated,
                PeakWorkingSet = self.PeakWorkingSet64,
                GcHeapCommitted = GC.GetGCMemoryInfo().TotalCommittedBytes,
                Gen0 = GC.CollectionCount(0) - gen0,
                Gen2 = GC.CollectionCount(2) - gen2,
            };
        }

        /// <summary>Starts this program again as <c>dotnet &lt;its dll&gt; --measure</c> and collects its passes.</summary>
        public static List<PassResult> RunChild(string path, int warmup, int passes, bool checkDuplicates, bool reference = false)
        {
            string dll = typeof(Measurer).Assembly.Location;
            var start = new ProcessStartInfo(DotnetHost())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { dll, "--measure", path, "--warmup", warmup.ToString(), "--passes", passes.ToString() }) start.ArgumentList.Add(arg);
            if (!checkDuplicates) start.ArgumentList.Add("--no-duplicate-check");
            if (reference) start.ArgumentList.Add("--reference");
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start the measuring process.");
            var stderr = process.StandardError.ReadToEndAsync();
            var results = new List<PassResult>();
            string? line;
            while ((line = process.StandardOutput.ReadLine()) != null)
            {
                if (PassResult.TryParse(line, out var result)) results.Add(result);
            }

            process.WaitForExit();
            if (process.ExitCode != 0 || results.Count != passes)
            {
                throw new InvalidOperationException($"The measuring process failed (exit {process.ExitCode}): {stderr.Result}");
            }

            return results;
        }

        private static string DotnetHost()
        {
            // Run under `dotnet` the measuring process is the muxer; run via the apphost, find dotnet beside the runtime.
            var self = Environment.ProcessPath;
            if (self != null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
            var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
            if (!string.IsNullOrEmpty(root))
            {
                var candidate = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
                if (File.Exists(candidate)) return candidate;
            }

            return "dotnet";
        }
    }
}
