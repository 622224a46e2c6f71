using System;
using OfflineData.Core.Matching;

namespace OfflineData.Core.Store
{
    /// <summary>Filters for reading stored offline rows; every set filter must hold. Results come newest first.</summary>
    public sealed class OfflineRowQuery
    {
        /// <summary>Report suite ID, with * and ? wildcards (case-sensitive).</summary>
        public string? ReportSuite { get; set; }

        /// <summary>Only rows whose offline time is at or after this time.</summary>
        public DateTime? From { get; set; }

        /// <summary>Only rows whose offline time is at or before this time.</summary>
        public DateTime? To { get; set; }

        /// <summary>Customer ID, with * and ? wildcards.</summary>
        public string? CustomerId { get; set; }

        /// <summary>Transaction ID, with * and ? wildcards.</summary>
        public string? TransactionId { get; set; }

        /// <summary>Only rows with this outcome.</summary>
        public MatchOutcome? Outcome { get; set; }

        /// <summary>Only rows with this reason; <see cref="Matching.MatchReason.NoTransactionId"/> selects rows by their transaction reason.</summary>
        public MatchReason? Reason { get; set; }

        /// <summary>Only rows of this import (ledger ID).</summary>
        public long? ImportId { get; set; }

        /// <summary>Only the row with this ID in the store (<see cref="StoredOfflineRow.Id"/>).</summary>
        public long? RowId { get; set; }

        /// <summary>At most this many rows (null = all).</summary>
        public int? First { get; set; }
    }
}
