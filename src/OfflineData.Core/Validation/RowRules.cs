using System;
using System.Runtime.CompilerServices;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;
using OfflineData.Core.Reading;

namespace OfflineData.Core.Validation
{
    /// <summary>
    /// The data row rules, from the schema (<see cref="OfflineDataSchema.Columns"/>): enough fields for every
    /// mandatory column, mandatory columns not empty (<see cref="OfflineDataColumn.IsMandatory"/>), and each typed
    /// column's format by its <see cref="ColumnKind"/> (calendar-checked timestamp, whole-number event type,
    /// invariant decimals). The reader applies them to every row; <see cref="CheckValue(int, string, DateTime?)"/>
    /// and <see cref="MessageFor"/> let Convert and Write apply the same rules to values before they write them.
    /// </summary>
    internal static class RowRules
    {
        // The schema's kinds and mandatory flags as arrays: read for every field of every row.
        private static readonly ColumnKind[] Kinds = new ColumnKind[OfflineDataSchema.NamedColumnCount];
        private static readonly bool[] Mandatory = new bool[OfflineDataSchema.NamedColumnCount];

        static RowRules()
        {
            for (int i = 0; i < OfflineDataSchema.NamedColumnCount; i++)
            {
                Kinds[i] = OfflineDataSchema.Columns[i].Kind;
                Mandatory[i] = OfflineDataSchema.Columns[i].IsMandatory;
            }
        }

        /// <summary>Reports the rule each mandatory field of the record breaks (at most one finding a field).</summary>
        /// <param name="t">The tokenizer, on a data row that was not cut for being too long.</param>
        /// <param name="rowIndex">The data row's index in its entry.</param>
        /// <param name="now">The future-timestamp limit.</param>
        /// <param name="nowKey"><paramref name="now"/> as <see cref="FieldParsers.TimestampKey"/> gives it, worked out once per file.</param>
        /// <param name="sink">Where findings go.</param>
        [MethodImpl(RecordTokenizer.FullyOptimized)]
        public static void Check(RecordTokenizer t, long rowIndex, DateTime now, long nowKey, FindingCollector sink)
        {
            long line = t.Line;
            int count = t.FieldCount;
            if (count < OfflineDataSchema.MandatoryFieldCount)
            {
                sink.Add(FindingCode.TooFewFields, FindingMessages.TooFewFields(count), line, rowIndex, count, t.DecodeRecord());
            }

            int mandatory = Math.Min(count, OfflineDataSchema.MandatoryFieldCount);
            for (int i = 0; i < mandatory; i++)
            {
                var broken = CheckValue(i, t.Field(i), nowKey);
                if (broken == null) continue;
                string value = t.DecodeField(i);
                sink.Add(broken.Value, MessageFor(broken.Value, i, value, now), line, rowIndex, i, value);
            }
        }

        /// <summary>
        /// The rule a value of column <paramref name="columnIndex"/> (0-based) breaks, or null when it meets them all.
        /// </summary>
        /// <param name="columnIndex">The 0-based column.</param>
        /// <param name="value">The field's raw UTF-8 bytes (inside its quotes).</param>
        /// <param name="now">The future-timestamp limit; null checks no limit.</param>
        public static FindingCode? CheckValue(int columnIndex, ReadOnlySpan<byte> value, DateTime? now) =>
            CheckValue(columnIndex, value, now != null ? FieldParsers.TimestampKey(now.Value) : long.MaxValue);

        [MethodImpl(RecordTokenizer.FullyOptimized)]
        private static FindingCode? CheckValue(int columnIndex, ReadOnlySpan<byte> value, long nowKey)
        {
            if ((uint)columnIndex >= (uint)Kinds.Length) return null;
            if (value.Length == 0) return Mandatory[columnIndex] ? FindingCode.EmptyMandatoryField : (FindingCode?)null;
            switch (Kinds[columnIndex])
            {
                case ColumnKind.Timestamp:
                    if (!FieldParsers.TryParseTimestampKey(value, out var key)) return FindingCode.InvalidTimestamp;
                    return key > nowKey ? FindingCode.FutureTimestamp : (FindingCode?)null;
                case ColumnKind.EventType:
                    return FieldParsers.TryParseEventType(value, out _) ? (FindingCode?)null : FindingCode.InvalidEventType;
                case ColumnKind.Number:
                    return FieldParsers.IsNumber(value) ? (FindingCode?)null : FindingCode.InvalidNumber;
                default:
                    return null;
            }
        }

        /// <summary>The rule a text value of column <paramref name="columnIndex"/> breaks, or null (null and "" are empty).</summary>
        public static FindingCode? CheckValue(int columnIndex, string? value, DateTime? now)
        {
            if (string.IsNullOrEmpty(value)) return CheckValue(columnIndex, ReadOnlySpan<byte>.Empty, now);
            return CheckValue(columnIndex, System.Text.Encoding.UTF8.GetBytes(value), now);
        }

        /// <summary>The message for a value that breaks <paramref name="code"/>, as the reader writes it.</summary>
        public static string MessageFor(FindingCode code, int columnIndex, string value, DateTime now)
        {
            var column = OfflineDataSchema.Columns[columnIndex];
            switch (code)
            {
                case FindingCode.EmptyMandatoryField:
                    return FindingMessages.EmptyMandatoryField(column);
                case FindingCode.InvalidTimestamp:
                    return FindingMessages.InvalidTimestamp(value, FieldParsers.LooksLikeTimestamp(System.Text.Encoding.UTF8.GetBytes(value)));
                case FindingCode.FutureTimestamp:
                    return FindingMessages.FutureTimestamp(value, now);
                case FindingCode.InvalidEventType:
                    return FindingMessages.InvalidEventType(value);
                case FindingCode.InvalidNumber:
                    return FindingMessages.InvalidNumber(column, value);
                default:
                    throw new ArgumentOutOfRangeException(nameof(code), code, "Not a column rule.");
            }
        }
    }
}
