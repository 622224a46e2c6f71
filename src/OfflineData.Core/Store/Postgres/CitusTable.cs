namespace OfflineData.Core.Store.Postgres
{
    /// <summary>
    /// How one table of the PostgreSQL store is meant to live on Citus: distributed by <see cref="DistributionColumn"/>
    /// (colocated with <see cref="ColocateWith"/> when set), or a reference table (copied to every node) when that is null.
    /// </summary>
    internal sealed class CitusTable
    {
        public CitusTable(string name, string? distributionColumn, string? colocateWith)
        {
            Name = name;
            DistributionColumn = distributionColumn;
            ColocateWith = colocateWith;
        }

        /// <summary>The table's name in the <c>offlinedata</c> schema.</summary>
        public string Name { get; }

        /// <summary>The distribution column, or null for a reference table.</summary>
        public string? DistributionColumn { get; }

        /// <summary>The distributed table whose shards this one shares (same column type and shard count), or null.</summary>
        public string? ColocateWith { get; }

        /// <summary>Whether the table is a reference table.</summary>
        public bool IsReference => DistributionColumn == null;
    }
}
