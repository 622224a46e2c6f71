namespace OfflineData.Core.Store
{
    /// <summary>
    /// Why a store operation failed, independent of the database behind the store: callers decide from this
    /// (retry later, fix the disk, update the module) and never from a driver's own exception type or error code.
    /// </summary>
    public enum StoreFailureKind
    {
        /// <summary>Anything not covered by another kind (an unexpected driver error).</summary>
        Other = 0,

        /// <summary>The store cannot be opened or written: missing folder, no permission, read-only, not a store.</summary>
        Unavailable,

        /// <summary>Another process holds the store's lock longer than the wait limit.</summary>
        Busy,

        /// <summary>The store was written by a newer release of OfflineData, whose schema this release does not understand.</summary>
        SchemaTooNew,

        /// <summary>A constraint of the store refused the data.</summary>
        Constraint,

        /// <summary>The disk or the store's data failed: an I/O error, a full disk, a damaged store, tables missing.</summary>
        IO,
        /// <summary>The store's database refused the login's rights (e.g. no right to create the schema or to write a table).</summary>
        PermissionDenied,
    }
}
