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
            // Customer IDs are numbered once (their bytes, no string per row); the totals' distinct customers is the
            // count of numbers, a group's a set of them.
            var customers = new Utf8KeyTable();
            var totals = new FileGroup(new OfflineDataSummaryRow(groupBy, isTotal: true), trackCustomers: false);
            long rows = 0, rejected = 0;
            var rejectedByCode = new CountsByName<FindingCode>();
            var rowCodes = new HashSet<FindingCode>();
            // A row's key: a number per dimension (Day yyyyMMdd, Week yyyyww, Month yyyyMM, EventType) or, for Var, a text.
            int count = groupBy.Count;
            var kinds = groupBy.Select(d => d.Kind).ToArray();
            var numbers = new long[count];
            var texts = new string?[count];
            long weekDay = -1, week = 0;
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

                reader.ReadMeasures(out var timeKey, out var eventType, out var num1, out var num2);
                int customer = reader.CustomerNumber(customers);
                // Without dimensions the totals row is the whole summary (no groups), as from the store; with them
                // the totals are the groups added up at the end.
                if (count == 0)
                {
                    totals.Add(customer, num1, num2);
                    continue;
                }

                bool same = previous != null;
                for (int i = 0; i < count; i++)
                {
                    long number = 0;
                    string? text = null;
                    switch (kinds[i])
                    {
                        case SummaryDimensionKind.Day: number = timeKey / 1000000; break;
                        case SummaryDimensionKind.Month: number = timeKey / 100000000; break;
                        case SummaryDimensionKind.EventType: number = eventType; break;
                        case SummaryDimensionKind.Week:
                            // Worked out once per day: rows of a day share its week.
                            long day = timeKey / 1000000;
                            if (day != weekDay)
                            {
                                weekDay = day;
                                week = WeekNumber(DayOf(day));
                            }

                            number = week;
                            break;
                        default: text = KeyText(groupBy[i], reader); break;
                    }

                    if (same && (number != numbers[i] || !string.Equals(text, texts[i], StringComparison.Ordinal))) same = false;
                    numbers[i] = number;
                    texts[i] = text;
                }

                // Files are mostly in time order: a row of the previous row's group skips building the key text.
                var group = same ? previous! : null;
                if (group == null)
                {
                    keyBuilder.Clear();
                    for (int i = 0; i < count; i++)
                    {
                        // \u0001 separates, \u0002 marks null: neither occurs in a key text that differs only by them.
                        keyBuilder.Append('\u0001');
                        if (kinds[i] == SummaryDimensionKind.Var) keyBuilder.Append(texts[i] ?? "\u0002");
                        else keyBuilder.Append(numbers[i]);
                    }

                    var key = keyBuilder.ToString();
                    if (!groups.TryGetValue(key, out group))
                    {
                        var row = new OfflineDataSummaryRow(groupBy, isTotal: false);
                        for (int i = 0; i < count; i++) row.SetKey(i, KeyValue(kinds[i], numbers[i], texts[i]));
                        group = new FileGroup(row, trackCustomers: true);
                        groups.Add(key, group);
                    }

                    previous = group;
                }

                group.Add(customer, num1, num2);
            }

            progress?.Invoke(reader.TotalBytes >= 0 ? reader.TotalBytes : reader.BytesRead, reader.TotalBytes);
            var rowsOut = groups.Values.Select(g => g.Finish()).ToList();
            foreach (var group in groups.Values) totals.Add(group);
            var total = totals.Finish();
            total.DistinctCustomers = customers.Count;
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
            List<OfflineDataSummaryRow> groups;
            OfflineDataSummaryRow source;
            if (store is ISummariesWithTotals onePass)
            {
                // Groups and totals from one pass over the rows.
                var (found, totalRow) = onePass.SummarizeWithTotals(query, groupBy);
                groups = groupBy.Count == 0 ? new List<OfflineDataSummaryRow>() : found.ToList();
                source = totalRow;
            }
            else
            {
                groups = groupBy.Count == 0 ? new List<OfflineDataSummaryRow>() : store.SummarizeOfflineRows(query, groupBy).ToList();
                source = store.SummarizeOfflineRows(query, Array.Empty<SummaryDimension>())[0];
            }

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
                SuppressedRows = source.SuppressedRows,
                SuppressedRevenue = source.SuppressedRevenue,
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

        /// <summary>The text key of a Var dimension of the reader's current row (the only text keys a file has).</summary>
        private static string? KeyText(SummaryDimension dimension, OfflineDataReader reader) => dimension.Kind == SummaryDimensionKind.Var
            ? reader.OptionalText(7 + dimension.VarNumber)
            : throw new InvalidOperationException($"A file has no {dimension.Name}.");

        /// <summary>The canonical key value (see <see cref="OfflineDataSummaryRow.SetKey"/>) of a row key, once per group.</summary>
        private static object? KeyValue(SummaryDimensionKind kind, long number, string? text)
        {
            switch (kind)
            {
                case SummaryDimensionKind.Day: return DayOf(number);
                case SummaryDimensionKind.Month:
                    return (number / 100).ToString("0000", System.Globalization.CultureInfo.InvariantCulture) + "-" + (number % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
                case SummaryDimensionKind.Week:
                    return (number / 100).ToString("0000", System.Globalization.CultureInfo.InvariantCulture) + "-W" + (number % 100).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
                case SummaryDimensionKind.EventType: return (int)number;
                default: return text;
            }
        }

        private static DateTime DayOf(long yyyymmdd) => new DateTime((int)(yyyymmdd / 10000), (int)(yyyymmdd / 100 % 100), (int)(yyyymmdd % 100));

        /// <summary>The ISO week of <paramref name="day"/> as the number yyyyww (its Thursday's year).</summary>
        private static long WeekNumber(DateTime day)
        {
            var thursday = day.AddDays(3 - (((int)day.DayOfWeek + 6) % 7));
            return (thursday.Year * 100L) + ((thursday.DayOfYear - 1) / 7) + 1;
        }

        /// <summary>One group's running sums and its exact set of customer numbers (<see cref="Utf8KeyTable"/>).</summary>
        private sealed class FileGroup
        {
            private readonly OfflineDataSummaryRow row;
            private readonly DistinctNumbers? customers;
            private long rows;
            private decimal num1;
            private decimal num2;

            public FileGroup(OfflineDataSummaryRow row, bool trackCustomers)
            {
                this.row = row;
                if (trackCustomers) customers = new DistinctNumbers();
            }

            public void Add(int customer, decimal amount, decimal sales)
            {
                rows++;
                num1 += amount;
                num2 += sales;
                customers?.Add(customer);
            }

            /// <summary>Adds another group's rows and sums (its customers are counted by the caller).</summary>
            public void Add(FileGroup other)
            {
                rows += other.rows;
                num1 += other.num1;
                num2 += other.num2;
            }

            public OfflineDataSummaryRow Finish()
            {
                row.Rows = rows;
                row.Num1 = num1;
                row.Num2 = num2;
                row.DistinctCustomers = customers?.Count ?? 0;
                return row;
            }
        }
    }
}
