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

        public static string Utc(DateTime value) => value.ToUniversalTime().ToString(UtcFormat, CultureInfo.InvariantCulture);

        public static string Utc(DateTimeOffset value) => value.UtcDateTime.ToString(UtcFormat, CultureInfo.InvariantCulture);

        public static DateTimeOffset ParseUtc(string text) => new DateTimeOffset(DateTime.ParseExact(text, UtcFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);
    }
}
