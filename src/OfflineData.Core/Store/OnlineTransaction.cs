using System;
using System.Collections.Generic;

namespace OfflineData.Core.Store
{
    /// <summary>
    /// A recorded online transaction: the first occurrence of its ID, with the visitor and the snapshot of
    /// the visitor's state at that moment. The snapshot never changes once recorded.
    /// </summary>
    public sealed class OnlineTransaction
    {
        /// <summary>Creates a recorded transaction.</summary>
        public OnlineTransaction(string reportSuite, string transactionId, string visitorId, DateTime timestamp, IReadOnlyDictionary<string, string> state, DateTimeOffset recordedAt, long duplicateCount)
        {
            ReportSuite = reportSuite;
            TransactionId = transactionId;
            VisitorId = visitorId;
            Timestamp = timestamp;
            State = state;
            RecordedAt = recordedAt;
            DuplicateCount = duplicateCount;
        }

        /// <summary>The report suite it was recorded in.</summary>
        public string ReportSuite { get; }

        /// <summary>The transaction ID (at most 100 UTF-8 bytes).</summary>
        public string TransactionId { get; }

        /// <summary>The online visitor the transaction belongs to.</summary>
        public string VisitorId { get; }

        /// <summary>When the online transaction happened (local time, no zone).</summary>
        public DateTime Timestamp { get; }

        /// <summary>The visitor's state at <see cref="Timestamp"/>: the snapshot offline rows are credited with.</summary>
        public IReadOnlyDictionary<string, string> State { get; }

        /// <summary>When it was recorded in the store (UTC, offset +00:00).</summary>
        public DateTimeOffset RecordedAt { get; }

        /// <summary>How many later rows carried the same ID and were not applied.</summary>
        public long DuplicateCount { get; }
    }
}
