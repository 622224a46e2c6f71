using System;
using System.Globalization;
using OfflineData.Core.Format;

namespace OfflineData.Core.Store
{
    /// <summary>
    /// How times are written to the store: event times as the file's local <c>yyyy-MM-dd HH:mm:ss</c>
    /// (text sorts in time order, no zone is invented), bookkeeping times as UTC ISO 8601, read back as a
    /// <see cref="DateTimeOffset"/> at +00:00 so that no output shows them without their zone.
    /// </summary>
    internal static class StoreTime
    {
        private const string UtcFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

        public static string Event(DateTime value) => value.ToString(OfflineDataSchema.TimestampFormat, CultureInfo.InvariantCulture);

        public static DateTime ParseEvent(string text) => DateTime.ParseExact(text, OfflineDataSchema.TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.None);

        /// <summary>
        /// An event time as the number yyyyMMddHHmmss (the SQLite store's offline rows): sorts in time order like the
        /// text, and is stored in 6 bytes instead of 19.
        /// </summary>
        public static long EventNumber(DateTime value) =>
            (((((value.Year * 100L) + value.Month) * 100 + value.Day) * 100 + value.Hour) * 100 + value.Minute) * 100 + value.Second;

        /// <summary>The event time an <see cref="EventNumber"/> stands for.</summary>
        public static DateTime FromEventNumber(long number) => new DateTime(
            (int)(number / 10_000_000_000), (int)(number / 100_000_000 % 100), (int)(number / 1_000_000 % 100),
            (int)(number / 10_000 % 100), (int)(number / 100 % 100), (int)(number % 100), DateTimeKind.Unspecified);

        public static string Utc(DateTime value) => value.ToUniversalTime().ToString(UtcFormat, CultureInfo.InvariantCulture);

        public static string Utc(DateTimeOffset value) => value.UtcDateTime.ToString(UtcFormat, CultureInfo.InvariantCulture);

        public static DateTimeOffset ParseUtc(string text) => new DateTimeOffset(DateTime.ParseExact(text, UtcFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);
    }
}
