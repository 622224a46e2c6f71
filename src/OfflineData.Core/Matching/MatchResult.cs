using System;
using System.Collections.Generic;

namespace OfflineData.Core.Matching
{
    /// <summary>The outcome of matching one offline row, with its reason, credited visitor and state.</summary>
    public sealed class MatchResult
    {
        private static readonly IReadOnlyDictionary<string, string> NoState = new StateDictionary();

        /// <summary>Creates a match result.</summary>
        public MatchResult(
            MatchOutcome outcome,
            MatchReason reason,
            MatchReason transactionReason,
            string? transactionId,
            string? creditedVisitorId,
            DateTime? onlineTimestamp,
            IReadOnlyDictionary<string, string>? state,
            string detail)
        {
            OutcomeValue = outcome;
            ReasonValue = reason;
            TransactionReasonValue = transactionReason;
            TransactionId = transactionId;
            CreditedVisitorId = creditedVisitorId;
            OnlineTimestamp = onlineTimestamp;
            // A state whose text is its pairs, so Export-Csv writes it readably.
            State = state == null || state.Count == 0 ? NoState : state as StateDictionary ?? new StateDictionary(state);
            Detail = detail;
        }

        /// <summary>TransactionId, CustomerId or Unattributed (a string, so that ConvertTo-Json and Export-Csv write the name in both PowerShell editions).</summary>
        public string Outcome => OutcomeValue.ToString();

        /// <summary>The outcome, typed.</summary>
        internal MatchOutcome OutcomeValue { get; }

        /// <summary>The reason, typed.</summary>
        internal MatchReason ReasonValue { get; }

        /// <summary>The transaction ID's reason, typed.</summary>
        internal MatchReason TransactionReasonValue { get; }

        /// <summary>
        /// Why the row got <see cref="Outcome"/>: TransactionMatched, CustomerMatched, or for an unattributed row
        /// the transaction ID's problem (RecordingDisabled, TransactionUnknown, TransactionExpired, OfflineBeforeOnline)
        /// or CustomerUnknown when the row had no transaction ID.
        /// </summary>
        public string Reason => ReasonValue.ToString();

        /// <summary>What became of the transaction ID: TransactionMatched, NoTransactionId, RecordingDisabled, TransactionUnknown, TransactionExpired or OfflineBeforeOnline.</summary>
        public string TransactionReason => TransactionReasonValue.ToString();

        /// <summary>The transaction ID read from the row, or null.</summary>
        public string? TransactionId { get; }

        /// <summary>The online visitor credited with the row, or null when unattributed.</summary>
        public string? CreditedVisitorId { get; }

        /// <summary>When the matched online transaction happened, for a transaction match.</summary>
        public DateTime? OnlineTimestamp { get; }

        /// <summary>
        /// For a transaction match, the state the row is credited with: the transaction's snapshot, with the row's
        /// own value replacing the snapshot's wherever both have the same dimension (offline wins). Empty otherwise.
        /// </summary>
        public IReadOnlyDictionary<string, string> State { get; }

        /// <summary>One sentence a person understands, e.g. "transaction 'T1' expired: offline time is 91 days after ...".</summary>
        public string Detail { get; }

        /// <summary>The outcome, reason and detail in one line (what Export-Csv writes for a row's Match).</summary>
        public override string ToString() => string.IsNullOrEmpty(Detail) ? $"{Outcome} ({Reason})" : $"{Outcome} ({Reason}): {Detail}";
    }
}
