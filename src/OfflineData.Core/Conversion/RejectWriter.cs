using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using OfflineData.Core.Writing;

namespace OfflineData.Core.Conversion
{
    /// <summary>
    /// Writes rejected rows in the source's own format (its delimiter, its encoding, its header) plus four
    /// columns — RejectEntry, RejectLine, RejectCode, RejectReason — so a person can fix the rows and feed the
    /// file through the same conversion again (the extra columns sit at the end and do not disturb the mapping).
    /// </summary>
    internal sealed class RejectWriter : IDisposable
    {
        /// <summary>The names of the columns appended to every rejected row.</summary>
        public static IReadOnlyList<string> ReasonColumns { get; } = new[] { "RejectEntry", "RejectLine", "RejectCode", "RejectReason" };

        private readonly TextWriter writer;
        private readonly char delimiter;
        private readonly StringBuilder line = new StringBuilder(256);
        private bool headerWritten;
        private int fieldsInLine;

        private int sourceWidth;

        /// <summary>
        /// Writes to <paramref name="stream"/> (left open) in <paramref name="encoding"/>, with its BOM when <paramref name="bom"/>.
        /// <paramref name="sourceWidth"/> is the source's field count (its header's, or its first row's): a shorter
        /// rejected row is padded with empty fields to it, so the reason columns stay under their header names.
        /// </summary>
        public RejectWriter(Stream stream, Encoding encoding, bool bom, char delimiter, int sourceWidth = 0)
        {
            this.sourceWidth = Math.Max(0, sourceWidth);
            var enc = encoding;
            if (!bom && enc is UTF8Encoding) enc = new UTF8Encoding(false);
            if (bom)
            {
                var preamble = enc.GetPreamble();
                stream.Write(preamble, 0, preamble.Length);
            }

            // StreamWriter writes a preamble itself only at position 0 of a seekable stream; the BOM is handled above.
            writer = new StreamWriter(new NoPreambleStream(stream), WithoutPreamble(enc), 1 << 16) { NewLine = "\r\n" };
            this.delimiter = delimiter;
        }

        /// <summary>Rows written (header not counted).</summary>
        public long RowsWritten { get; private set; }

        /// <summary>Writes the source header plus the reason column names, once.</summary>
        public void WriteHeader(IReadOnlyList<string> sourceHeader)
        {
            if (headerWritten) return;
            headerWritten = true;
            line.Clear();
            fieldsInLine = 0;
            foreach (var cell in sourceHeader) AppendField(cell);
            for (int i = sourceHeader.Count; i < sourceWidth; i++) AppendField(string.Empty);
            sourceWidth = Math.Max(sourceWidth, sourceHeader.Count);
            foreach (var cell in ReasonColumns) AppendField(cell);
            writer.Write(line.ToString());
            writer.Write(writer.NewLine);
        }

        /// <summary>Writes one rejected row: its source fields, then where and why.</summary>
        public void Write(IReadOnlyList<string> fields, RejectedRow reject)
        {
            line.Clear();
            fieldsInLine = 0;
            foreach (var field in fields) AppendField(field);
            // A short row (a truncated line, MissingField) keeps the reason columns under their names.
            for (int i = fields.Count; i < sourceWidth; i++) AppendField(string.Empty);
            AppendField(reject.Entry ?? string.Empty);
            AppendField(reject.Line.ToString(CultureInfo.InvariantCulture));
            AppendField(reject.Reason + " (" + reject.Code.ToString(CultureInfo.InvariantCulture) + ")");
            AppendField(reject.Message);
            writer.Write(line.ToString());
            writer.Write(writer.NewLine);
            RowsWritten++;
        }

        /// <inheritdoc />
        public void Dispose() => writer.Dispose();

        private void AppendField(string value)
        {
            if (fieldsInLine++ > 0) line.Append(delimiter);
            if (!OfflineDataWriter.NeedsQuotes(value, delimiter))
            {
                line.Append(value);
                return;
            }

            // A line break inside a value is written with the file's own line end (CR LF), so the reject file has one
            // line ending throughout, whatever the source used inside its quoted fields.
            var quoted = value.Replace("\"", "\"\"");
            if (quoted.IndexOf('\r') >= 0 || quoted.IndexOf('\n') >= 0) quoted = quoted.Replace("\r\n", "\n").Replace('\r', '\n').Replace("\n", "\r\n");
            line.Append('"').Append(quoted).Append('"');
        }

        private static Encoding WithoutPreamble(Encoding encoding)
        {
            switch (encoding)
            {
                case UTF8Encoding _: return new UTF8Encoding(false);
                case UnicodeEncoding _: return new UnicodeEncoding(bigEndian: encoding.CodePage == 1201, byteOrderMark: false);
                case UTF32Encoding _: return new UTF32Encoding(bigEndian: encoding.CodePage == 12001, byteOrderMark: false);
                default: return encoding;
            }
        }

        /// <summary>Keeps the StreamWriter from seeing a seekable stream at position 0 (it would add another BOM).</summary>
        private sealed class NoPreambleStream : Stream
        {
            private readonly Stream inner;

            public NoPreambleStream(Stream inner) => this.inner = inner;

            public override bool CanRead => false;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override void Flush() => inner.Flush();
            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        }
    }
}
