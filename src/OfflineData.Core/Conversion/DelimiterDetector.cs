using System;
using System.Collections.Generic;
using System.Linq;

namespace OfflineData.Core.Conversion
{
    /// <summary>
    /// Picks the source delimiter among <c>,</c> <c>;</c> tab and <c>|</c> from the start of the file: the one
    /// that splits (nearly) every sampled record, preferring the most consistent field count, then the largest (quotes respected).
    /// </summary>
    internal static class DelimiterDetector
    {
        /// <summary>The delimiters tried, in order of preference when two score the same.</summary>
        public static IReadOnlyList<char> Candidates { get; } = new[] { ',', ';', '\t', '|' };

        private const int MaxRecords = 50;

        /// <summary>The detected delimiter, or null when none splits the sample consistently.</summary>
        /// <param name="sample">The decoded start of the source.</param>
        /// <param name="sampleIsWhole">Whether the sample is the whole source (so its last record is complete).</param>
        public static char? Detect(string sample, bool sampleIsWhole)
        {
            var records = SplitRecords(sample, sampleIsWhole);
            if (records.Count == 0) return null;

            char? best = null;
            double bestConsistency = 0;
            int bestCount = 0;
            foreach (var candidate in Candidates)
            {
                var counts = records.Select(r => CountOutsideQuotes(r, candidate)).ToList();
                var mode = counts.GroupBy(c => c).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First();
                if (mode.Key == 0) continue;
                // A delimiter splits (nearly) every record; rows of the target format may vary in width, so
                // consistency of the count ranks candidates rather than excluding them.
                double presence = (double)counts.Count(c => c > 0) / counts.Count;
                if (presence < 0.8) continue;
                double consistency = (double)mode.Count() / counts.Count;
                if (best == null || consistency > bestConsistency + 1e-9 || (Math.Abs(consistency - bestConsistency) < 1e-9 && mode.Key > bestCount))
                {
                    best = candidate;
                    bestConsistency = consistency;
                    bestCount = mode.Key;
                }
            }

            return best;
        }

        private static List<string> SplitRecords(string sample, bool sampleIsWhole)
        {
            var records = new List<string>();
            bool inQuotes = false;
            int start = 0;
            for (int i = 0; i < sample.Length && records.Count < MaxRecords; i++)
            {
                char c = sample[i];
                if (c == '"') inQuotes = !inQuotes;
                else if (!inQuotes && (c == '\n' || c == '\r'))
                {
                    if (i > start) records.Add(sample.Substring(start, i - start));
                    start = i + 1;
                }
            }

            if (sampleIsWhole && start < sample.Length && records.Count < MaxRecords && !inQuotes)
            {
                records.Add(sample.Substring(start));
            }

            return records.Where(r => r.Trim().Length > 0).ToList();
        }

        private static int CountOutsideQuotes(string record, char delimiter)
        {
            bool inQuotes = false;
            int count = 0;
            foreach (char c in record)
            {
                if (c == '"') inQuotes = !inQuotes;
                else if (c == delimiter && !inQuotes) count++;
            }

            return count;
        }
    }
}
