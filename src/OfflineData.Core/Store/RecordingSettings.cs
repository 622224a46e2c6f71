using System;

namespace OfflineData.Core.Store
{
    /// <summary>
    /// Transaction ID recording of one report suite: whether it is on, the expiration window and since when —
    /// what the "Manage" tab of the seed shows.
    /// </summary>
    public sealed class RecordingSettings
    {
        /// <summary>The default expiration window in days.</summary>
        public const int DefaultExpirationDays = 90;

        /// <summary>The shortest expiration window in days.</summary>
        public const int MinExpirationDays = 1;

        /// <summary>The longest expiration window in days (two years).</summary>
        public const int MaxExpirationDays = 730;

        /// <summary>Creates the settings of a report suite, read from <paramref name="store"/> (its location).</summary>
        public RecordingSettings(string reportSuite, bool enabled, int expirationDays, DateTimeOffset? enabledSince, DateTimeOffset updatedAt, long recordedTransactions, long knownVisitors, string store = "")
        {
            Store = store ?? string.Empty;
            ReportSuite = reportSuite;
            Enabled = enabled;
            ExpirationDays = expirationDays;
            EnabledSince = enabledSince;
            UpdatedAt = updatedAt;
            RecordedTransactions = recordedTransactions;
            KnownVisitors = knownVisitors;
        }

        /// <summary>The report suite ID.</summary>
        public string ReportSuite { get; }

        /// <summary>Whether online transaction IDs are recorded now.</summary>
        public bool Enabled { get; }

        /// <summary>How many days after the online transaction an offline row can still be tied to it.</summary>
        public int ExpirationDays { get; }

        /// <summary>When recording was last switched on (UTC — a DateTimeOffset with offset +00:00, so Format-List, Export-Csv and ConvertTo-Json all show the zone), or null if it is off.</summary>
        public DateTimeOffset? EnabledSince { get; }

        /// <summary>When the settings last changed (UTC, offset +00:00).</summary>
        public DateTimeOffset UpdatedAt { get; }

        /// <summary>How many online transactions are recorded for the report suite.</summary>
        public long RecordedTransactions { get; }

        /// <summary>How many distinct online visitor IDs are known for the report suite.</summary>
        public long KnownVisitors { get; }

        /// <summary>
        /// The store these settings came from (for SQLite the full path of the store file): store cmdlets bind their
        /// -Store parameter from it, so piping the settings to Set-TransactionIdRecording changes the same store.
        /// </summary>
        public string Store { get; }

        /// <summary>The expiration window as a time span.</summary>
        public TimeSpan Window => TimeSpan.FromDays(ExpirationDays);
    }
}
