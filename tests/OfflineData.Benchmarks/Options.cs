using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace OfflineData.Benchmarks
{
    /// <summary>The command line of the benchmark program.</summary>
    internal sealed class Options
    {
        public long Rows { get; private set; } = 1_000_000;

        public string Directory { get; private set; } = Path.Combine(Path.GetTempPath(), "offlinedata-benchmark");

        public int ColdRuns { get; private set; } = 5;

        public bool Regenerate { get; private set; }

        /// <summary>Measures without the duplicate-row check, to show what it costs.</summary>
        public bool CheckDuplicates { get; private set; } = true;

        public bool SizeScaling { get; private set; }

        /// <summary>Measures the reference limit reader (ReferenceReader) instead of the validator (with --measure).</summary>
        public bool Reference { get; private set; }

        public IReadOnlyList<long> ScalingRows { get; private set; } = new long[] { 1_000_000, 4_000_000 };

        public string? MeasurePath { get; private set; }

        public int Warmup { get; private set; }

        public int Passes { get; private set; } = 1;

        public static Options Parse(string[] args)
        {
            var options = new Options();
            for (int i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--rows": options.Rows = PositiveLong(Value()); break;
                    case "--dir": options.Directory = Path.GetFullPath(Value()); break;
                    case "--cold-runs": options.ColdRuns = (int)PositiveLong(Value()); break;
                    case "--regenerate": options.Regenerate = true; break;
                    case "--no-duplicate-check": options.CheckDuplicates = false; break;
                    case "--size-scaling": options.SizeScaling = true; break;
                    case "--reference": options.Reference = true; break;
                    case "--scaling-rows": options.ScalingRows = Value().Split(',').Select(PositiveLong).ToArray(); break;
                    case "--measure": options.MeasurePath = Value(); break;
                    case "--warmup": options.Warmup = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--passes": options.Passes = (int)PositiveLong(Value()); break;
                    default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
                }
            }

            return options;
        }

        private static long PositiveLong(string text)
        {
            if (!long.TryParse(text.Replace("_", string.Empty), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                throw new ArgumentException($"'{text}' is not a positive whole number.");
            }

            return value;
        }
    }
}
