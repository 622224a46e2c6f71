using System;
using System.Linq;
using OfflineData.Core.Format;
using OfflineData.Core.Reading;
using OfflineData.Core.Writing;

namespace OfflineData.Core.Conversion
{
    /// <summary>
    /// What a record must satisfy to be written as a row Test-OfflineDataFile accepts, taken from the schema
    /// (<see cref="OfflineDataSchema.Columns"/>: which columns are mandatory, of which kind) and the reader's field
    /// parsers: the one set of rules Convert (<see cref="RowConverter"/>) and Write (<see cref="OfflineDataRecordBuilder"/>) apply.
    /// </summary>
    internal static class RecordRules
    {
        /// <summary>The numbers of the named text columns (the only named columns whose size varies), in file order.</summary>
        private static readonly int[] TextColumns = OfflineDataSchema.Columns.Where(c => c.Kind == ColumnKind.Text).Select(c => c.Number).ToArray();

        /// <summary>The mandatory columns, in file order.</summary>
        public static OfflineDataColumn[] Mandatory { get; } = OfflineDataSchema.Columns.Where(c => c.IsMandatory).ToArray();

        /// <summary>The most bytes a typed column takes as written (timestamp, event type, a 28-digit number with sign and point).</summary>
        private const int TimestampBytes = 19;
        private const int EventTypeBytes = 10;
        private const int NumberBytes = 30;

        /// <summary>
        /// Whether a mandatory value counts as empty: a text column (CustomerId, EventName) only when it has no
        /// characters, as Test-OfflineDataFile's OD301 (white space is a value); a typed column also when it is only
        /// white space (then "empty" says more than "not a number").
        /// </summary>
        public static bool IsEmpty(OfflineDataColumn column, string? text)
        {
            if (text == null) return true;
            return column.Kind == ColumnKind.Text ? text.Length == 0 : IsBlank(text);
        }

        /// <summary>Whether <paramref name="number"/> is written with at most the 28 digits the validator allows (leading and trailing zeros count).</summary>
        public static bool HasWritableDigits(decimal number, out string written)
        {
            written = OfflineDataWriter.FormatNumber(number);
            Span<byte> ascii = stackalloc byte[written.Length];
            for (int i = 0; i < written.Length; i++) ascii[i] = (byte)written[i];
            return FieldParsers.IsNumber(ascii);
        }

        /// <summary>
        /// Checks the values as they would be written: every field within <paramref name="maxFieldBytes"/> and the row
        /// within <paramref name="maxRecordBytes"/> (UTF-8, quotes doubled: what the validator measures), no unpaired
        /// surrogate (UTF-8 cannot hold it), and no value holding a line that the reader takes for the start of a row.
        /// On failure, <paramref name="column"/> is the 1-based column at fault, or 0 for the row as a whole.
        /// </summary>
        public static bool TryCheckWritable(OfflineDataRecord record, int maxFieldBytes, int maxRecordBytes, out ConversionRejectReason reason, out string message, out int column, out string? value)
        {
            reason = default;
            message = string.Empty;
            column = 0;
            value = null;
            var attributes = record.TransactionAttributes ?? Array.Empty<string>();
            // The typed columns have a fixed most; only the text columns can be long.
            long total = TimestampBytes + 1 + EventTypeBytes + 1 + (2 * (NumberBytes + 1));
            for (int k = 0; k < TextColumns.Length + attributes.Length; k++)
            {
                int n = k < TextColumns.Length ? TextColumns[k] : OfflineDataSchema.NamedColumnCount + 1 + k - TextColumns.Length;
                string? text = k < TextColumns.Length ? record.GetText(n) : attributes[k - TextColumns.Length];
                if (string.IsNullOrEmpty(text)) continue;
                var measure = Measure(text!);
                total += measure.WrittenBytes + 1;
                if (measure.ContentBytes > maxFieldBytes)
                {
                    return Fail(out reason, out message, out column, out value, ConversionRejectReason.ValueTooLong, n, text,
                        $"{ColumnPlan.TargetName(n)} is {measure.ContentBytes} bytes long as written (UTF-8, quotes doubled); the offline data format allows {maxFieldBytes}.");
                }

                if (measure.UnpairedSurrogate)
                {
                    // UTF-8 cannot hold it: the writer would put U+FFFD in its place and the row would read back changed.
                    return Fail(out reason, out message, out column, out value, ConversionRejectReason.UndecodableText, n, text,
                        $"{ColumnPlan.TargetName(n)} holds an unpaired UTF-16 surrogate (half of a character, e.g. from cutting a string mid-emoji), which UTF-8 cannot encode.");
                }

                if (measure.LineFeed && FieldParsers.HasLineThatStartsLikeARow(text!))
                {
                    // No quoting helps: Test, Read and Import end a quoted field at such a line (their rule for a quote
                    // left open), so written it would read back as two rows; often a quote left open in a source took the
                    // following rows in.
                    return Fail(out reason, out message, out column, out value, ConversionRejectReason.MalformedRow, n, text,
                        $"{ColumnPlan.TargetName(n)} holds a line break followed by a timestamp and ';', which would read back as the start of a new row; replace or remove that line break.");
                }
            }

            if (total > maxRecordBytes)
            {
                // The typed columns were counted at their most: count them as written before refusing the row.
                total += OfflineDataWriter.WrittenFieldBytes(record.EventType.ToString(System.Globalization.CultureInfo.InvariantCulture)) - EventTypeBytes
                    + OfflineDataWriter.FormatNumber(record.Num1).Length - NumberBytes
                    + OfflineDataWriter.FormatNumber(record.Num2).Length - NumberBytes;
                if (total > maxRecordBytes)
                {
                    return Fail(out reason, out message, out column, out value, ConversionRejectReason.ValueTooLong, 0, null,
                        $"The row is {total} bytes long as written; the offline data format allows {maxRecordBytes}.");
                }
            }

            return true;
        }

