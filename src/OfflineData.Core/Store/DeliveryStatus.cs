namespace OfflineData.Core.Store
{
    /// <summary>The state of a delivery ledger entry.</summary>
    public enum DeliveryStatus
    {
        /// <summary>The upload began and has not ended: still running, or the run was killed (the next run sends the file again, replacing any temporary file).</summary>
        Started = 1,

        /// <summary>The file is complete under its final remote name (and its marker, if one was asked for, is there too).</summary>
        Sent = 2,

        /// <summary>The delivery stopped with an error; nothing is under the final remote name.</summary>
        Failed = 3,
    }
}
