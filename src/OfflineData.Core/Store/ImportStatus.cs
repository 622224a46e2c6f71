namespace OfflineData.Core.Store
{
    /// <summary>The state of an import ledger entry.</summary>
    public enum ImportStatus
    {
        /// <summary>All of the file's valid rows are in the store.</summary>
        Completed = 1,
        /// <summary>Imported once, then replaced by a forced re-import of the same content; its rows were removed.</summary>
        Superseded = 2,
        /// <summary>The import stopped with an error; none of its rows are in the store.</summary>
        Failed = 3,
    }
}
