namespace OfflineData.Core.Conversion
{
    /// <summary>
    /// What to do with a source local time that occurs twice (the hour when clocks go back) when it must be
    /// converted to another time zone. Never guessed: the default rejects the row with its line.
    /// </summary>
    public enum AmbiguousTimeHandling
    {
        /// <summary>Reject the row (code 407, AmbiguousLocalTime).</summary>
        Reject,
        /// <summary>Take the first occurrence (still on daylight-saving time).</summary>
        Earlier,
        /// <summary>Take the second occurrence (already back on standard time).</summary>
        Later,
    }
}
