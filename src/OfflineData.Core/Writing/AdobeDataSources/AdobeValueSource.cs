using System;
using System.Globalization;
using OfflineData.Core.Format;
using OfflineData.Core.Matching;

namespace OfflineData.Core.Writing.AdobeDataSources
{
    /// <summary>Where the value of one Adobe column comes from: an offline data column, the row's transaction ID, or the order count.</summary>
    public sealed class AdobeValueSource
    {
        /// <summary>The keyword for <see cref="TransactionId"/> in a mapping.</summary>
        public const string TransactionIdKeyword = "TransactionId";

        /// <summary>The keyword for <see cref="PurchaseOrder"/> in a mapping.</summary>
        public const string PurchaseOrderKeyword = "PurchaseOrder";

        private AdobeValueSource(int column, string name)
        {
            ColumnNumber = column;
            Name = name;
        }

        /// <summary>The row's transaction ID: read from the transaction ID column (stored rows: the ID their import matched with).</summary>
        public static AdobeValueSource TransactionId { get; } = new AdobeValueSource(-1, TransactionIdKeyword);

        /// <summary>
        /// 1 on a purchase row (Event Type 7) that starts an order, empty otherwise. A row starts an order when its
        /// transaction ID — without one, its Customer ID and Time Stamp — differs from the previous purchase row's: the
        /// offline format has one product per row, so an order of three products is three consecutive rows, and
        /// Adobe must count it once.
        /// </summary>
        public static AdobeValueSource PurchaseOrder { get; } = new AdobeValueSource(-2, PurchaseOrderKeyword);

        /// <summary>The offline data column (1-based), or a negative number for the computed sources.</summary>
        public int ColumnNumber { get; }

        /// <summary>The column's header name or the keyword.</summary>
        public string Name { get; }

        /// <summary>An offline data column by its 1-based number (23 and on: EventTransaction Attr1..N).</summary>
        public static AdobeValueSource Column(int number)
        {
            if (number < 1) throw new ArgumentException($"Column {number} does not exist; offline data columns are numbered from 1.");
            return new AdobeValueSource(number, OfflineDataSchema.GetColumnName(number));
        }

        /// <summary>
        /// Reads a source from a column number (<c>5</c>), a header or property name (<c>Event Name</c>, <c>EventName</c>,
        /// <c>Num1</c>, <c>EventTransaction Attr2</c>; case- and space-insensitive) or a keyword
        /// (<c>TransactionId</c>, <c>PurchaseOrder</c>).
        /// </summary>
        /// <exception cref="ArgumentException">The text names no column.</exception>
        public static AdobeValueSource Parse(string text)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            var trimmed = text.Trim();
            if (string.Equals(trimmed, TransactionIdKeyword, StringComparison.OrdinalIgnoreCase)) return TransactionId;
            if (string.Equals(trimmed, PurchaseOrderKeyword, StringComparison.OrdinalIgnoreCase)) return PurchaseOrder;
            if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1) return Column(number);
            for (int n = 1; n <= OfflineDataSchema.NamedColumnCount; n++)
            {
                if (OfflineDataSchema.HeaderMatches(trimmed.AsSpan(), n)) return Column(n);
            }

            try
            {
                // EventTransaction AttrN / TransactionAttrN, as -TransactionIdColumn reads them.
                var column = TransactionIdColumn.Parse(trimmed);
                return Column(column.Number);
            }
            catch (ArgumentException)
            {
            }

            throw new ArgumentException($"'{text}' names no offline data column; use a column number (5), a name such as 'EventName', 'Num1', 'Var1' or 'EventTransaction Attr2', or '{TransactionIdKeyword}' or '{PurchaseOrderKeyword}'.");
        }

        /// <summary>The value of this source in <paramref name="record"/> (a column as the offline format writes it), or null when empty.</summary>
        internal string? ColumnValue(OfflineDataRecord record)
        {
            if (ColumnNumber <= 0) throw new InvalidOperationException("A computed source has no column value.");
            string? value;
            if (ColumnNumber <= OfflineDataSchema.NamedColumnCount)
            {
                value = ColumnNumber == 6 ? OfflineDataWriter.FormatNumber(record.Num1)
                    : ColumnNumber == 7 ? OfflineDataWriter.FormatNumber(record.Num2)
                    : record.GetText(ColumnNumber);
            }
            else
            {
                int index = ColumnNumber - OfflineDataSchema.NamedColumnCount - 1;
                value = index < record.TransactionAttributes.Length ? record.TransactionAttributes[index] : null;
            }

            return string.IsNullOrEmpty(value) ? null : value;
        }

        /// <inheritdoc />
        public override string ToString() => Name;
    }
}
