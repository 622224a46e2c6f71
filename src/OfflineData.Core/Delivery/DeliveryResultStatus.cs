namespace OfflineData.Core.Delivery
{
    /// <summary>How the delivery of one file ended.</summary>
    public enum DeliveryResultStatus
    {
        /// <summary>The file is complete under its final remote name (and its marker, if asked for).</summary>
        Sent,

        /// <summary>The same content went to the same destination before (the ledger says so): nothing was sent.</summary>
        Skipped,

        /// <summary>The file could not be delivered; nothing is under its final remote name.</summary>
        Failed,

        /// <summary>A run killed after the upload had in fact completed: the remote file was found complete and recorded Sent, not sent again.</summary>
        Recovered,
    }
}
