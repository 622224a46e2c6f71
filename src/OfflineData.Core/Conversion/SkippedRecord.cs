namespace OfflineData.Core.Conversion
{
    /// <summary>A source record that ran past the record limit: the parser saw its start only, the rest was dropped unread.</summary>
    internal sealed class SkippedRecord
    {
        public SkippedRecord(long end, long length, long droppedLineBreaks, bool runsToEnd, bool unclosedQuote, bool endsInLineBreak)
        {
            End = end;
            Length = length;
            DroppedLineBreaks = droppedLineBreaks;
            RunsToEnd = runsToEnd;
            UnclosedQuote = unclosedQuote;
            EndsInLineBreak = endsInLineBreak;
        }

        /// <summary>The parser's character count just after the end given for the record.</summary>
        public long End { get; }

        /// <summary>The record's whole length in characters, its line end not counted.</summary>
        public long Length { get; }

        /// <summary>Line breaks inside quotes in the dropped part: the record ends that many lines after the line the parser saw it end on.</summary>
        public long DroppedLineBreaks { get; }

        /// <summary>Whether the source (or zip entry) ended inside the record.</summary>
        public bool RunsToEnd { get; }

        /// <summary>Whether it ended inside a quoted field: the quote was never closed.</summary>
        public bool UnclosedQuote { get; }

        /// <summary>Whether the source's last character, inside the record, was a line break (so its last line is the one before).</summary>
        public bool EndsInLineBreak { get; }
    }
}
