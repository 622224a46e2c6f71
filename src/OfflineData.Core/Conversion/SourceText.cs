using System;
using System.IO;
using System.Text;
using OfflineData.Core.Containers;

namespace OfflineData.Core.Conversion
{
    /// <summary>
    /// Decides the encoding of one source stream and hands out its text as UTF-8 bytes, so a source is split by the
    /// same <see cref="Reading.RecordTokenizer"/> as an offline data file: a byte order mark wins (UTF-8, UTF-16
    /// LE/BE), then the encoding the user gave, then UTF-8 — and a source that is plainly not UTF-8 without an
    /// explicit encoding is refused up front rather than converted into garbage.
    /// </summary>
    /// <remarks>
    /// A UTF-8 source passes through untouched (no decoding at all); any other encoding is transcoded to UTF-8 in
    /// blocks. Lone carriage returns (old Mac line ends) become line feeds, so such a source has lines at all: the
    /// offline data format itself ends lines with LF or CR LF only.
    /// </remarks>
    internal sealed class SourceText
    {
        /// <summary>How many leading bytes are checked to decide the encoding.</summary>
        internal const int SniffBytes = 64 * 1024;

        private SourceText(Stream utf8, Encoding encoding, bool hadBom, string sample, bool sampleIsWhole)
        {
            Utf8 = utf8;
            Encoding = encoding;
            HadBom = hadBom;
            Sample = sample;
            SampleIsWhole = sampleIsWhole;
        }

        /// <summary>The source's text as UTF-8 bytes, without a byte order mark.</summary>
        public Stream Utf8 { get; }

        /// <summary>The encoding of the source.</summary>
        public Encoding Encoding { get; }

        /// <summary>Whether the source started with a byte order mark.</summary>
        public bool HadBom { get; }

        /// <summary>The decoded start of the source (up to <see cref="SniffBytes"/> bytes), for delimiter detection.</summary>
        public string Sample { get; }

        /// <summary>Whether <see cref="Sample"/> holds the whole source.</summary>
        public bool SampleIsWhole { get; }

        /// <summary>Opens <paramref name="stream"/> as text.</summary>
        /// <exception cref="ConversionException">No encoding was given and the start of the source is not UTF-8.</exception>
        public static SourceText Open(Stream stream, Encoding? explicitEncoding, string path, string? entry)
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
            Stream bytes = new PrefixedStream(head, bomLength, n - bomLength, stream);
            if (!(encoding is UTF8Encoding))
            {
                // The BOM is consumed above; the rest is decoded with the chosen encoding, without BOM sniffing of its own.
                bytes = new Utf8TranscodingStream(bytes, encoding);
            }

            return new SourceText(new LoneCarriageReturnStream(bytes), encoding, bomEncoding != null, sample, n < head.Length);
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

        /// <summary>Replays the sniffed bytes, then continues with the stream.</summary>
        private sealed class PrefixedStream : ForwardReadStream
        {
            private readonly byte[] prefix;
            private readonly Stream rest;
            private readonly int end;
            private int offset;

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

        /// <summary>
        /// Bytes of another encoding handed out as UTF-8 (a byte the source encoding cannot decode is U+FFFD): decoded
        /// a block at a time and encoded straight into the caller's buffer when it has room, which it nearly always has.
        /// </summary>
        private sealed class Utf8TranscodingStream : ForwardReadStream
        {
            private readonly Stream inner;
            private readonly Decoder decoder;
            private static readonly UTF8Encoding Utf8Out = new UTF8Encoding(false);
            private readonly Encoder encoder = Utf8Out.GetEncoder();
            private readonly byte[] input = new byte[1 << 16];
            private readonly char[] chars;
            private readonly byte[] spill;
            private int spillPosition;
            private int spillLength;
            private bool ended;

            public Utf8TranscodingStream(Stream inner, Encoding encoding)
            {
                this.inner = inner;
                decoder = encoding.GetDecoder();
                chars = new char[encoding.GetMaxCharCount(input.Length)];
                spill = new byte[Utf8Out.GetMaxByteCount(chars.Length) + 16];
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                while (true)
                {
                    if (spillPosition < spillLength)
                    {
                        int take = Math.Min(count, spillLength - spillPosition);
                        Buffer.BlockCopy(spill, spillPosition, buffer, offset, take);
                        spillPosition += take;
                        return take;
                    }

                    if (ended) return 0;
                    int n = inner.Read(input, 0, input.Length);
                    ended = n == 0;
                    // Flushed at the end, so a sequence cut short there still becomes U+FFFD.
                    int charCount = decoder.GetChars(input, 0, n, chars, 0, flush: ended);
                    if (Utf8Out.GetMaxByteCount(charCount) <= count)
                    {
                        int written = encoder.GetBytes(chars, 0, charCount, buffer, offset, flush: ended);
                        if (written > 0 || ended) return written;
                        continue;
                    }

                    spillPosition = 0;
                    spillLength = encoder.GetBytes(chars, 0, charCount, spill, 0, flush: ended);
                }
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing) inner.Dispose();
                base.Dispose(disposing);
            }
        }

        /// <summary>
        /// Turns a carriage return not followed by a line feed into a line feed; CR LF passes unchanged. Reads straight
        /// into the caller's buffer; a CR that ends a read is held back until the byte after it is known.
        /// </summary>
        private sealed class LoneCarriageReturnStream : ForwardReadStream
        {
            private readonly Stream inner;
            private readonly byte[] one = new byte[1];
            private bool heldCarriageReturn;
            private int peeked = -1;

            public LoneCarriageReturnStream(Stream inner) => this.inner = inner;

            public override int Read(byte[] buffer, int offset, int count)
            {
                if (count <= 0) return 0;
                int n = 0;
                if (heldCarriageReturn)
                {
                    buffer[offset] = (byte)'\r';
                    heldCarriageReturn = false;
                    n = 1;
                }

                if (peeked >= 0 && n < count)
                {
                    buffer[offset + n++] = (byte)peeked;
                    peeked = -1;
                }

                if (n < count) n += inner.Read(buffer, offset + n, count - n);
                if (n == 0) return 0;

                int end = offset + n;
                if (buffer[end - 1] == (byte)'\r')
                {
                    // Whether it is a lone CR depends on the next byte.
                    if (n > 1)
                    {
                        heldCarriageReturn = true;
                        n--;
                        end--;
                    }
                    else
                    {
                        int m = inner.Read(one, 0, 1);
                        if (m == 0 || one[0] != (byte)'\n') buffer[offset] = (byte)'\n';
                        if (m > 0) peeked = one[0];
                        return 1;
                    }
                }

                var span = new ReadOnlySpan<byte>(buffer, offset, n);
                int i = span.IndexOf((byte)'\r');
                while (i >= 0)
                {
                    // Not the last byte (held back above), so the next one is known.
                    if (buffer[offset + i + 1] != (byte)'\n') buffer[offset + i] = (byte)'\n';
                    int k = span.Slice(i + 1).IndexOf((byte)'\r');
                    i = k < 0 ? -1 : i + 1 + k;
                }

                return n;
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing) inner.Dispose();
                base.Dispose(disposing);
            }
        }
    }
}
