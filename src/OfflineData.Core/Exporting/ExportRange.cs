using System;
using System.Globalization;

namespace OfflineData.Core.Exporting
{
    /// <summary>
    /// The range rule of a history export (seed 003: a From/To range that cannot exceed five years). The range is
    /// half-open: rows at or after From and before To. "Five years" is calendar years: To may be at most
    /// <c>From.AddYears(5)</c>, so 2020-01-01 to 2025-01-01 is allowed (exactly five years), one day more is not; from a
    /// leap day, AddYears lands on 28 February (2020-02-29 to 2025-02-28 is the longest range).
    /// </summary>
    public static class ExportRange
    {
        /// <summary>The longest range in calendar years.</summary>
        public const int MaxYears = 5;

        /// <summary>Error ID of a range longer than five years.</summary>
        public const string TooLongId = "ExportRangeTooLong";

        /// <summary>Error ID of a To at or before From.</summary>
        public const string EmptyId = "ExportRangeEmpty";

        /// <summary>The latest To allowed for <paramref name="from"/>.</summary>
        public static DateTime LatestTo(DateTime from) => from.AddYears(MaxYears);

        /// <summary>Throws an <see cref="ExportException"/> naming both dates when the range is empty or too long.</summary>
        public static void Check(DateTime from, DateTime to)
        {
            string range = Text(from) + " to " + Text(to);
            if (to <= from)
            {
                throw new ExportException(EmptyId, $"-To ({Text(to)}) must be after -From ({Text(from)}): the range holds rows at or after From and before To.", range);
            }

            var latest = LatestTo(from);
            if (to > latest)
            {
                throw new ExportException(TooLongId, $"The range {Text(from)} to {Text(to)} is longer than {MaxYears} years: for -From {Text(from)}, -To may be at most {Text(latest)}. Export the history in several runs of at most {MaxYears} years.", range);
            }
        }

        /// <summary>A time as the messages show it: the date alone at midnight, else date and time.</summary>
        public static string Text(DateTime value) =>
            value.ToString(value.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }
}
