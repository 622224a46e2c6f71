using OfflineData.Core.Findings;
using OfflineData.Core.Reading;

namespace OfflineData.Core.Validation
{
    /// <summary>
    /// The duplicate-row rule across a whole file (every zip entry): an exact repeat of an earlier row's bytes is a
    /// warning. Memory is bounded by the capacity (<see cref="DuplicateRowDetector"/>); the first row the check can
    /// no longer remember says so, once.
    /// </summary>
    internal sealed class DuplicateRowRule
    {
        private readonly DuplicateRowDetector detector;
        private readonly int capacity;
        private bool limitReported;

        public DuplicateRowRule(int capacity)
        {
            this.capacity = capacity;
            detector = new DuplicateRowDetector(capacity);
        }

        /// <summary>Tells the check how many rows the file is likely to have (a hint: see <see cref="DuplicateRowDetector.ExpectRows"/>).</summary>
        public void ExpectRows(long rows) => detector.ExpectRows(rows);

        /// <summary>Checks the tokenizer's current data row, and remembers it.</summary>
        public void Check(RecordTokenizer t, long rowIndex, FindingCollector sink)
        {
            // Reported on the first row the check could not remember, not on the last one it did.
            bool wasFull = detector.IsFull;
            if (detector.SeenBefore(t.Record))
            {
                sink.Add(FindingCode.DuplicateRow, FindingMessages.DuplicateRow, t.Line, rowIndex, null, t.DecodeRecord());
            }
            else if (wasFull && !limitReported)
            {
                limitReported = true;
                sink.Add(FindingCode.DuplicateCheckLimited, FindingMessages.DuplicateCheckLimited(capacity), t.Line, rowIndex, null, null);
            }
        }
    }
}
