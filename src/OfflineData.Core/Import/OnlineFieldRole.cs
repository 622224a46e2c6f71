namespace OfflineData.Core.Import
{
    /// <summary>The role a column or property of online activity input plays.</summary>
    public enum OnlineFieldRole
    {
        /// <summary>When the activity happened.</summary>
        Timestamp,
        /// <summary>The online visitor ID.</summary>
        VisitorId,
        /// <summary>The transaction ID (optional).</summary>
        TransactionId,
        /// <summary>Any other column: a dimension of the visitor's state (campaign, channel, eVar...).</summary>
        State,
    }
}