        private static bool IsBlank(string text)
        {
            foreach (char c in text)
            {
                if (!char.IsWhiteSpace(c)) return false;
            }

            return true;
        }

        /// <summary>What one pass over a value tells about it as written.</summary>
        internal struct ValueMeasure
        {
            /// <summary>UTF-8 bytes with each quote doubled, without enclosing quotes (what the validator's field limit measures).</summary>
            public int ContentBytes;

            /// <summary><see cref="ContentBytes"/> plus the enclosing quotes when the value needs them.</summary>
            public int WrittenBytes;

            public bool UnpairedSurrogate;

            public bool LineFeed;
        }

        /// <summary>
        /// One pass instead of one per question (OfflineDataWriter.FieldContentBytes, WrittenFieldBytes, the surrogate
        /// check): the same counts, an unpaired surrogate counted as the 3 bytes of the U+FFFD it would become.
        /// </summary>
        internal static ValueMeasure Measure(string value)
        {
            int bytes = 0;
            bool quote = false, lineBreak = false, lineFeed = false, delimiter = false, unpaired = false;
            int quotes = 0;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c < 0x80)
                {
                    bytes++;
                    if (c == '"')
                    {
                        quotes++;
                        quote = true;
                    }
                    else if (c == OfflineDataSchema.Delimiter)
                    {
                        delimiter = true;
                    }
                    else if (c == '\n')
                    {
                        lineFeed = true;
                        lineBreak = true;
                    }
                    else if (c == '\r')
                    {
                        lineBreak = true;
                    }
                }
                else if (c < 0x800)
                {
                    bytes += 2;
                }
                else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    bytes += 4;
                    i++;
                }
                else
                {
                    if (char.IsSurrogate(c)) unpaired = true;
                    bytes += 3;
                }
            }

            int content = bytes + quotes;
            return new ValueMeasure
            {
                ContentBytes = content,
                WrittenBytes = content + (quote || delimiter || lineBreak ? 2 : 0),
                UnpairedSurrogate = unpaired,
                LineFeed = lineFeed,
            };
        }

        private static bool Fail(out ConversionRejectReason reason, out string message, out int column, out string? value, ConversionRejectReason r, int n, string? text, string m)
        {
            reason = r;
            message = m;
            column = n;
            value = text == null ? null : text.Length <= 80 ? text : text.Substring(0, 80) + "...";
            return false;
        }
    }
}
