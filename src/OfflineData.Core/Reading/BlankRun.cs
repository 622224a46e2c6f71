namespace OfflineData.Core.Reading
{
    /// <summary>
    /// Consecutive blank lines not reported yet: their first and last line and how many of them are empty
    /// (the others hold only separators). Fixed size, so any number of blank lines costs no memory.
    /// </summary>
    internal struct BlankRun
    {
        /// <summary>The line of the first blank line of the run.</summary>
        public long First;

        /// <summary>The line of the last blank line of the run.</summary>
        public long Last;

        /// <summary>Blank lines in the run.</summary>
        public long Count;

        /// <summary>Of <see cref="Count"/>, the lines with nothing on them.</summary>
        public long Empty;

        /// <summary>Adds the blank line <paramref name="line"/>.</summary>
        public void Add(long line, bool empty)
        {
            if (Count == 0) First = line;
            Last = line;
            Count++;
            if (empty) Empty++;
        }
    }
}
