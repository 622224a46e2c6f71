namespace OfflineData.Core.Matching
{
    /// <summary>How an offline row was tied to online data (DOMAIN.md §2).</summary>
    public enum MatchOutcome
    {
        /// <summary>Credited to the visitor and snapshot of a recorded online transaction.</summary>
        TransactionId = 1,
        /// <summary>Credited to the online visitor whose ID equals the row's Customer ID.</summary>
        CustomerId = 2,
        /// <summary>Kept and counted as summary data without visitor credit; the reason says why.</summary>
        Unattributed = 3,
    }
}
