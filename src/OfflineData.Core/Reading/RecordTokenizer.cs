using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.ExceptionServices;
using OfflineData.Core.Findings;

namespace OfflineData.Core.Reading
{
    /// <summary>
    /// Splits a UTF-8 byte stream into records and fields of the offline data dialect
    /// (';' separator, '"' qualifier, '\n' or '\r\n' line ends) without decoding or allocating per row.
    /// </summary>
    /// <remarks>
    /// It works on bytes because every structural character is ASCII, so UTF-8 never needs decoding to
    /// split a record, and the typed checks (timestamp, numbers) read ASCII digits directly.
    /// It tracks physical lines, reports quote and size problems per record, and always recovers at a
    /// record boundary: an unclosed quote ends at the next line that starts like a record (a timestamp and
    /// a separator), or is rewound to its first line break when the file ends or the record grows too long.
    /// Sylvan.Data.Csv was measured for this and not used: after a stray quote it refuses every further
    /// Read ("A previous call to Read encountered an error and reading cannot continue") and it has no
    /// physical line numbers, and both are required here.
    /// </remarks>
    internal sealed class RecordTokenizer
    {
        private const byte Semicolon = (byte)';';
        private const byte QuoteByte = (byte)'"';
        private const byte Lf = (byte)'\n';
        private const byte Cr = (byte)'\r';

        /// <summary>How much of a record that is too long is kept to show and quarantine.</summary>
        internal const int TruncatedRecordPrefix = 4096;

        private readonly Stream stream;
        private readonly int maxRecordLength;
        private readonly int maxFieldLength;
        private readonly byte[] buffer;
        private readonly List<StructuralIssue> issues = new List<StructuralIssue>();
        private int[] fieldStarts = new int[32];
        private int[] fieldLengths = new int[32];
        private byte[] fieldFlags = new byte[32];
        private int start;
        private int end;
        private int next;
        private bool eof;
        private ExceptionDispatchInfo? deferredFailure;
        private long nextLine = 1;
        private byte[]? truncatedRecord;
        private long bytesFromStream;

        private const byte FlagQuoted = 1;
        private const byte FlagEscapedQuotes = 2;

        public RecordTokenizer(Stream stream, int maxRecordLength, int maxFieldLength)
        {
            this.stream = stream;
            this.maxRecordLength = maxRecordLength;
            this.maxFieldLength = maxFieldLength;
            // Room for a whole record at the limit plus one read, so a record never needs a second buffer.
            buffer = new byte[maxRecordLength + 64 * 1024];
        }

        /// <summary>The physical line the current record starts on.</summary>
        public long Line { get; private set; }

        /// <summary>The number of fields in the current record (0 when it was too long to split).</summary>
        public int FieldCount { get; private set; }

        /// <summary>Whether the current record is known to be all ASCII (then it is valid UTF-8); false when not looked at.</summary>
        public bool IsAscii { get; private set; }

        /// <summary>Whether the current record was longer than the limit and was cut.</summary>
        public bool IsTruncated { get; private set; }

        /// <summary>Problems found in the current record.</summary>
        public IReadOnlyList<StructuralIssue> Issues => issues;

        /// <summary>Bytes taken from the stream so far (after any decompression).</summary>
        public long BytesFromStream => bytesFromStream;

        /// <summary>The raw bytes of the current record, without its line end (a prefix when truncated).</summary>
        public ReadOnlySpan<byte> Record => IsTruncated ? truncatedRecord.AsSpan() : new ReadOnlySpan<byte>(buffer, start, RecordLength);

        private int RecordLength { get; set; }

        /// <summary>The raw content of field <paramref name="index"/>: inside the quotes for a quoted field, doubled quotes not yet undone.</summary>
        public ReadOnlySpan<byte> Field(int index) => new ReadOnlySpan<byte>(buffer, start + fieldStarts[index], fieldLengths[index]);

        /// <summary>Whether field <paramref name="index"/> was quoted.</summary>
        public bool IsQuoted(int index) => (fieldFlags[index] & FlagQuoted) != 0;

