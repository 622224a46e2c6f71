using OfflineData.Core.Findings;

namespace OfflineData.Core.Reading
{
    /// <summary>A problem the tokenizer found in the shape of a record (quotes, sizes).</summary>
    internal readonly struct StructuralIssue
    {
        public StructuralIssue(FindingCode code, long line, int fieldIndex, long resumeLine = 0)
        {
            Code = code;
            Line = line;
            FieldIndex = fieldIndex;
            ResumeLine = resumeLine;
        }

        public FindingCode Code { get; }

        /// <summary>The physical line the problem starts on.</summary>
        public long Line { get; }

        /// <summary>0-based field index, or -1 for the whole record.</summary>
        public int FieldIndex { get; }

        /// <summary>For an unclosed quote or a record too long: the line reading resumed on after the row, or 0 when the row ran to the end of the input.</summary>
        public long ResumeLine { get; }
    }
}
