using System;
using System.Collections.Generic;
using System.Text;

namespace OfflineData.Core.Measuring
{
    /// <summary>
    /// Adds up stored offline rows into a summary's groups and totals in one pass (a store that steps through its rows
    /// in this process: SQLite). Customer and visitor IDs are numbered once (<see cref="Utf8KeyTable"/>); a group keeps
    /// the sets of its numbers, the totals' distinct counts are the tables' counts.
    /// </summary>
    internal sealed class StoreSummaryAccumulator
    {
        private readonly IReadOnlyList<SummaryDimension> groupBy;
        private readonly Dictionary<string, Group> groups = new Dictionary<string, Group>(StringComparer.Ordinal);
        // Keys of at most two numbers and no text (Outcome, Day,Outcome …) without building a text per lookup: rows
        // of such groupings are rarely in key order, so most rows look their group up.
        private readonly Dictionary<(long, long), Group>? numericGroups;
        private readonly Group totals = new Group(trackSets: false);
        private readonly HashSet<int> transactionVisitors = new HashSet<int>();
        private readonly long[] previousNumbers;
        private readonly string?[] previousTexts;
        private readonly StringBuilder keyBuilder = new StringBuilder();
        private Group? previous;

        public StoreSummaryAccumulator(IReadOnlyList<SummaryDimension> groupBy)
        {
            this.groupBy = groupBy;
            previousNumbers = new long[groupBy.Count];
            previousTexts = new string?[groupBy.Count];
            bool numeric = groupBy.Count <= 2;
            foreach (var dimension in groupBy) numeric &= !IsText(dimension.Kind);
            if (numeric) numericGroups = new Dictionary<(long, long), Group>();
        }

        /// <summary>Whether a dimension's key is a text (else a number).</summary>
        internal static bool IsText(SummaryDimensionKind kind) =>
            kind == SummaryDimensionKind.ReportSuite || kind == SummaryDimensionKind.Var || kind == SummaryDimensionKind.State;

        /// <summary>Numbers the Customer IDs.</summary>
        public Utf8KeyTable Customers { get; } = new Utf8KeyTable();

        /// <summary>Numbers the credited visitor IDs.</summary>
        public Utf8KeyTable Visitors { get; } = new Utf8KeyTable();

        /// <summary>
        /// Adds one row: its key (per dimension a number, or a text for text dimensions; the caller's convention for
        /// null), its customer and visitor numbers (-1: not credited), whether it was credited by transaction ID, its sums.
        /// <paramref name="keyValue"/> turns a key into the row's canonical key value, once per new group.
        /// </summary>
        public void Add(long[] numbers, string?[] texts, int customer, int visitor, bool byTransaction, decimal num1, decimal num2,
            Func<SummaryDimension, long, string?, object?> keyValue, bool suppressed = false)
        {
            if (byTransaction && visitor >= 0) transactionVisitors.Add(visitor);
            if (groupBy.Count == 0)
            {
                totals.Add(customer, visitor, byTransaction, num1, num2, suppressed);
                return;
            }

            var group = previous;
            if (group != null)
            {
                for (int i = 0; i < numbers.Length; i++)
                {
                    if (numbers[i] != previousNumbers[i] || !string.Equals(texts[i], previousTexts[i], StringComparison.Ordinal))
                    {
                        group = null;
                        break;
                    }
                }
            }

            if (group == null && numericGroups != null)
            {
                var key = (numbers[0], numbers.Length > 1 ? numbers[1] : 0L);
                if (!numericGroups.TryGetValue(key, out group))
                {
                    group = NewGroup(numbers, texts, keyValue);
                    numericGroups.Add(key, group);
                }

                previous = group;
                Array.Copy(numbers, previousNumbers, numbers.Length);
            }
            else if (group == null)
            {
                keyBuilder.Clear();
                for (int i = 0; i < numbers.Length; i++)
                {
                    // \u0001 separates, \u0002 marks a null text: neither occurs in a key that differs only by them.
                    keyBuilder.Append('\u0001').Append(numbers[i]).Append('\u0001').Append(texts[i] ?? "\u0002");
                }

                var key = keyBuilder.ToString();
                if (!groups.TryGetValue(key, out group))
                {
                    group = NewGroup(numbers, texts, keyValue);
                    groups.Add(key, group);
                }

                previous = group;
                Array.Copy(numbers, previousNumbers, numbers.Length);
                Array.Copy(texts, previousTexts, texts.Length);
            }

            group.Add(customer, visitor, byTransaction, num1, num2, suppressed);
        }

