using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using OfflineData.Core.Containers;
using OfflineData.Core.Reading;

namespace OfflineData.Core.Conversion
{
    /// <summary>
    /// Decodes one source stream to text: a byte order mark wins (UTF-8, UTF-16 LE/BE), then the encoding the
    /// user gave, then UTF-8 — and a source that is plainly not UTF-8 without an explicit encoding is refused up
    /// front rather than converted into garbage. Also caps how much text one record may span, so a file with
    /// no line breaks, a huge quoted field or an unclosed quote cannot exhaust memory.
    /// </summary>
    /// <remarks>
    /// The cap works on records, not on reads: the text is followed with the parser's own RFC 4180 rules
    /// (CsvHelper's <c>CsvMode.RFC4180</c>: a field is quoted when it starts with a quote, a doubled quote stays in
    /// it, a quote after text behind a closing quote is bad data and ends quoting; blank lines are no records). When
    /// one record passes the cap, the parser is given an end for it ('"' if it is inside quotes, then a line feed),
    /// the rest of the record is read and dropped here without being held, and every line break the parser would
    /// have counted in the dropped part is passed on as an empty line, which the parser skips but counts, so the
    /// physical line numbers of later rows stay right. <see cref="TakeSkipped"/> tells the converter which parsed
    /// record was cut.
    /// </remarks>
    internal sealed class SourceText : TextReader
    {
        /// <summary>How many leading bytes are checked to decide the encoding.</summary>
        internal const int SniffBytes = 64 * 1024;

        private const char Quote = '"';

        private readonly TextReader inner;
        private readonly long maxRecordChars;
        private readonly char[] chunk = new char[1 << 16];
        private readonly Queue<SkippedRecord> skipped = new Queue<SkippedRecord>();
        private int chunkPosition;
        private int chunkLength;
        private bool innerEnded;
        private long handedOut;

        // What is still to be handed out for a cut record: its end, then one empty line per dropped line break.
        private string pendingEnd = string.Empty;
        private int pendingEndPosition;
        private long pendingLineBreaks;
        private bool dropLineFeed;

        // The parser's state, as far as record ends depend on it. Delimiters matter only to tell whether a quote
        // opens a field (it does right after one), so the text is searched for quotes and line breaks alone.
        private char delimiter = ',';
        private bool atRowStart = true;
        private bool afterCarriageReturn;
        private bool inQuotes;
        private char previous;
        private long position;
        private long recordStart;
        private long closedAt = -2;
        private long recordChars;

        private SourceText(TextReader inner, Encoding encoding, bool hadBom, long maxRecordChars)
        {
            this.inner = inner;
            Encoding = encoding;
            HadBom = hadBom;
            this.maxRecordChars = Math.Max(1, maxRecordChars); // a record of one character must fit, or the end given for a cut one would be a blank line
        }

        /// <summary>The encoding in use.</summary>
        public Encoding Encoding { get; }

        /// <summary>Whether the source started with a byte order mark.</summary>
        public bool HadBom { get; }

        /// <summary>The decoded start of the source (up to <see cref="SniffBytes"/> bytes), for delimiter detection.</summary>
        public string Sample { get; private set; } = string.Empty;

        /// <summary>Whether <see cref="Sample"/> holds the whole source.</summary>
        public bool SampleIsWhole { get; private set; }

        /// <summary>The delimiter the parser splits fields on; set before the first read.</summary>
        public char Delimiter
        {
            get => delimiter;
            set => delimiter = value;
        }

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

        /// <summary>
        /// The record the parser has just returned, if it was cut at the record limit: <paramref name="parserCharCount"/>
        /// is the parser's <c>CharCount</c> after it, which is where the end given for the cut record lies.
        /// </summary>
        public SkippedRecord? TakeSkipped(long parserCharCount)
        {
            while (skipped.Count > 0 && skipped.Peek().End < parserCharCount) skipped.Dequeue(); // cannot happen; never let a stale cut name a later record
            return skipped.Count > 0 && skipped.Peek().End == parserCharCount ? skipped.Dequeue() : null;
        }

