using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using OfflineData.Core.Conversion;
using OfflineData.Core.Format;

namespace OfflineData.Core.Writing
{
    /// <summary>
    /// Writes records in the offline data format: <c>;</c>-separated, UTF-8 without BOM, <c>"</c> only around
    /// fields that hold <c>;</c>, <c>"</c> or a line break (quotes doubled), CRLF-free <c>\n</c> line ends,
    /// optional header row. Trailing empty optional fields are left out, as the format allows.
    /// </summary>
    internal sealed class OfflineDataWriter : IDisposable
    {
        private readonly TextWriter writer;
        private readonly bool ownsWriter;
        private readonly StringBuilder line = new StringBuilder(256);

        /// <summary>Writes to <paramref name="stream"/> (UTF-8, no BOM); the stream is left open.</summary>
        public OfflineDataWriter(Stream stream)
            : this(new StreamWriter(stream, SourceEncodings.Utf8NoBom, 1 << 16, leaveOpen: true) { NewLine = "\n" }, ownsWriter: true)
        {
        }

        /// <summary>Writes to <paramref name="writer"/>, which must encode UTF-8 without BOM.</summary>
        public OfflineDataWriter(TextWriter writer, bool ownsWriter = false)
        {
            this.writer = writer;
            this.ownsWriter = ownsWriter;
        }

        /// <summary>Rows written so far (header not counted).</summary>
        public long RowsWritten { get; private set; }

        /// <summary>EventTransaction columns of the widest row written so far (trailing empty ones are not written).</summary>
        public int TransactionAttributeColumns { get; private set; }

        /// <summary>The header row: the 22 named columns and <paramref name="transactionAttributes"/> EventTransaction columns.</summary>
        public void WriteHeader(int transactionAttributes = 0)
        {
            line.Clear();
            int total = OfflineDataSchema.NamedColumnCount + Math.Max(0, transactionAttributes);
            for (int n = 1; n <= total; n++)
            {
                if (n > 1) line.Append(OfflineDataSchema.Delimiter);
                AppendField(line, OfflineDataSchema.GetColumnName(n));
            }

            writer.Write(line.ToString());
            writer.Write('\n');
        }

        /// <summary>Writes one record as one row.</summary>
        public void Write(OfflineDataRecord record)
        {
            if (record == null) throw new ArgumentNullException(nameof(record));
            int attributes = Format(record, writer);
            if (attributes > TransactionAttributeColumns) TransactionAttributeColumns = attributes;
            writer.Write('\n');
            RowsWritten++;
        }

        /// <summary>The row text of <paramref name="record"/> (no line end), as <see cref="Write"/> writes it.</summary>
        public static string FormatRow(OfflineDataRecord record)
        {
            var sw = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            Format(record, sw);
            return sw.ToString();
        }

        /// <summary>Flushes buffered text to the stream.</summary>
        public void Flush() => writer.Flush();

        /// <inheritdoc />
        public void Dispose()
        {
            writer.Flush();
            if (ownsWriter) writer.Dispose();
        }

        /// <summary>
        /// The bytes <paramref name="value"/> takes in the file without its enclosing quotes: UTF-8, each quote doubled.
        /// This is what the validator's field limit measures, so a value of many quotes can pass a size check on the
        /// value and still be written too long.
        /// </summary>
        public static int FieldContentBytes(string value)
        {
            int quotes = 0;
            foreach (char c in value)
            {
                if (c == '"') quotes++;
            }

            return Encoding.UTF8.GetByteCount(value) + quotes;
        }

        /// <summary>The bytes <paramref name="value"/> takes in the file: <see cref="FieldContentBytes"/> plus its enclosing quotes when it needs them.</summary>
        public static int WrittenFieldBytes(string value)
            => FieldContentBytes(value) + (NeedsQuotes(value, OfflineDataSchema.Delimiter) ? 2 : 0);

