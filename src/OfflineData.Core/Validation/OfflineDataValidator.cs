using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;

namespace OfflineData.Core.Validation
{
    /// <summary>
    /// Validates whole files with <see cref="OfflineDataReader"/>: one streaming pass, exact counts, and a
    /// listing of findings capped at <see cref="MaxListedFindings"/> so a file with millions of bad rows still
    /// yields a small report (which says when it was capped).
    /// </summary>
    public sealed class OfflineDataValidator
    {
        /// <summary>The default number of findings listed per file.</summary>
        public const int DefaultMaxListedFindings = 1000;

        private const int ProgressEveryRows = 8192;

        private readonly OfflineDataReaderOptions? options;

        /// <summary>Creates a validator.</summary>
        public OfflineDataValidator(OfflineDataReaderOptions? options = null, int maxListedFindings = DefaultMaxListedFindings)
        {
            if (maxListedFindings < 0) throw new ArgumentOutOfRangeException(nameof(maxListedFindings));
            this.options = options;
            MaxListedFindings = maxListedFindings;
        }

        /// <summary>How many findings a report lists at most; counts are always exact.</summary>
        public int MaxListedFindings { get; }

        /// <summary>Validates the file at <paramref name="path"/>.</summary>
        /// <param name="path">The file (plain, zip or gzip).</param>
        /// <param name="progress">Called now and then with (file bytes read, file length).</param>
        /// <param name="cancellationToken">Stops the pass between rows.</param>
        public ValidationReport Validate(string path, Action<long, long>? progress = null, CancellationToken cancellationToken = default)
        {
            using var reader = OfflineDataReader.Open(path, options);
            return Validate(reader, progress, cancellationToken);
        }

        /// <summary>Validates what <paramref name="reader"/> reads, from its current position to the end.</summary>
        public ValidationReport Validate(OfflineDataReader reader, Action<long, long>? progress = null, CancellationToken cancellationToken = default)
        {
            if (reader == null) throw new ArgumentNullException(nameof(reader));
            var stopwatch = Stopwatch.StartNew();
            var listed = new List<Finding>();
            var counts = new Dictionary<FindingCode, long>();
            long rows = 0, invalidRows = 0, errors = 0, warnings = 0;
            bool truncated = false;

            void Collect(IReadOnlyList<Finding> findings)
            {
                foreach (var finding in findings)
                {
                    counts.TryGetValue(finding.CodeValue, out var n);
                    counts[finding.CodeValue] = n + 1;
                    if (finding.SeverityValue == FindingSeverity.Error) errors++;
                    else warnings++;
                    if (listed.Count < MaxListedFindings) listed.Add(finding);
                    else truncated = true;
                }
            }

            while (reader.Read())
            {
                rows++;
                if (reader.RowHasErrors) invalidRows++;
                if (reader.FileFindings.Count > 0) Collect(reader.FileFindings);
                if (reader.RowFindings.Count > 0) Collect(reader.RowFindings);
                if (rows % ProgressEveryRows == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Invoke(reader.BytesRead, reader.TotalBytes);
                }
            }

            Collect(reader.FileFindings); // trailing, file-level ones
            progress?.Invoke(reader.TotalBytes >= 0 ? reader.TotalBytes : reader.BytesRead, reader.TotalBytes);
            var codeCounts = counts.OrderBy(c => (int)c.Key).Select(c => new FindingCount(c.Key, c.Value)).ToList();
            return new ValidationReport(
                reader.Path,
                reader.Format,
                reader.Entries.ToList(),
                reader.SawByteOrderMark,
                reader.HeaderRows,
                rows,
                invalidRows,
                errors,
                warnings,
                listed,
                truncated,
                codeCounts,
                reader.TotalBytes >= 0 ? reader.TotalBytes : reader.BytesRead,
                stopwatch.Elapsed);
        }
    }
}
