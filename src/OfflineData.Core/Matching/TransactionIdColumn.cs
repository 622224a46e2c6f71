using System;
using System.Globalization;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;

namespace OfflineData.Core.Matching
{
    /// <summary>
    /// The column of an offline row that carries the transaction ID. By default the first EventTransaction
    /// attribute (column 23), where a purchase ID is typically sent; any text column can be chosen.
    /// </summary>
    public sealed class TransactionIdColumn
    {
        private TransactionIdColumn(int number)
        {
            Number = number;
        }

        /// <summary>The default: EventTransaction Attr1, column 23.</summary>
        public static TransactionIdColumn Default { get; } = new TransactionIdColumn(OfflineDataSchema.NamedColumnCount + 1);

        /// <summary>The 1-based column number.</summary>
        public int Number { get; }

        /// <summary>The column's header name, e.g. <c>EventTransaction Attr1</c>.</summary>
        public string Name => OfflineDataSchema.GetColumnName(Number);

        /// <summary>
        /// Reads a column from a number (<c>23</c>) or a header or property name (<c>EventTransaction Attr2</c>,
        /// <c>TransactionAttr2</c>, <c>Var1</c>, <c>EventNameAttr3</c>; case- and space-insensitive).
        /// Timestamp, Event Type, Num1 and Num2 cannot hold a transaction ID.
        /// </summary>
        /// <exception cref="ArgumentException">The text names no usable column.</exception>
        public static TransactionIdColumn Parse(string text)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            int number;
            if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out number))
            {
                number = FindByName(text.Trim());
            }

            return FromNumber(number, text);
        }

        /// <summary>A column by its 1-based number.</summary>
        public static TransactionIdColumn FromNumber(int number) => FromNumber(number, number.ToString(CultureInfo.InvariantCulture));

        private static TransactionIdColumn FromNumber(int number, string text)
        {
            if (number < 1)
            {
                throw new ArgumentException($"'{DisplayText.Escape(text)}' names no column of the offline data format; use a column number (23 = EventTransaction Attr1) or a name such as 'EventTransaction Attr1'.", nameof(text));
            }

            if (number <= OfflineDataSchema.NamedColumnCount && OfflineDataSchema.Columns[number - 1].Kind != ColumnKind.Text)
            {
                throw new ArgumentException($"Column {number} ('{OfflineDataSchema.GetColumnName(number)}') holds a {OfflineDataSchema.Columns[number - 1].Kind}, not a transaction ID; choose a text column such as 'EventTransaction Attr1'.", nameof(text));
            }

            return number == Default.Number ? Default : new TransactionIdColumn(number);
        }

        private static int FindByName(string name)
        {
            for (int number = 1; number <= OfflineDataSchema.NamedColumnCount; number++)
            {
                if (OfflineDataSchema.HeaderMatches(name.AsSpan(), number)) return number;
            }

            // EventTransaction AttrN / TransactionAttrN: read N from the end of the name.
            int end = name.Length;
            int start = end;
            while (start > 0 && char.IsDigit(name[start - 1])) start--;
            if (start < end && int.TryParse(name.Substring(start), NumberStyles.None, CultureInfo.InvariantCulture, out var attr) && attr >= 1)
            {
                int number = OfflineDataSchema.NamedColumnCount + attr;
                if (OfflineDataSchema.HeaderMatches(name.AsSpan(), number)) return number;
            }

            return 0;
        }

        /// <summary>The transaction ID of <paramref name="record"/>, or null when the cell is missing, empty or blank.</summary>
        public string? GetValue(OfflineDataRecord record)
        {
            string? value;
            if (Number <= OfflineDataSchema.NamedColumnCount)
            {
                value = record.GetText(Number);
            }
            else
            {
                int index = Number - OfflineDataSchema.NamedColumnCount - 1;
                value = index < record.TransactionAttributes.Length ? record.TransactionAttributes[index] : null;
            }

            // The same rule as when the transaction was recorded online: trimmed, invisible characters are not an ID.
            return IdentifierText.Normalize(value);
        }

        /// <inheritdoc />
        public override string ToString() => Name;
    }
}
