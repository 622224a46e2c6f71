namespace OfflineData.Core.Matching
{
    /// <summary>
    /// Why a row got its outcome. <see cref="MatchResult.Reason"/> explains the outcome;
    /// <see cref="MatchResult.TransactionReason"/> always says what became of the transaction ID.
    /// </summary>
    public enum MatchReason
    {
        /// <summary>The transaction ID was recorded and the offline time lies within the window after it.</summary>
        TransactionMatched = 1,
        /// <summary>The Customer ID is a known online visitor.</summary>
        CustomerMatched = 2,
        /// <summary>The row carries no transaction ID in the transaction-ID column.</summary>
        NoTransactionId = 10,
        /// <summary>Transaction ID recording is off (or was never switched on) for the report suite at import time.</summary>
        RecordingDisabled = 11,
        /// <summary>The transaction ID was never recorded online for the report suite.</summary>
        TransactionUnknown = 12,
        /// <summary>The offline time lies more than the expiration window after the online transaction.</summary>
        TransactionExpired = 13,
        /// <summary>The offline time lies before the online transaction.</summary>
        OfflineBeforeOnline = 14,
        /// <summary>The Customer ID is not a known online visitor (and no transaction matched).</summary>
        CustomerUnknown = 20,
    }
}