        /// <summary>Whether field <paramref name="index"/> holds doubled quotes that stand for one quote.</summary>
        public bool HasEscapedQuotes(int index) => (fieldFlags[index] & FlagEscapedQuotes) != 0;

        /// <summary>Field <paramref name="index"/> as text: UTF-8 decoded (invalid bytes as U+FFFD), doubled quotes undone.</summary>
        public string DecodeField(int index)
        {
            int length = fieldLengths[index];
            if (length == 0) return string.Empty;
            var text = System.Text.Encoding.UTF8.GetString(buffer, start + fieldStarts[index], length);
            return HasEscapedQuotes(index) ? text.Replace("\"\"", "\"") : text;
        }

        /// <summary>The current record's raw text (a prefix when it was too long).</summary>
        public string DecodeRecord()
        {
            return IsTruncated
                ? System.Text.Encoding.UTF8.GetString(truncatedRecord!)
                : System.Text.Encoding.UTF8.GetString(buffer, start, RecordLength);
        }

        /// <summary>The 0-based field holding byte <paramref name="recordOffset"/> of the record, or -1.</summary>
        public int FieldAt(int recordOffset)
        {
            for (int i = 0; i < FieldCount; i++)
            {
                if (recordOffset < fieldStarts[i] + fieldLengths[i] + 1) return i;
            }

            return FieldCount - 1;
        }

        /// <summary>Throws the failure <see cref="DetectEncoding"/> put off, if any: for a caller that stops reading early.</summary>
        public void ThrowDeferredFailure() => deferredFailure?.Throw();

        /// <summary>Skips a UTF-8 byte order mark and reports what the first bytes say about the encoding.</summary>
        public DetectedEncoding DetectEncoding()
        {
            try
            {
                EnsureAvailable(0, 512);
            }
            catch (Exception e)
            {
                // A stream that fails within its first 512 bytes (a small damaged gzip, bytes after its end) still
                // has rows before the failure: they are read first, and the failure is thrown when more is needed.
                deferredFailure = ExceptionDispatchInfo.Capture(e);
            }

            var head = new ReadOnlySpan<byte>(buffer, start, Math.Min(end - start, 512));
            if (head.Length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
            {
                start += 3;
                next = start;
                return DetectedEncoding.Utf8WithBom;
            }

            if (head.Length >= 4 && head[0] == 0xFF && head[1] == 0xFE && head[2] == 0 && head[3] == 0) return DetectedEncoding.Utf32;
            if (head.Length >= 4 && head[0] == 0 && head[1] == 0 && head[2] == 0xFE && head[3] == 0xFF) return DetectedEncoding.Utf32;
            if (head.Length >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF))) return DetectedEncoding.Utf16;

            // UTF-16 without a byte order mark: text files in UTF-8 have no NUL bytes, UTF-16 text has one in every other byte.
            int zeros = 0;
            foreach (var b in head)
            {
                if (b == 0) zeros++;
            }

            if (head.Length >= 4 && zeros * 4 >= head.Length) return zeros * 3 >= head.Length * 2 ? DetectedEncoding.Utf32 : DetectedEncoding.Utf16;
            return DetectedEncoding.Utf8;
        }

        /// <summary>Reads the next record; false at the end of the stream.</summary>
        public bool ReadRecord()
        {
            issues.Clear();
            FieldCount = 0;
            IsTruncated = false;
            IsAscii = false;
            start = next;
            if (!EnsureAvailable(0, 1)) return false;

            Line = nextLine;
            long line = nextLine;
            int p = 0; // relative to start: buffer compaction moves start, never relative positions

            while (true)
            {
                if (!EnsureAvailable(p, 1))
                {
                    if (BufferFull())
                    {
                        SkipOverlongRecord(line, SkipState.FieldStart, p, 0);
                        return true;
                    }

                    // The stream ended right after a separator: one more, empty field.
                    AddField(p, 0, 0);
                    FinishRecord(p, p, line);
                    return true;
                }

                if (buffer[start + p] == QuoteByte)
                {
                    var outcome = ReadQuotedField(ref p, ref line);
                    if (outcome == FieldEnd.Separator) continue;
                    if (outcome == FieldEnd.Truncated) return true;
                    return true;
                }

                var unquoted = ReadUnquotedField(ref p, ref line);
                if (unquoted == FieldEnd.Separator) continue;
                return true;
            }
        }

