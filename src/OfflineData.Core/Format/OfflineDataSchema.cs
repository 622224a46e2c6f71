using System;
using System.Collections.Generic;

namespace OfflineData.Core.Format
{
    /// <summary>The column layout and constants of the offline data format.</summary>
    public static class OfflineDataSchema
    {
        /// <summary>The field separator.</summary>
        public const char Delimiter = ';';

        /// <summary>The text qualifier.</summary>
        public const char Quote = '"';

        /// <summary>The timestamp format every row uses.</summary>
        public const string TimestampFormat = "yyyy-MM-dd HH:mm:ss";

        /// <summary>A row must carry at least this many fields (the mandatory ones up to Num2).</summary>
        public const int MandatoryFieldCount = 7;

        /// <summary>The number of named columns; fields after these are EventTransaction attributes.</summary>
        public const int NamedColumnCount = 22;

        /// <summary>The event type code of a purchase.</summary>
        public const int PurchaseEventType = 7;

        /// <summary>The named columns, in file order.</summary>
        public static IReadOnlyList<OfflineDataColumn> Columns { get; } = BuildColumns();

        /// <summary>
        /// The name of column <paramref name="number"/> (1-based), including the unlimited
        /// EventTransaction attribute columns after the 22 named ones.
        /// </summary>
        public static string GetColumnName(int number)
        {
            if (number < 1) throw new ArgumentOutOfRangeException(nameof(number));
            return number <= NamedColumnCount
                ? Columns[number - 1].HeaderName
                : "EventTransaction Attr" + (number - NamedColumnCount).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>
        /// Whether a header cell names column <paramref name="number"/>: case- and space-insensitive,
        /// so <c>TimeStamp</c>, <c>time stamp</c> and <c>Timestamp</c> all name column 1.
        /// </summary>
        public static bool HeaderMatches(ReadOnlySpan<char> cell, int number)
        {
            if (number < 1) return false;
            if (number > NamedColumnCount)
            {
                return NormalizedEquals(cell, GetColumnName(number)) || NormalizedEquals(cell, "TransactionAttr" + (number - NamedColumnCount).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var column = Columns[number - 1];
            return NormalizedEquals(cell, column.HeaderName) || NormalizedEquals(cell, column.PropertyName);
        }

        /// <summary>Compares ignoring case, spaces, underscores and hyphens.</summary>
        internal static bool NormalizedEquals(ReadOnlySpan<char> a, string b)
        {
            int i = 0, j = 0;
            while (true)
            {
                while (i < a.Length && IsIgnorable(a[i])) i++;
                while (j < b.Length && IsIgnorable(b[j])) j++;
                if (i == a.Length || j == b.Length) return i == a.Length && j == b.Length;
                if (char.ToUpperInvariant(a[i]) != char.ToUpperInvariant(b[j])) return false;
                i++;
                j++;
            }
        }

        private static bool IsIgnorable(char c) => c == ' ' || c == '_' || c == '-' || c == '\t';

        private static OfflineDataColumn[] BuildColumns()
        {
            var columns = new List<OfflineDataColumn>
            {
                new OfflineDataColumn(1, "Time Stamp", "Timestamp", true, ColumnKind.Timestamp),
                new OfflineDataColumn(2, "Customer ID", "CustomerId", true, ColumnKind.Text),
                new OfflineDataColumn(3, "Event Type", "EventType", true, ColumnKind.EventType),
                new OfflineDataColumn(4, "Category", "Category", false, ColumnKind.Text),
                new OfflineDataColumn(5, "Event Name", "EventName", true, ColumnKind.Text),
                new OfflineDataColumn(6, "Num1", "Num1", true, ColumnKind.Number),
                new OfflineDataColumn(7, "Num2", "Num2", true, ColumnKind.Number),
            };
            for (int i = 1; i <= 5; i++)
            {
                columns.Add(new OfflineDataColumn(7 + i, "Var" + i, "Var" + i, false, ColumnKind.Text));
            }

            for (int i = 1; i <= 10; i++)
            {
                columns.Add(new OfflineDataColumn(12 + i, "EventName Attr" + i, "EventNameAttr" + i, false, ColumnKind.Text));
            }

            return columns.ToArray();
        }
    }
}
