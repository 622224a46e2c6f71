using System;
using System.Collections.Generic;
using OfflineData.Core.Format;
using OfflineData.Core.Matching;

namespace OfflineData.Core.Store
{
    /// <summary>An offline row as stored: the record, its import, and how it was matched.</summary>
    public sealed class StoredOfflineRow
    {
        /// <summary>Creates a stored row of <paramref name="store"/> (its location).</summary>
        public StoredOfflineRow(long? id, long? importId, string reportSuite, OfflineDataRecord record, MatchResult match, string store = "")
        {
            Store = store ?? string.Empty;
            Id = id;
            ImportId = importId;
            ReportSuite = reportSuite;
            Record = record;
            Match = match;
        }

        /// <summary>The row's ID in the store, or null for a dry run.</summary>
        public long? Id { get; }

        /// <summary>The ledger ID of the import that stored it, or null for a dry run.</summary>
        public long? ImportId { get; }

        /// <summary>The report suite.</summary>
        public string ReportSuite { get; }

        /// <summary>The full offline record (all columns, source file, line).</summary>
        public OfflineDataRecord Record { get; }

        /// <summary>The full match result.</summary>
        public MatchResult Match { get; }

        /// <summary>The offline time.</summary>
        public DateTime Timestamp => Record.Timestamp;

        /// <summary>The row's Customer ID.</summary>
        public string CustomerId => Record.CustomerId;

        /// <summary>The event type code.</summary>
        public int EventType => Record.EventType;

        /// <summary>The event name (product code).</summary>
        public string EventName => Record.EventName;

        /// <summary>Num1 (amount).</summary>
        public decimal Num1 => Record.Num1;

        /// <summary>Num2 (total sales).</summary>
        public decimal Num2 => Record.Num2;

        /// <summary>TransactionId, CustomerId or Unattributed.</summary>
        public string Outcome => Match.Outcome;

        /// <summary>Why the row got its outcome.</summary>
        public string Reason => Match.Reason;

        /// <summary>The outcome, typed.</summary>
        internal MatchOutcome OutcomeValue => Match.OutcomeValue;

        /// <summary>The reason, typed.</summary>
        internal MatchReason ReasonValue => Match.ReasonValue;

        /// <summary>Why the row's transaction ID did or did not match (Match.TransactionReason), e.g. TransactionExpired.</summary>
        public string TransactionReason => Match.TransactionReason;

        /// <summary>The time of the credited online transaction (Match.OnlineTimestamp), or null.</summary>
        public DateTime? OnlineTimestamp => Match.OnlineTimestamp;

        /// <summary>The transaction ID read from the row, or null.</summary>
        public string? TransactionId => Match.TransactionId;

        /// <summary>The online visitor credited with the row, or null.</summary>
        public string? CreditedVisitorId => Match.CreditedVisitorId;

        /// <summary>The state the row is credited with (transaction matches).</summary>
        public IReadOnlyDictionary<string, string> State => Match.State;

        /// <summary>The file the row came from.</summary>
        public string? SourcePath => Record.Path;

        /// <summary>The physical line the row starts on in its file.</summary>
        public long Line => Record.Line;

        /// <summary>
        /// The store the row is in, or would be in for a dry run (for SQLite the full path of the store file): store
        /// cmdlets bind their -Store parameter from it.
        /// </summary>
        public string Store { get; }
    }
}