        private enum FieldEnd
        {
            Separator,
            RecordEnd,
            Truncated,
        }

        private FieldEnd ReadUnquotedField(ref int p, ref long line, bool strayReported = false)
        {
            int fieldStart = p;
            while (true)
            {
                int k = IndexOfUnquotedStop(start + p);
                if (k < 0)
                {
                    p = end - start;
                    if (p > maxRecordLength)
                    {
                        SkipOverlongRecord(line, SkipState.Unquoted, p, 0);
                        return FieldEnd.Truncated;
                    }

                    if (!EnsureAvailable(p, 1))
                    {
                        int length = p - fieldStart;
                        if (length > 0 && buffer[start + p - 1] == Cr) length--;
                        AddField(fieldStart, length, 0);
                        CheckFieldLength(line);
                        FinishRecord(fieldStart + length, p, line);
                        return FieldEnd.RecordEnd;
                    }

                    continue;
                }

                p += k;
                byte c = buffer[start + p];
                if (c == QuoteByte)
                {
                    if (!strayReported)
                    {
                        issues.Add(new StructuralIssue(FindingCode.StrayQuote, line, FieldCount));
                        strayReported = true;
                    }

                    p++;
                    continue;
                }

                if (c == Semicolon)
                {
                    AddField(fieldStart, p - fieldStart, 0);
                    CheckFieldLength(line);
                    p++;
                    return FieldEnd.Separator;
                }

                // Line feed: the record ends; a carriage return before it belongs to the line end.
                int fieldLength = p - fieldStart;
                if (fieldLength > 0 && buffer[start + p - 1] == Cr) fieldLength--;
                AddField(fieldStart, fieldLength, 0);
                CheckFieldLength(line);
                FinishRecord(fieldStart + fieldLength, p + 1, line + 1);
                return FieldEnd.RecordEnd;
            }
        }

        /// <summary>
        /// The offset from <paramref name="absolute"/> of the first ';', '"' or line feed before <c>end</c>, or -1.
        /// Most fields are empty or a few bytes long, so the first bytes are looked at one by one before
        /// the vectorised search, whose call and setup cost more than such a field.
        /// </summary>
        private int IndexOfUnquotedStop(int absolute)
        {
            var bytes = buffer;
            int available = end - absolute;
            int head = Math.Min(available, 8);
            for (int i = 0; i < head; i++)
            {
                byte c = bytes[absolute + i];
                if (c == Semicolon || c == Lf || c == QuoteByte) return i;
            }

            if (head == available) return -1;
            int k = new ReadOnlySpan<byte>(bytes, absolute + head, available - head).IndexOfAny(Semicolon, Lf, QuoteByte);
            return k < 0 ? -1 : head + k;
        }

