using System;
using OfflineData.Core.Format;
using OfflineData.Core.Measuring;

namespace OfflineData.Core.Reading
{
    /// <summary>The few values of the current row a summary needs, without building the whole record.</summary>
    public sealed partial class OfflineDataReader
    {
        /// <summary>
        /// The time (as yyyyMMddHHmmss), event type, Num1 and Num2 of the current valid row, read by the parsers that
        /// checked it (as <see cref="ToRecord"/> does), so a summary (Measure-OfflineData) decodes no other column and
        /// builds no <see cref="DateTime"/> per row.
        /// </summary>
        /// <exception cref="InvalidOperationException">The row has errors.</exception>
        internal void ReadMeasures(out long timeKey, out int eventType, out decimal num1, out decimal num2)
        {
            var t = Current();
            if (RowHasErrors) throw new InvalidOperationException($"The row on line {t.Line} has errors.");
            // The row rules checked every one of these fields: read their digits without checking again.
            var time = t.Field(0);
            timeKey = 0;
            for (int i = 0; i < 19; i++)
            {
                uint digit = (uint)(time[i] - '0');
                if (digit <= 9) timeKey = (timeKey * 10) + digit;
            }

            long type = 0;
            foreach (var c in t.Field(2)) type = (type * 10) + (c - '0');
            eventType = (int)type;
            num1 = FieldParsers.ParseCheckedNumber(t.Field(5));
            num2 = FieldParsers.ParseCheckedNumber(t.Field(6));
        }

        /// <summary>
        /// The number <paramref name="customers"/> gives the current row's Customer ID: its UTF-8 bytes as they are in
        /// the file; a row that is not plain ASCII, or a quoted ID with doubled quotes, by the bytes of its decoded text,
        /// so two IDs count as one exactly when their texts (what the store keeps) are equal.
        /// </summary>
        internal int CustomerNumber(Utf8KeyTable customers)
        {
            var t = Current();
            if (t.IsAscii && !t.HasEscapedQuotes(1)) return customers.GetOrAdd(t.Field(1));
            return customers.GetOrAdd(System.Text.Encoding.UTF8.GetBytes(t.DecodeField(1)));
        }

        /// <summary>The text of named optional column <paramref name="number"/> (8..22) of the current row, null when empty or absent (as in a record).</summary>
        internal string? OptionalText(int number)
        {
            var t = Current();
            int index = number - 1;
            return index < Math.Min(t.FieldCount, OfflineDataSchema.NamedColumnCount) && t.Field(index).Length > 0 ? t.DecodeField(index) : null;
        }
    }
}
