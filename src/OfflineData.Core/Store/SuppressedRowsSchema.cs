namespace OfflineData.Core.Store
{
    /// <summary>
    /// The migration that lets the export and delivery ledgers say how many rows consent suppression held back
    /// (issue 12): one self-contained entry per store kind, kept here so it can be renumbered when migrations of
    /// parallel work are merged. Entries written before it count 0 (nothing was suppressed then).
    /// </summary>
    internal static class SuppressedRowsSchema
    {
        /// <summary>SQLite: a column on each ledger (ADD COLUMN with a constant default is instant).</summary>
        public const string Sqlite = @"
ALTER TABLE export_batch ADD COLUMN suppressed_rows INTEGER NOT NULL DEFAULT 0;
ALTER TABLE delivery ADD COLUMN suppressed_rows INTEGER NOT NULL DEFAULT 0;
";

        /// <summary>PostgreSQL: the same (a constant default rewrites no row since PostgreSQL 11).</summary>
        public const string Postgres = @"
ALTER TABLE offlinedata.export_batch ADD COLUMN suppressed_rows bigint NOT NULL DEFAULT 0;
ALTER TABLE offlinedata.delivery ADD COLUMN suppressed_rows bigint NOT NULL DEFAULT 0;
";
    }
}