        private FieldEnd ReadQuotedField(ref int p, ref long line)
        {
            long openLine = line;
            int quotePosition = p;
            int contentStart = p + 1;
            int firstLineFeed = -1;
            byte flags = FlagQuoted;
            p++;
            while (true)
            {
                int absolute = start + p;
                int k = new ReadOnlySpan<byte>(buffer, absolute, end - absolute).IndexOfAny(QuoteByte, Lf);
                if (k < 0)
                {
                    p = end - start;
                    if (p > maxRecordLength)
                    {
                        // Too long to hold, so too long to rewind: read on without holding it to learn where the
                        // field ends — at its closing quote (a long field), or at a line that starts like a record.
                        SkipOverlongRecord(line, SkipState.Quoted, p, openLine);
                        return FieldEnd.Truncated;
                    }

                    if (!EnsureAvailable(p, 1))
                    {
                        if (firstLineFeed >= 0)
                        {
                            RecoverUnclosedQuote(contentStart, firstLineFeed, openLine, openLine + 1);
                            return FieldEnd.RecordEnd;
                        }

                        issues.Add(new StructuralIssue(FindingCode.UnclosedQuote, openLine, FieldCount));
                        AddField(contentStart, p - contentStart, flags);
                        CheckFieldLength(openLine);
                        FinishRecord(p, p, line);
                        return FieldEnd.RecordEnd;
                    }

                    continue;
                }

                p += k;
                if (buffer[start + p] == Lf)
                {
                    if (firstLineFeed < 0) firstLineFeed = p;
                    line++;
                    if (LooksLikeRecordStart(p + 1))
                    {
                        // The quote was never closed: this line starts the next record, and it is line
                        // 'line', not openLine + 1, when lines that do not look like records came between.
                        RecoverUnclosedQuote(contentStart, p, openLine, line);
                        return FieldEnd.RecordEnd;
                    }

                    p++;
                    continue;
                }

                // A quote: doubled, closing, or closing with text after it.
                if (!EnsureAvailable(p + 1, 1) && BufferFull())
                {
                    SkipOverlongRecord(line, SkipState.Quoted, p, openLine);
                    return FieldEnd.Truncated;
                }

                if (EnsureAvailable(p + 1, 1) && buffer[start + p + 1] == QuoteByte)
                {
                    flags |= FlagEscapedQuotes;
                    p += 2;
                    continue;
                }

                int contentLength = p - contentStart;
                p++;
                if (!EnsureAvailable(p, 1) && BufferFull())
                {
                    SkipOverlongRecord(line, SkipState.Unquoted, p, 0);
                    return FieldEnd.Truncated;
                }

                if (!EnsureAvailable(p, 1))
                {
                    AddField(contentStart, contentLength, flags);
                    CheckFieldLength(openLine);
                    FinishRecord(p, p, line);
                    return FieldEnd.RecordEnd;
                }

                byte after = buffer[start + p];
                if (after == Semicolon)
                {
                    AddField(contentStart, contentLength, flags);
                    CheckFieldLength(openLine);
                    p++;
                    return FieldEnd.Separator;
                }

                if (after == Lf)
                {
                    AddField(contentStart, contentLength, flags);
                    CheckFieldLength(openLine);
                    FinishRecord(p, p + 1, line + 1);
                    return FieldEnd.RecordEnd;
                }

                if (after == Cr && EnsureAvailable(p + 1, 1) && buffer[start + p + 1] == Lf)
                {
                    AddField(contentStart, contentLength, flags);
                    CheckFieldLength(openLine);
                    FinishRecord(p, p + 2, line + 1);
                    return FieldEnd.RecordEnd;
                }

                if (after == Cr && !EnsureAvailable(p + 1, 1) && BufferFull())
                {
                    SkipOverlongRecord(line, SkipState.Unquoted, p, 0);
                    return FieldEnd.Truncated;
                }

                if (after == Cr && !EnsureAvailable(p + 1, 1))
                {
                    AddField(contentStart, contentLength, flags);
                    CheckFieldLength(openLine);
                    FinishRecord(p, p + 1, line);
                    return FieldEnd.RecordEnd;
                }

                // Text after the closing quote: report it and read the rest as an unquoted field,
                // keeping the quotes in the value so the raw value shows what is wrong.
                issues.Add(new StructuralIssue(FindingCode.StrayQuote, line, FieldCount));
                int restStart = p;
                var rest = ReadUnquotedField(ref p, ref line, strayReported: true);
                if (rest != FieldEnd.Truncated && !IsTruncated)
                {
                    // Widen the field just read to start at the opening quote.
                    int last = FieldCount - 1;
                    fieldLengths[last] += restStart - quotePosition;
                    fieldStarts[last] = quotePosition;
                    fieldFlags[last] = 0;
                }

                return rest;
            }
        }

