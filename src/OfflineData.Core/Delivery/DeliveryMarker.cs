namespace OfflineData.Core.Delivery
{
    /// <summary>Which marker file follows each data file once it is complete under its final name.</summary>
    public enum DeliveryMarker
    {
        /// <summary>No marker.</summary>
        None,

        /// <summary>
        /// An empty <c>&lt;basename&gt;.fin</c> (Adobe Data Sources): uploaded only after the data file is complete; with it
        /// files go in name order, and each waits while the remote folder holds too much unprocessed data.
        /// </summary>
        Fin,
    }
}
