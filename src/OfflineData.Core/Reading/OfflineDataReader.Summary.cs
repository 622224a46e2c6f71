using System;
using OfflineData.Core.Format;

namespace OfflineData.Core.Reading
{
    /// <summary>The few values of the current row a summary needs, without building the whole record.</summary>
    public sealed partial class OfflineDataReader
    {
        /// <summary>
        /// The time, Customer ID, event type, Num1 and Num2 of the current valid row, read by the parsers that checked
        /// it (as <see cref="ToRecord"/> does), so a summary (Measure-OfflineData) does not decode the other columns.
        /// </summary>
        /// <exception cref="InvalidOperationException">The row has errors.</exception>
        internal void ReadMeasures(out DateTime timestamp, out string customerId, out int eventType, out decimal num1, out decimal num2)
        {
            var t = Current();
            if (RowHasErrors) throw new InvalidOperationException($"The row on line {t.Line} has errors.");
            FieldParsers.TryParseTimestamp(t.Field(0), out timestamp);
            FieldParsers.TryParseEventType(t.Field(2), out eventType);
            customerId = t.DecodeField(1);
            num1 = FieldParsers.ParseNumber(t.Field(5));
            num2 = FieldParsers.ParseNumber(t.Field(6));
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