        /// <summary>
        /// Ends an unclosed quoted field at <paramref name="lineFeed"/> (relative): the record ends there and
        /// reading resumes on the next line, so one bad quote costs one record, not the rest of the file.
        /// </summary>
        private void RecoverUnclosedQuote(int contentStart, int lineFeed, long openLine, long lineAfter)
        {
            issues.Add(new StructuralIssue(FindingCode.UnclosedQuote, openLine, FieldCount, lineAfter));
            int contentEnd = lineFeed;
            if (contentEnd > contentStart && buffer[start + contentEnd - 1] == Cr) contentEnd--;
            AddField(contentStart, contentEnd - contentStart, FlagQuoted);
            CheckFieldLength(openLine);
            FinishRecord(contentEnd, lineFeed + 1, lineAfter);
        }

        /// <summary>
        /// True when the bytes at <paramref name="p"/> (relative) start like a record: a timestamp and a separator,
        /// or a quoted timestamp and a separator. A timestamp followed by a quote is not one: inside a quoted field
        /// that quote closes the field (<c>"note\n2024-05-25 12:25:43";…</c>), which must not be cut there.
        /// </summary>
        private bool LooksLikeRecordStart(int p)
        {
            if (!EnsureAvailable(p, 20)) return false;
            int a = start + p;
            bool quoted = buffer[a] == QuoteByte;
            if (quoted)
            {
                if (!EnsureAvailable(p, 22)) return false;
                a = start + p + 1;
            }

            var span = new ReadOnlySpan<byte>(buffer, a, quoted ? 21 : 20);
            if (!FieldParsers.LooksLikeTimestamp(span.Slice(0, 19))) return false;
            return quoted ? span[19] == QuoteByte && span[20] == Semicolon : span[19] == Semicolon;
        }

        /// <summary>Where a skip of an over-long record stands: what the next byte means.</summary>
        private enum SkipState
        {
            /// <summary>At the start of a field: a quote opens a quoted field.</summary>
            FieldStart,

            /// <summary>Inside an unquoted field (or text after a closing quote): quotes are text, a line feed ends the record.</summary>
            Unquoted,

            /// <summary>Inside a quoted field: a line feed is part of it unless the next line starts like a record.</summary>
            Quoted,
        }

        /// <summary>
        /// The record is longer than the limit: keep a prefix to show, then read on to its end without holding it,
        /// so neither a file without line breaks nor a quoted field of any size needs more memory than the buffer.
        /// The record ends where reading it in full would have ended it: at a line feed outside quotes, or, inside an
        /// unclosed quote, at a line that starts like a record (then the quote was never closed).
        /// </summary>
        /// <param name="line">The physical line at the cut (quoted line breaks before it counted).</param>
        /// <param name="state">What the byte at <paramref name="p"/> means: quoting is followed on from there.</param>
        /// <param name="p">The relative position of the first byte not yet looked at.</param>
        /// <param name="quoteLine">The line the quoted field open at the cut started on (state Quoted).</param>
        private void SkipOverlongRecord(long line, SkipState state, int p, long quoteLine)
        {
            int keep = Math.Min(TruncatedRecordPrefix, end - start);
            truncatedRecord = new byte[keep];
            Buffer.BlockCopy(buffer, start, truncatedRecord, 0, keep);
            issues.Clear();
            IsTruncated = true;
            FieldCount = 0;

            bool unclosed = false;
            bool lineEnded = false;
            start += p;
            while (EnsureAvailable(0, 1))
            {
                if (state == SkipState.FieldStart)
                {
                    if (buffer[start] == QuoteByte)
                    {
                        state = SkipState.Quoted;
                        quoteLine = line;
                        start++;
                    }
                    else
                    {
                        state = SkipState.Unquoted;
                    }

                    continue;
                }

                var chunk = new ReadOnlySpan<byte>(buffer, start, end - start);
                int k = state == SkipState.Quoted ? chunk.IndexOfAny(QuoteByte, Lf) : chunk.IndexOfAny(Semicolon, Lf);
                if (k < 0)
                {
                    start = end;
                    continue;
                }

                start += k;
                byte c = buffer[start++];
                if (c == Lf)
                {
                    line++;
                    if (state == SkipState.Unquoted)
                    {
                        lineEnded = true;
                        break;
                    }

                    if (LooksLikeRecordStart(0))
                    {
                        unclosed = true;
                        lineEnded = true;
                        break;
                    }
                }
                else if (c == Semicolon)
                {
                    state = SkipState.FieldStart;
                }
                else if (EnsureAvailable(0, 1) && buffer[start] == QuoteByte)
                {
                    start++; // a doubled quote inside the quoted field
                }
                else
                {
                    state = SkipState.Unquoted; // the closing quote: what follows up to ';' or the line end is text
                }
            }

            if (!lineEnded && state == SkipState.Quoted) unclosed = true;
            next = start;
            nextLine = line;
            // The record is located where it starts (Line), even when a quoted line break came before the cut.
            issues.Add(new StructuralIssue(FindingCode.RecordTooLong, Line, -1, lineEnded ? line : 0));
            if (unclosed) issues.Add(new StructuralIssue(FindingCode.UnclosedQuote, quoteLine, -1, lineEnded ? line : 0));
        }