        private Group NewGroup(long[] numbers, string?[] texts, Func<SummaryDimension, long, string?, object?> keyValue)
        {
            var group = new Group(trackSets: true) { Row = new OfflineDataSummaryRow(groupBy, isTotal: false) };
            for (int i = 0; i < numbers.Length; i++) group.Row.SetKey(i, keyValue(groupBy[i], numbers[i], texts[i]));
            return group;
        }

        /// <summary>The groups and the totals row.</summary>
        public (IReadOnlyList<OfflineDataSummaryRow> Groups, OfflineDataSummaryRow Totals) Finish()
        {
            var all = numericGroups != null ? (ICollection<Group>)numericGroups.Values : groups.Values;
            var rows = new List<OfflineDataSummaryRow>(all.Count);
            foreach (var group in all)
            {
                group.Fill(group.Row!);
                rows.Add(group.Row!);
                totals.Add(group);
            }

            var total = new OfflineDataSummaryRow(groupBy, isTotal: true);
            totals.Fill(total);
            total.DistinctCustomers = Customers.Count;
            total.CreditedVisitors = Visitors.Count;
            total.TransactionVisitors = transactionVisitors.Count;
            return (rows, total);
        }

        private sealed class Group
        {
            private readonly DistinctNumbers? customers;
            private readonly DistinctNumbers? visitors;
            private readonly DistinctNumbers? transactionVisitors;
            private long rows;
            private long transactionRows;
            private decimal num1;
            private decimal num2;
            private decimal transactionRevenue;
            private long suppressedRows;
            private decimal suppressedRevenue;

            public Group(bool trackSets)
            {
                if (!trackSets) return;
                customers = new DistinctNumbers();
                visitors = new DistinctNumbers();
                transactionVisitors = new DistinctNumbers();
            }

            public OfflineDataSummaryRow? Row { get; set; }

            public void Add(int customer, int visitor, bool byTransaction, decimal amount, decimal sales, bool suppressed)
            {
                rows++;
                if (suppressed)
                {
                    suppressedRows++;
                    suppressedRevenue += sales;
                }

                num1 += amount;
                num2 += sales;
                customers?.Add(customer);
                if (visitor >= 0) visitors?.Add(visitor);
                if (byTransaction)
                {
                    transactionRows++;
                    transactionRevenue += sales;
                    if (visitor >= 0) transactionVisitors?.Add(visitor);
                }
            }

            public void Add(Group other)
            {
                rows += other.rows;
                transactionRows += other.transactionRows;
                num1 += other.num1;
                num2 += other.num2;
                transactionRevenue += other.transactionRevenue;
                suppressedRows += other.suppressedRows;
                suppressedRevenue += other.suppressedRevenue;
            }

            public void Fill(OfflineDataSummaryRow row)
            {
                row.Rows = rows;
                row.Num1 = num1;
                row.Num2 = num2;
                row.TransactionRows = transactionRows;
                // A group without transaction rows shows 0 with its revenue's decimals (0.00), as a sum in SQL did.
                row.TransactionRevenue = transactionRevenue + (num2 * 0m);
                row.SuppressedRows = suppressedRows;
                row.SuppressedRevenue = suppressedRevenue + (num2 * 0m);
                row.DistinctCustomers = customers?.Count ?? 0;
                row.CreditedVisitors = visitors?.Count ?? 0;
                row.TransactionVisitors = transactionVisitors?.Count ?? 0;
            }
        }
    }
}