        /// <inheritdoc />
        public override int Read(char[] buffer, int index, int count)
        {
            if (count <= 0) return 0;
            while (true)
            {
                int n = HandOutPending(buffer, index, count);
                if (n > 0)
                {
                    handedOut += n;
                    return n;
                }

                if (chunkPosition == chunkLength && !dropLineFeed)
                {
                    // The usual case: decode straight into the parser's buffer and follow the text there.
                    if (innerEnded) return 0;
                    int read = inner.Read(buffer, index, Math.Min(count, chunk.Length)); // what follows a cut must fit the chunk
                    if (read == 0)
                    {
                        innerEnded = true;
                        return 0;
                    }

                    int end = Follow(buffer, index, index + read);
                    if (end < 0)
                    {
                        handedOut += read;
                        return read;
                    }

                    // Cut: what follows the cut is kept here, to be skipped up to the end of the record.
                    chunkPosition = 0;
                    chunkLength = index + read - end;
                    Array.Copy(buffer, end, chunk, 0, chunkLength);
                    handedOut += end - index;
                    SkipRestOfRecord();
                    if (end > index) return end - index;
                    continue;
                }

                if (chunkPosition == chunkLength && !Fill()) return 0;
                if (dropLineFeed)
                {
                    // The line feed of a cut record's CR LF: the end given for the record stands for it.
                    dropLineFeed = false;
                    if (chunk[chunkPosition] == '\n')
                    {
                        chunkPosition++;
                        previous = '\n';
                        position++;
                        continue;
                    }
                }

                // Characters read ahead during a skip: hand them out from here.
                int available = Math.Min(count, chunkLength - chunkPosition);
                int cut = Follow(chunk, chunkPosition, chunkPosition + available);
                int take = cut < 0 ? available : cut - chunkPosition;
                Array.Copy(chunk, chunkPosition, buffer, index, take);
                chunkPosition += take;
                handedOut += take;
                if (cut >= 0) SkipRestOfRecord();
                if (take > 0) return take;
            }
        }

        /// <inheritdoc />
        public override int Read()
        {
            var one = new char[1];
            return Read(one, 0, 1) == 1 ? one[0] : -1;
        }

        /// <inheritdoc />
        public override int Peek() => -1; // the parser never peeks; a peek past a cut record could not be answered honestly

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }

        private bool Fill()
        {
            if (innerEnded) return false;
            chunkPosition = 0;
            chunkLength = inner.Read(chunk, 0, chunk.Length);
            if (chunkLength > 0) return true;
            innerEnded = true;
            return false;
        }

        private int HandOutPending(char[] buffer, int index, int count)
        {
            int n = 0;
            while (n < count && pendingEndPosition < pendingEnd.Length) buffer[index + n++] = pendingEnd[pendingEndPosition++];
            while (n < count && pendingLineBreaks > 0)
            {
                buffer[index + n++] = '\n';
                pendingLineBreaks--;
            }

            return n;
        }

        /// <summary>
        /// Follows the parser's state over <c>chars[from..to)</c>; returns the index of the first character past
        /// the record limit (not consumed), or -1 when all of them belong to records within it.
        /// </summary>
        private int Follow(char[] chars, int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                if (!atRowStart)
                {
                    // Inside a record only quotes and line breaks can change anything: jump to the next one.
                    int run = OrdinaryRun(chars, i, to);
                    if (run > 0)
                    {
                        if (recordChars + run > maxRecordChars)
                        {
                            int cut = i + (int)(maxRecordChars - recordChars);
                            if (cut > i) previous = chars[cut - 1];
                            position += cut - i;
                            recordChars = maxRecordChars + 1;
                            return cut;
                        }

                        recordChars += run;
                        position += run;
                        i += run;
                        previous = chars[i - 1];
                        if (i == to) break;
                    }
                }

                char c = chars[i];
                if (afterCarriageReturn)
                {
                    afterCarriageReturn = false;
                    if (c == '\n')
                    {
                        previous = c;
                        position++;
                        continue; // the LF of a CR LF line end
                    }
                }

                if (atRowStart)
                {
                    if (c == '\r' || c == '\n')
                    {
                        // A blank line: the parser skips it, and it is no part of any record's length.
                        afterCarriageReturn = c == '\r';
                        previous = c;
                        position++;
                        continue;
                    }

                    atRowStart = false;
                    recordStart = position;
                    recordChars = 0;
                }

                if (++recordChars > maxRecordChars) return i;
                Step(c, out _, out _);
            }

