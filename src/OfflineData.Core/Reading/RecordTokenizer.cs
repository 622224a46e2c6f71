using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
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
    /// This file holds the state, the record API and the fast path for a record without quotes;
    /// RecordTokenizer.Fields.cs splits records field by field (quotes, recovery), RecordTokenizer.Overlong.cs
    /// skips records over the limit.
    /// </remarks>
    internal sealed partial class RecordTokenizer
    {
        private const byte QuoteByte = (byte)'"';
        private const byte Lf = (byte)'\n';
        private const byte Cr = (byte)'\r';

        /// <summary>How much of a record that is too long is kept to show and quarantine.</summary>
        internal const int TruncatedRecordPrefix = 4096;

        private readonly Stream stream;
        private readonly int maxRecordLength;
        private readonly int maxFieldLength;
        private readonly byte[] buffer;
        private readonly byte delimiter;
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

        // delimiter: ';' for the offline data format; Convert passes its source's (',' tab '|'), so sources split by the same rules.
        public RecordTokenizer(Stream stream, int maxRecordLength, int maxFieldLength, byte delimiter = (byte)';')
        {
            this.stream = stream;
            this.delimiter = delimiter;
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

        /// <summary>
        /// The offset of the first byte of the record that is not valid UTF-8, or -1. An ASCII record is not looked at
        /// again; any other is checked by the runtime's strict decoder (vectorised on .NET Core), and only a record it
        /// rejects is searched byte by byte for where.
        /// </summary>
        public int IndexOfInvalidUtf8()
        {
            if (IsAscii) return -1;
            if (!IsTruncated)
            {
                try
                {
                    StrictUtf8.GetCharCount(buffer, start, RecordLength);
                    return -1;
                }
                catch (System.Text.DecoderFallbackException)
                {
                    // Invalid: find where below.
                }
            }

            return Utf8Validator.IndexOfInvalid(Record);
        }

        private static readonly System.Text.UTF8Encoding StrictUtf8 = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true);

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
            if (TryReadPlainRecord()) return true;

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

        /// <summary>
        /// The fast path, for nearly every record: when the buffer holds the record's line end and no quote comes
        /// before it, the record is that line, and its fields are cut at each separator found 8 bytes at a time
        /// (SWAR), with no per-field search call; whether it is all ASCII is learnt on the way, which spares the
        /// UTF-8 check. Anything else (a quote, a line end not yet read, a record near the limit) goes the general
        /// way, from the record's start, so both paths give the same fields.
        /// </summary>
        [MethodImpl(FullyOptimized)]
        private bool TryReadPlainRecord()
        {
            var bytes = buffer;
            int available = end - start;
            int lineEnd = new ReadOnlySpan<byte>(bytes, start, available).IndexOfAny(Lf, QuoteByte);
            if (lineEnd < 0) return false;
            if (bytes[start + lineEnd] != Lf) return TryReadQuotedLine(available);
            if (lineEnd > maxRecordLength) return false;

            int length = lineEnd > 0 && bytes[start + lineEnd - 1] == Cr ? lineEnd - 1 : lineEnd;
            ulong pattern = SwarOnes * delimiter;
            ulong seen = 0;
            int fieldStart = 0;
            int count = 0;
            int i = 0;
            int[] starts = fieldStarts, lengths = fieldLengths;
            ref byte origin = ref bytes[start];
            if (BitConverter.IsLittleEndian)
            {
                for (; i + 8 <= length; i += 8)
                {
                    ulong word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref origin, i));
                    seen |= word;
                    ulong x = word ^ pattern;
                    // High bit of each byte set where the byte equals the delimiter (exact: no borrow between bytes).
                    ulong hits = ~(((x & SwarLow7) + SwarLow7) | x) & SwarHigh;
                    while (hits != 0)
                    {
                        int at = i + (TrailingZeroCount(hits) >> 3);
                        if (count == starts.Length) GrowFields(ref starts, ref lengths);
                        starts[count] = fieldStart;
                        lengths[count] = at - fieldStart;
                        count++;
                        fieldStart = at + 1;
                        hits &= hits - 1;
                    }
                }
            }

            for (; i < length; i++)
            {
                byte c = Unsafe.Add(ref origin, i);
                seen |= c;
                if (c == delimiter)
                {
                    if (count == starts.Length) GrowFields(ref starts, ref lengths);
                    starts[count] = fieldStart;
                    lengths[count] = i - fieldStart;
                    count++;
                    fieldStart = i + 1;
                }
            }

            if (count == starts.Length) GrowFields(ref starts, ref lengths);
            starts[count] = fieldStart;
            lengths[count] = length - fieldStart;
            count++;
            Array.Clear(fieldFlags, 0, count);
            FieldCount = count;
            for (int f = 0; f < count; f++)
            {
                if (lengths[f] > maxFieldLength) issues.Add(new StructuralIssue(FindingCode.FieldTooLong, Line, f));
            }

            IsAscii = (seen & SwarHigh) == 0;
            FinishRecord(length, lineEnd + 1, Line + 1);
            return true;
        }

        /// <summary>
        /// The fast path for a record with quotes that is one line: every quoted field closes on the line, followed by
        /// a separator or the line end, and no other field holds a quote. A quoted line break, a stray quote or any
        /// other doubt leaves the record to the general path (nothing is kept from this attempt).
        /// </summary>
        [MethodImpl(FullyOptimized)]
        private bool TryReadQuotedLine(int available)
        {
            var bytes = buffer;
            int lineEnd = new ReadOnlySpan<byte>(bytes, start, available).IndexOf(Lf);
            if (lineEnd < 0 || lineEnd > maxRecordLength) return false;
            int length = lineEnd > 0 && bytes[start + lineEnd - 1] == Cr ? lineEnd - 1 : lineEnd;
            var record = new ReadOnlySpan<byte>(bytes, start, length);
            FieldCount = 0;
            int p = 0;
            while (true)
            {
                if (p < length && record[p] == QuoteByte)
                {
                    byte flags = FlagQuoted;
                    int q = p + 1;
                    while (true)
                    {
                        int k = record.Slice(q).IndexOf(QuoteByte);
                        if (k < 0) return Abandon(); // closes on a later line, or never
                        q += k;
                        if (q + 1 < length && record[q + 1] == QuoteByte)
                        {
                            flags |= FlagEscapedQuotes;
                            q += 2;
                            continue;
                        }

                        break;
                    }

                    AddField(p + 1, q - p - 1, flags);
                    int after = q + 1;
                    if (after == length) break;
                    if (record[after] != delimiter) return Abandon(); // text after the closing quote
                    p = after + 1;
                    continue;
                }

                int end = record.Slice(p).IndexOfAny(delimiter, QuoteByte);
                if (end >= 0 && record[p + end] == QuoteByte) return Abandon(); // a stray quote
                int fieldEnd = end < 0 ? length : p + end;
                AddField(p, fieldEnd - p, 0);
                if (end < 0) break;
                p = fieldEnd + 1;
            }

            for (int f = 0; f < FieldCount; f++)
            {
                if (fieldLengths[f] > maxFieldLength) issues.Add(new StructuralIssue(FindingCode.FieldTooLong, Line, f));
            }

            FinishRecord(length, lineEnd + 1, Line + 1);
            return true;
        }

        private bool Abandon()
        {
            FieldCount = 0;
            return false;
        }

        private void GrowFields(ref int[] starts, ref int[] lengths)
        {
            Array.Resize(ref fieldStarts, fieldStarts.Length * 2);
            Array.Resize(ref fieldLengths, fieldLengths.Length * 2);
            Array.Resize(ref fieldFlags, fieldFlags.Length * 2);
            starts = fieldStarts;
            lengths = fieldLengths;
        }

        /// <summary>
        /// MethodImplOptions.AggressiveOptimization (.NET Core 3.0+; netstandard2.0 lacks the name, older runtimes ignore
        /// it): the word-at-a-time loops are compiled optimised at once. Unoptimised (tier-0) code calls every Unsafe
        /// helper instead of inlining it, which made the first ~100,000 rows of a cold run several times slower.
        /// </summary>
        internal const MethodImplOptions FullyOptimized = (MethodImplOptions)512;

        private const ulong SwarOnes = 0x0101010101010101UL;
        private const ulong SwarLow7 = 0x7F7F7F7F7F7F7F7FUL;
        private const ulong SwarHigh = 0x8080808080808080UL;

        private static ReadOnlySpan<byte> DeBruijnPositions => new byte[]
        {
            0, 1, 48, 2, 57, 49, 28, 3, 61, 58, 50, 42, 38, 29, 17, 4, 62, 55, 59, 36, 53, 51, 43, 22, 45, 39, 33, 30, 24, 18, 12, 5,
            63, 47, 56, 27, 60, 41, 37, 16, 54, 35, 52, 21, 44, 32, 23, 11, 46, 26, 40, 15, 34, 20, 31, 10, 25, 14, 19, 9, 13, 8, 7, 6,
        };

        /// <summary>The index of the lowest set bit of a non-zero value (netstandard2.0 has no BitOperations).</summary>
        private static int TrailingZeroCount(ulong value) => DeBruijnPositions[(int)(((value & (0UL - value)) * 0x03F79D71B4CB0A89UL) >> 58)];

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
