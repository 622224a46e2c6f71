using System;
using OfflineData.Core.Format;

namespace OfflineData.Core.Reading
{
    /// <summary>The reader's record mapping: the current row as an <see cref="OfflineDataRecord"/>.</summary>
    public sealed partial class OfflineDataReader
    {
        /// <summary>The current row as a typed record.</summary>
        /// <exception cref="InvalidOperationException">The row has errors.</exception>
        public OfflineDataRecord ToRecord()
        {
            var t = Current();
            if (RowHasErrors) throw new InvalidOperationException($"The row on line {t.Line} has errors and cannot be converted to a record.");

            // The same parsers that checked the row read its values: what was accepted is what is mapped.
            FieldParsers.TryParseTimestamp(t.Field(0), out var timestamp);
            FieldParsers.TryParseEventType(t.Field(2), out var eventType);
            var record = new OfflineDataRecord
            {
                Timestamp = timestamp,
                CustomerId = t.DecodeField(1),
                EventType = eventType,
                EventName = t.DecodeField(4),
                Num1 = FieldParsers.ParseNumber(t.Field(5)),
                Num2 = FieldParsers.ParseNumber(t.Field(6)),
                Path = Path,
                Entry = Entry,
                Line = t.Line,
                RowIndex = entryRows,
            };
            record.Category = Optional(t, 3);
            int named = Math.Min(t.FieldCount, OfflineDataSchema.NamedColumnCount);
            for (int i = 7; i < named; i++) record.SetOptionalText(i + 1, Optional(t, i));
            if (t.FieldCount > OfflineDataSchema.NamedColumnCount)
            {
                var attributes = new string[t.FieldCount - OfflineDataSchema.NamedColumnCount];
                for (int i = 0; i < attributes.Length; i++) attributes[i] = t.DecodeField(OfflineDataSchema.NamedColumnCount + i);
                record.TransactionAttributes = attributes;
            }

            return record;
        }

        private static string? Optional(RecordTokenizer t, int index) => index < t.FieldCount && t.Field(index).Length > 0 ? t.DecodeField(index) : null;
    }
}