            return -1;
        }

        /// <summary>
        /// How many characters from <paramref name="i"/> on are neither a quote nor (outside quotes) a line break.
        /// Most runs are a field or two long, so the first characters are looked at one by one before the vectorised
        /// search, whose call costs more than such a run.
        /// </summary>
        private int OrdinaryRun(char[] chars, int i, int to)
        {
            int head = Math.Min(to, i + 16);
            int j = i;
            if (inQuotes)
            {
                while (j < head && chars[j] != Quote) j++;
            }
            else
            {
                for (; j < head; j++)
                {
                    char c = chars[j];
                    if (c == Quote || c == '\r' || c == '\n') break;
                }
            }

            if (j < head || j == to) return j - i;
            var rest = new ReadOnlySpan<char>(chars, j, to - j);
            int k = inQuotes ? rest.IndexOf(Quote) : rest.IndexOfAny(Quote, '\r', '\n');
            return k < 0 ? to - i : j - i + k;
        }

        /// <summary>
        /// One character of a record by CsvHelper's RFC 4180 rules. A quote opens a quoted field only as the field's
        /// first character; inside, a quote closes it, and a quote right after that closing one reopens it (a doubled
        /// quote); any other quote is text or bad data and changes nothing. <paramref name="lineBreakInQuotes"/>: a
        /// line break the parser counts as a new physical line inside a quoted field; <paramref name="recordEnded"/>: a line end.
        /// </summary>
        private void Step(char c, out bool lineBreakInQuotes, out bool recordEnded)
        {
            lineBreakInQuotes = false;
            recordEnded = false;
            if (c == Quote)
            {
                if (inQuotes)
                {
                    inQuotes = false;
                    closedAt = position;
                }
                else if (position == recordStart || previous == delimiter || closedAt == position - 1)
                {
                    inQuotes = true;
                }
            }
            else if (inQuotes)
            {
                lineBreakInQuotes = c == '\r' || (c == '\n' && previous != '\r');
            }
            else if (c == '\r' || c == '\n')
            {
                atRowStart = true;
                afterCarriageReturn = c == '\r';
                recordEnded = true;
            }

            previous = c;
            position++;
        }

        /// <summary>
        /// The record at <c>chunk[chunkPosition]</c> is past the limit: end it for the parser, then read and drop the
        /// rest of it, counting the line breaks the parser would have counted.
        /// </summary>
        private void SkipRestOfRecord()
        {
            string end = inQuotes ? "\"\n" : "\n";
            recordChars--; // the character at the cut is counted again below
            long lineBreaks = 0;
            bool ended = false;
            while (!ended)
            {
                if (chunkPosition == chunkLength && !Fill()) break;
                char c = chunk[chunkPosition++];
                recordChars++;
                Step(c, out bool lineBreak, out ended);
                if (lineBreak) lineBreaks++;
            }

            bool unclosed = !ended && inQuotes;
            if (ended)
            {
                recordChars--; // the line end is not part of the record
                if (afterCarriageReturn)
                {
                    afterCarriageReturn = false;
                    dropLineFeed = true;
                }
            }
            else
            {
                // The source ended inside the record: the next entry starts afresh.
                atRowStart = true;
                inQuotes = false;
            }

            skipped.Enqueue(new SkippedRecord(handedOut + end.Length, recordChars, lineBreaks, !ended, unclosed, !ended && (previous == '\r' || previous == '\n')));
            pendingEnd = end;
            pendingEndPosition = 0;
            pendingLineBreaks = lineBreaks;
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
