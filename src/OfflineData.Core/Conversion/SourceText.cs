using System;
using System.IO;
using OfflineData.Core.Reading;
using System.Text;

namespace OfflineData.Core.Conversion
{
    /// <summary>
    /// Decodes one source stream to text: a byte order mark wins (UTF-8, UTF-16 LE/BE), then the encoding the
    /// user gave, then UTF-8 — and a source that is plainly not UTF-8 without an explicit encoding is refused up
    /// front rather than converted into garbage. Also caps how much text one record may span, so a file with
    /// no line breaks (or an unclosed quote) cannot exhaust memory.
    /// </summary>
    internal sealed class SourceText : TextReader
    {
        /// <summary>How many leading bytes are checked to decide the encoding.</summary>
        internal const int SniffBytes = 64 * 1024;

        private readonly TextReader inner;
        private readonly long maxRecordChars;
        private long charsSinceMark;

        private SourceText(TextReader inner, Encoding encoding, bool hadBom, long maxRecordChars)
        {
            this.inner = inner;
            Encoding = encoding;
            HadBom = hadBom;
            this.maxRecordChars = maxRecordChars;
        }

        /// <summary>The encoding in use.</summary>
        public Encoding Encoding { get; }

        /// <summary>Whether the source started with a byte order mark.</summary>
        public bool HadBom { get; }

        /// <summary>The decoded start of the source (up to <see cref="SniffBytes"/> bytes), for delimiter detection.</summary>
        public string Sample { get; private set; } = string.Empty;

        /// <summary>Whether <see cref="Sample"/> holds the whole source.</summary>
        public bool SampleIsWhole { get; private set; }

        /// <summary>Set when more than the record limit was read since the last <see cref="MarkRecordStart"/>.</summary>
        public bool LimitExceeded { get; private set; }

        /// <summary>Opens <paramref name="stream"/> as text.</summary>
        /// <exception cref="ConversionException">No encoding was given and the start of the source is not UTF-8.</exception>
        public static SourceText Open(Stream stream, Encoding? explicitEncoding, long maxRecordChars, string path, string? entry)
        {
            var head = new byte[SniffBytes];
            int n = 0;
            int r;
            while (n < head.Length && (r = stream.Read(head, n, head.Length - n)) > 0) n += r;

            var bomEncoding = SourceEncodings.DetectByteOrderMark(new ReadOnlySpan<byte>(head, 0, n), out int bomLength);
            Encoding encoding;
            if (bomEncoding != null)
            {
                encoding = bomEncoding;
            }
            else if (explicitEncoding != null)
            {
                encoding = explicitEncoding;
            }
            else if (DetectUtf16WithoutBom(head, n) is Encoding utf16)
            {
                // Zero bytes in every other position: UTF-16 without a byte order mark. Read as UTF-8 it would
                // pass the UTF-8 check and put a NUL between every two characters of the output.
                encoding = utf16;
            }
            else
            {
                int bad = SourceEncodings.FindInvalidUtf8(new ReadOnlySpan<byte>(head, 0, n));
                if (bad >= 0)
                {
                    long line = 1;
                    for (int i = 0; i < bad; i++) if (head[i] == (byte)'\n') line++;
                    var where = entry == null ? $"'{path}'" : $"zip entry '{entry}' in '{path}'";
                    throw new ConversionException(
                        ConversionFailure.SourceNotUtf8,
                        $"{where} is not UTF-8 (byte 0x{head[bad]:X2} on line {line}). Give its encoding, e.g. -Encoding windows-1252 for a Windows till export or -Encoding iso-8859-1.",
                        path,
                        entry,
                        line);
                }

                encoding = SourceEncodings.Utf8NoBom;
            }

            var sample = encoding.GetString(head, bomLength, n - bomLength);
            var replay = new PrefixedStream(head, bomLength, n - bomLength, stream);
            // The BOM is consumed above; decode the rest with the chosen encoding and no BOM sniffing of its own.
            var reader = new StreamReader(replay, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
            return new SourceText(reader, encoding, bomEncoding != null, maxRecordChars) { Sample = sample, SampleIsWhole = n < head.Length };
        }

        /// <summary>UTF-16 LE or BE by the position of its zero bytes (ASCII text has one per character), or null.</summary>
        internal static Encoding? DetectUtf16WithoutBom(byte[] head, int n)
        {
            int pairs = n / 2;
            if (pairs < 2) return null;
            int zeroEven = 0, zeroOdd = 0;
            for (int i = 0; i + 1 < n; i += 2)
            {
                if (head[i] == 0) zeroEven++;
                if (head[i + 1] == 0) zeroOdd++;
            }

            if (zeroOdd > pairs * 0.4 && zeroEven < pairs * 0.05) return new UnicodeEncoding(bigEndian: false, byteOrderMark: false);
            if (zeroEven > pairs * 0.4 && zeroOdd < pairs * 0.05) return new UnicodeEncoding(bigEndian: true, byteOrderMark: false);
            return null;
        }

        /// <summary>Called when a record has been parsed: the next one starts its own count.</summary>
        public void MarkRecordStart()
        {
            charsSinceMark = 0;
        }

        /// <inheritdoc />
        public override int Read(char[] buffer, int index, int count)
        {
            int n = inner.Read(buffer, index, count);
            Count(n);
            return n;
        }

        /// <inheritdoc />
        public override int Read()
        {
            int c = inner.Read();
            if (c >= 0) Count(1);
            return c;
        }

        /// <inheritdoc />
        public override int Peek() => inner.Peek();

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        private void Count(int n)
        {
            charsSinceMark += n;
            if (charsSinceMark > maxRecordChars)
            {
                LimitExceeded = true;
                // Stop feeding the parser: it ends the record here and the converter reports the limit.
                throw new RecordLimitException();
            }
        }

        /// <summary>Thrown out of the parser when one record grows past the limit.</summary>
        internal sealed class RecordLimitException : Exception
        {
        }

        /// <summary>Replays the sniffed bytes, then continues with the stream.</summary>
        private sealed class PrefixedStream : ForwardReadStream
        {
            private readonly byte[] prefix;
            private readonly Stream rest;
            private int offset;
            private readonly int end;

            public PrefixedStream(byte[] prefix, int offset, int count, Stream rest)
            {
                this.prefix = prefix;
                this.offset = offset;
                end = offset + count;
                this.rest = rest;
            }

            public override int Read(byte[] buffer, int o, int count)
            {
                if (offset < end)
                {
                    int n = Math.Min(count, end - offset);
                    Buffer.BlockCopy(prefix, offset, buffer, o, n);
                    offset += n;
                    return n;
                }

                return rest.Read(buffer, o, count);
            }
        }
    }
}
