namespace OfflineData.Core.Writing.AdobeDataSources
{
    /// <summary>Which Adobe Analytics Data Sources template a file follows.</summary>
    public enum AdobeTemplate
    {
        /// <summary>
        /// Transaction ID data source: <c>Date</c>, <c>transactionID</c> and the mapped columns; Adobe credits each row to
        /// the online visitor and state recorded with that transaction ID.
        /// </summary>
        TransactionId,

        /// <summary>Customer ID data source (the older template): <c>Date</c>, <c>VisitorID</c> and the mapped columns.</summary>
        CustomerId,
    }
}
