namespace OfflineData.Core.Store.Transfer
{
    /// <summary>Why a copy was refused before anything was written.</summary>
    internal enum StoreCopyRefusal
    {
        /// <summary>Source and destination are the same store.</summary>
        SameStore,

        /// <summary>The destination holds content that is not a partial copy of the source, and -Force was not given.</summary>
        DestinationNotEmpty,

        /// <summary>The destination's ledger has an import the source does not have under the same ID: the IDs cannot both be kept.</summary>
        ImportConflict,

        /// <summary>The destination's delivery ledger has a delivery the source does not have under the same ID: the IDs cannot both be kept.</summary>
        DeliveryConflict,
    }
}