        private void AddField(int relativeStart, int length, byte flags)
        {
            if (FieldCount == fieldStarts.Length)
            {
                Array.Resize(ref fieldStarts, FieldCount * 2);
                Array.Resize(ref fieldLengths, FieldCount * 2);
                Array.Resize(ref fieldFlags, FieldCount * 2);
            }

            fieldStarts[FieldCount] = relativeStart;
            fieldLengths[FieldCount] = length;
            fieldFlags[FieldCount] = flags;
            FieldCount++;
        }

        private void CheckFieldLength(long line)
        {
            int index = FieldCount - 1;
            if (fieldLengths[index] > maxFieldLength)
            {
                issues.Add(new StructuralIssue(FindingCode.FieldTooLong, line, index));
            }
        }

        private void FinishRecord(int relativeRecordEnd, int relativeNext, long lineAfter)
        {
            RecordLength = relativeRecordEnd;
            next = start + relativeNext;
            nextLine = lineAfter;
            if (relativeRecordEnd > maxRecordLength) MarkTooLong();
        }

        /// <summary>
        /// A record that ended within the read buffer's slack past the limit is over the limit all the same:
        /// report and cut it exactly like one the skip path finds, so the limit does not depend on buffering.
        /// </summary>
        private void MarkTooLong()
        {
            int keep = Math.Min(TruncatedRecordPrefix, RecordLength);
            truncatedRecord = new byte[keep];
            Buffer.BlockCopy(buffer, start, truncatedRecord, 0, keep);
            int unclosed = issues.FindIndex(i => i.Code == FindingCode.UnclosedQuote);
            var unclosedIssue = unclosed >= 0 ? issues[unclosed] : default;
            issues.Clear();
            issues.Add(new StructuralIssue(FindingCode.RecordTooLong, Line, -1, nextLine));
            if (unclosed >= 0) issues.Add(new StructuralIssue(FindingCode.UnclosedQuote, unclosedIssue.Line, -1, unclosedIssue.ResumeLine));
            IsTruncated = true;
            FieldCount = 0;
        }

        /// <summary>
        /// After <see cref="EnsureAvailable"/> said no: true when the buffer is full rather than the stream at its end.
        /// The record then fills the whole buffer, so it is over the limit; treating this as the end of the stream
        /// would end the record mid-line and read its rest as further rows.
        /// </summary>
        private bool BufferFull() => !eof;

        /// <summary>
        /// Makes <paramref name="count"/> bytes from relative position <paramref name="p"/> available if the
        /// stream has them, moving the current record to the front of the buffer before reading more.
        /// </summary>
        private bool EnsureAvailable(int p, int count)
        {
            while (start + p + count > end)
            {
                if (eof) return false;
                if (start > 0)
                {
                    int length = end - start;
                    Buffer.BlockCopy(buffer, start, buffer, 0, length);
                    next -= start;
                    end = length;
                    start = 0;
                }

                if (end == buffer.Length) return false;
                deferredFailure?.Throw();
                int read = stream.Read(buffer, end, buffer.Length - end);
                if (read == 0)
                {
                    eof = true;
                    return start + p + count <= end;
                }

                bytesFromStream += read;
                end += read;
            }

            return true;
        }
    }
}
