using System;
using OfflineData.Core.Findings;

namespace OfflineData.Core.Reading
{
    /// <summary>The general path: fields read one by one, quotes followed, an unclosed quote recovered.</summary>
    internal sealed partial class RecordTokenizer
    {
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

                if (c == delimiter)
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
                if (c == delimiter || c == Lf || c == QuoteByte) return i;
            }

            if (head == available) return -1;
            int k = new ReadOnlySpan<byte>(bytes, absolute + head, available - head).IndexOfAny(delimiter, Lf, QuoteByte);
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
                if (after == delimiter)
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
            return quoted ? span[19] == QuoteByte && span[20] == delimiter : span[19] == delimiter;
        }
    }
}
