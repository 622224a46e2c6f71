using System;
using OfflineData.Core.Findings;

namespace OfflineData.Core.Reading
{
    /// <summary>Records over the length limit: cut to a prefix and skipped without being held.</summary>
    internal sealed partial class RecordTokenizer
    {
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
                int k = state == SkipState.Quoted ? chunk.IndexOfAny(QuoteByte, Lf) : chunk.IndexOfAny(delimiter, Lf);
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
                else if (c == delimiter)
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
    }
}
