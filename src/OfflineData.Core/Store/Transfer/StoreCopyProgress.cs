namespace OfflineData.Core.Store.Transfer
{
    /// <summary>Where a copy is: told after every batch written.</summary>
    internal readonly struct StoreCopyProgress
    {
        public StoreCopyProgress(StoreContentTable table, long done, long total)
        {
            Table = table;
            Done = done;
            Total = total;
        }

        /// <summary>The table being copied.</summary>
        public StoreContentTable Table { get; }

        /// <summary>Items of the table in the destination so far (copied or already there).</summary>
        public long Done { get; }

        /// <summary>Items of the table in the source.</summary>
        public long Total { get; }
    }
}
