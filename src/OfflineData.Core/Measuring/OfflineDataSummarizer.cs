using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using OfflineData.Core.Findings;
using OfflineData.Core.Import;
using OfflineData.Core.Reading;
using OfflineData.Core.Store;

namespace OfflineData.Core.Measuring
{
    /// <summary>
    /// Builds <see cref="OfflineDataSummary"/>s: of a file (before import; streamed through the reader and its
    /// validation, rows with errors counted as Rejected and left out of the groups) and of the store (the grouping
    /// runs in the store's SQL, <see cref="IOfflineRowSummaries"/>).
    /// </summary>
    /// <remarks>
    /// A file summary holds one accumulator per group and, for DistinctCustomers, the exact set of Customer IDs per
    /// group and for the totals: memory grows with the distinct (group, customer) pairs (about 100 bytes each plus the
    /// ID), not with the rows — a 5 GB file of 50 million rows and 2 million customers grouped by Day over a year
    /// needs a few hundred MB at most. Counts stay exact; no estimate is ever reported.
    /// </remarks>
    public static class OfflineDataSummarizer
    {
        private const int ProgressEveryRows = 65536;

        /// <summary>Summarises the offline data file at <paramref name="path"/> (plain, zip or gzip).</summary>
        /// <exception cref="ArgumentException">A dimension only a store has (Outcome, Reason, ReportSuite, Import, State.*), or a bad list.</exception>
        public static OfflineDataSummary SummarizeFile(string path, IReadOnlyList<SummaryDimension> groupBy, OfflineDataReaderOptions? options = null,
            Action<long, long>? progress = null, CancellationToken cancellationToken = default)
        {
            if (groupBy == null) throw new ArgumentNullException(nameof(groupBy));
            SummaryDimension.CheckList(groupBy);
            var storeOnly = groupBy.Where(d => d.NeedsStore).Select(d => d.Name).ToList();
            if (storeOnly.Count > 0)
            {
                throw new ArgumentException($"A file summary cannot group by {string.Join(", ", storeOnly)}: outcome, reason, credited state, report suite and import exist only in the store after import. Summarise the store (-Store, -ImportId) instead.");
            }

            using var reader = OfflineDataReader.Open(path, options);
            var groups = new Dictionary<string, FileGroup>(StringComparer.Ordinal);
            var totals = new FileGroup(new OfflineDataSummaryRow(groupBy, isTotal: true));
            long rows = 0, rejected = 0;
            var rejectedByCode = new CountsByName<FindingCode>();
            var rowCodes = new HashSet<FindingCode>();
            var keyValues = new object?[groupBy.Count];
            var keyBuilder = new System.Text.StringBuilder();
            FileGroup? previous = null;
            while (reader.Read())
            {
                rows++;
                if (rows % ProgressEveryRows == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Invoke(reader.BytesRead, reader.TotalBytes);
                }

                if (reader.RowHasErrors)
                {
                    rejected++;
                    rowCodes.Clear();
                    foreach (var finding in reader.RowFindings)
                    {
                        if (finding.SeverityValue == FindingSeverity.Error && rowCodes.Add(finding.CodeValue)) rejectedByCode.Increment(finding.CodeValue);
                    }

                    continue;
                }

                reader.ReadMeasures(out var timestamp, out var customerId, out var eventType, out var num1, out var num2);
                totals.Add(customerId, num1, num2);
                // Without dimensions the totals row is the whole summary (no groups), as from the store.
                if (groupBy.Count == 0) continue;
                bool same = previous != null;
                for (int i = 0; i < groupBy.Count; i++)
                {
                    var value = KeyOf(groupBy[i], reader, timestamp, eventType);
                    if (same && !Equals(value, keyValues[i])) same = false;
                    keyValues[i] = value;
                }

                // Files are mostly in time order: a row of the previous row's group skips building the key text.
                var group = same ? previous! : null;
                if (group == null)
                {
                    keyBuilder.Clear();
                    foreach (var value in keyValues)
                    {
                        // \u0001 separates, \u0002 marks null: neither occurs in a key text that differs only by them.
                        keyBuilder.Append('\u0001').Append(value == null ? "\u0002" : KeyText(value));
                    }

                    var key = keyBuilder.ToString();
                    if (!groups.TryGetValue(key, out group))
                    {
                        var row = new OfflineDataSummaryRow(groupBy, isTotal: false);
                        for (int i = 0; i < groupBy.Count; i++) row.SetKey(i, keyValues[i]);
                        group = new FileGroup(row);
                        groups.Add(key, group);
                    }

                    previous = group;
                }

                group.Add(customerId, num1, num2);
            }

            progress?.Invoke(reader.TotalBytes >= 0 ? reader.TotalBytes : reader.BytesRead, reader.TotalBytes);
            var rowsOut = groups.Values.Select(g => g.Finish()).ToList();
            var total = totals.Finish();
            total.Rejected = rejected;
            total.RejectedByCode = rejectedByCode;
            return new OfflineDataSummary("File", reader.Path, null, groupBy, rowsOut, total);
        }