        /// <summary>
        /// A number as the writer writes it: invariant, '.' and the value's scale (12.50 stays 12.50); a leading "0."
        /// is shortened to "." only when the text would otherwise have 29 digits, one more than the format allows
        /// (a valid ".1234567890123456789012345678" read back must be writable again).
        /// </summary>
        public static string FormatNumber(decimal value)
        {
            var text = value.ToString(CultureInfo.InvariantCulture);
            int digits = 0;
            foreach (char c in text)
            {
                if (c >= '0' && c <= '9') digits++;
            }

            if (digits <= 28) return text;
            if (text.StartsWith("0.", StringComparison.Ordinal)) return text.Substring(1);
            if (text.StartsWith("-0.", StringComparison.Ordinal)) return "-" + text.Substring(2);
            return text;
        }

        /// <summary>Whether a field must be quoted: it holds the delimiter, a quote or a line break.</summary>
        public static bool NeedsQuotes(string value, char delimiter)
        {
            foreach (char c in value)
            {
                if (c == delimiter || c == '"' || c == '\n' || c == '\r') return true;
            }

            return false;
        }

        // Fields go straight into the buffered writer: no per-row string.
        private static int Format(OfflineDataRecord record, TextWriter w)
        {
            var attributes = record.TransactionAttributes ?? Array.Empty<string>();
            int lastAttribute = attributes.Length - 1;
            while (lastAttribute >= 0 && string.IsNullOrEmpty(attributes[lastAttribute])) lastAttribute--;

            int lastNamed = OfflineDataSchema.NamedColumnCount;
            if (lastAttribute < 0)
            {
                while (lastNamed > OfflineDataSchema.MandatoryFieldCount && string.IsNullOrEmpty(record.GetText(lastNamed))) lastNamed--;
            }

            for (int n = 1; n <= lastNamed; n++)
            {
                if (n > 1) w.Write(OfflineDataSchema.Delimiter);
                if (n == 1)
                {
                    WriteTimestamp(w, record.Timestamp);
                    continue;
                }

                WriteField(w, n == 6 ? FormatNumber(record.Num1) : n == 7 ? FormatNumber(record.Num2) : record.GetText(n));
            }

            for (int i = 0; i <= lastAttribute; i++)
            {
                w.Write(OfflineDataSchema.Delimiter);
                WriteField(w, attributes[i]);
            }

            return lastAttribute + 1;
        }

        [ThreadStatic]
        private static char[]? timestampChars;

        /// <summary>
        /// The timestamp as <c>yyyy-MM-dd HH:mm:ss</c>, digit by digit: the same text as DateTime.ToString with the format
        /// and the invariant culture (years are 1 to 9999, always four digits), at a fraction of its cost per row.
        /// </summary>
        private static void WriteTimestamp(TextWriter w, DateTime t)
        {
            var c = timestampChars ?? (timestampChars = new char[19]);
            Digits(c, 0, t.Year, 4);
            c[4] = '-';
            Digits(c, 5, t.Month, 2);
            c[7] = '-';
            Digits(c, 8, t.Day, 2);
            c[10] = ' ';
            Digits(c, 11, t.Hour, 2);
            c[13] = ':';
            Digits(c, 14, t.Minute, 2);
            c[16] = ':';
            Digits(c, 17, t.Second, 2);
            w.Write(c, 0, 19);
        }

        private static void Digits(char[] c, int at, int value, int count)
        {
            for (int i = at + count - 1; i >= at; i--)
            {
                c[i] = (char)('0' + (value % 10));
                value /= 10;
            }
        }

        private static void WriteField(TextWriter w, string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            if (!NeedsQuotes(value!, OfflineDataSchema.Delimiter))
            {
                w.Write(value);
                return;
            }

            w.Write('"');
            w.Write(value!.Replace("\"", "\"\""));
            w.Write('"');
        }

        private static void AppendField(StringBuilder sb, string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            if (!NeedsQuotes(value!, OfflineDataSchema.Delimiter))
            {
                sb.Append(value);
                return;
            }

            sb.Append('"');
            foreach (char c in value!)
            {
                if (c == '"') sb.Append('"');
                sb.Append(c);
            }

            sb.Append('"');
        }
    }
}
