using System;
using System.Globalization;

namespace OfflineData.Benchmarks
{
    /// <summary>One validation pass as measured inside the measuring process, sent to the parent as one line.</summary>
    internal sealed class PassResult
    {
        private const string Prefix = "PASS ";

        public double Seconds { get; set; }

        /// <summary>Processor time of the whole process during the pass (all threads): less disturbed than wall time on a busy machine.</summary>
        public double CpuSeconds { get; set; }

        public long Rows { get; set; }

        public long Errors { get; set; }

        public long Warnings { get; set; }

        public long AllocatedBytes { get; set; }

        public long PeakWorkingSet { get; set; }

        public long GcHeapCommitted { get; set; }

        public int Gen0 { get; set; }

        public int Gen2 { get; set; }

        public string ToLine() => string.Create(CultureInfo.InvariantCulture,
            $"{Prefix}{Seconds:R} {CpuSeconds:R} {Rows} {Errors} {Warnings} {AllocatedBytes} {PeakWorkingSet} {GcHeapCommitted} {Gen0} {Gen2}");

        public static bool TryParse(string line, out PassResult result)
        {
            result = new PassResult();
            if (!line.StartsWith(Prefix, StringComparison.Ordinal)) return false;
            var p = line.Substring(Prefix.Length).Split(' ');
            var c = CultureInfo.InvariantCulture;
            result.Seconds = double.Parse(p[0], c);
            result.CpuSeconds = double.Parse(p[1], c);
            result.Rows = long.Parse(p[2], c);
            result.Errors = long.Parse(p[3], c);
            result.Warnings = long.Parse(p[4], c);
            result.AllocatedBytes = long.Parse(p[5], c);
            result.PeakWorkingSet = long.Parse(p[6], c);
            result.GcHeapCommitted = long.Parse(p[7], c);
            result.Gen0 = int.Parse(p[8], c);
            result.Gen2 = int.Parse(p[9], c);
            return true;
        }
    }
}