        /// <summary>Summarises the stored offline rows <paramref name="query"/> selects; the store groups and sums.</summary>
        /// <exception cref="StoreException">The store failed.</exception>
        public static OfflineDataSummary SummarizeStore(IOfflineDataStore store, OfflineRowQuery query, IReadOnlyList<SummaryDimension> groupBy)
        {
            if (store == null) throw new ArgumentNullException(nameof(store));
            if (query == null) throw new ArgumentNullException(nameof(query));
            if (groupBy == null) throw new ArgumentNullException(nameof(groupBy));
            SummaryDimension.CheckList(groupBy);
            var groups = groupBy.Count == 0 ? new List<OfflineDataSummaryRow>() : store.SummarizeOfflineRows(query, groupBy).ToList();
            var totalRows = store.SummarizeOfflineRows(query, Array.Empty<SummaryDimension>());
            var source = totalRows[0];
            var total = new OfflineDataSummaryRow(groupBy, isTotal: true)
            {
                Rows = source.Rows,
                Num1 = source.Num1,
                Num2 = source.Num2,
                DistinctCustomers = source.DistinctCustomers,
                CreditedVisitors = source.CreditedVisitors,
                TransactionRows = source.TransactionRows,
                TransactionRevenue = source.TransactionRevenue,
                TransactionVisitors = source.TransactionVisitors,
            };
            if (query.ImportId.HasValue)
            {
                // Rejected rows are never stored: the ledger counted them when the file was read.
                var entry = store.GetImports(new ImportLedgerQuery { Id = query.ImportId.Value }).FirstOrDefault();
                total.Rejected = entry?.Rejected;
                // The codes live only in the import's quarantine file (none when nothing was rejected).
                if (entry != null) total.RejectedByCode = entry.Rejected == 0 ? new CountsByName<FindingCode>() : QuarantineFile.CountCodes(entry.QuarantinePath);
            }

            return new OfflineDataSummary("Store", null, store.Location, groupBy, groups, total);
        }

        /// <summary>The canonical key value of the reader's current row for <paramref name="dimension"/> (file dimensions only).</summary>
        private static object? KeyOf(SummaryDimension dimension, OfflineDataReader reader, DateTime timestamp, int eventType)
        {
            switch (dimension.Kind)
            {
                case SummaryDimensionKind.Day: return timestamp.Date;
                case SummaryDimensionKind.Week: return SummaryDimension.IsoWeek(timestamp);
                case SummaryDimensionKind.Month: return SummaryDimension.MonthOf(timestamp);
                case SummaryDimensionKind.EventType: return eventType;
                case SummaryDimensionKind.Var: return reader.OptionalText(7 + dimension.VarNumber);
                default: throw new InvalidOperationException($"A file has no {dimension.Name}.");
            }
        }

        private static string KeyText(object value) => value switch
        {
            DateTime day => day.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            int number => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => (string)value,
        };

        /// <summary>One group's running sums and its exact set of Customer IDs.</summary>
        private sealed class FileGroup
        {
            private readonly OfflineDataSummaryRow row;
            private readonly HashSet<string> customers = new HashSet<string>(StringComparer.Ordinal);
            private long rows;
            private decimal num1;
            private decimal num2;

            public FileGroup(OfflineDataSummaryRow row) => this.row = row;

            public void Add(string customerId, decimal amount, decimal sales)
            {
                rows++;
                num1 += amount;
                num2 += sales;
                customers.Add(customerId);
            }

            public OfflineDataSummaryRow Finish()
            {
                row.Rows = rows;
                row.Num1 = num1;
                row.Num2 = num2;
                row.DistinctCustomers = customers.Count;
                return row;
            }
        }
    }
}
