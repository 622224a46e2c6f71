namespace OfflineData.Core.Store
{
    /// <summary>
    /// The export ledger's tables, one migration per store kind; kept here (not inline in the migration arrays) so the
    /// migration is one self-contained entry that can be renumbered when migrations of parallel work are merged.
    /// One row per written batch; an export is identified by its key (report suite, range, batching, format, folder).
    /// </summary>
    internal static class ExportLedgerSchema
    {
        /// <summary>Every column of export_batch, in the order the readers map them (suppressed_rows: <see cref="SuppressedRowsSchema"/>).</summary>
        public const string Columns = "export_key, batch, range_from, range_to, rows, files, bytes, last_occurred_at, last_row_id, written_at, suppressed_rows";

        /// <summary>SQLite: times as event text (yyyy-MM-dd HH:mm:ss) and UTC ISO 8601 text; files newline-separated.</summary>
        public const string Sqlite = @"
CREATE TABLE export_batch (
    export_key TEXT NOT NULL,
    batch INTEGER NOT NULL,
    range_from TEXT NOT NULL,
    range_to TEXT NOT NULL,
    rows INTEGER NOT NULL,
    files TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    last_occurred_at TEXT NULL,
    last_row_id INTEGER NULL,
    written_at TEXT NOT NULL,
    PRIMARY KEY (export_key, batch)
) WITHOUT ROWID;
";

        /// <summary>PostgreSQL: a small reference table like the other ledgers.</summary>
        public const string Postgres = @"
CREATE TABLE offlinedata.export_batch (
    export_key text COLLATE ""C"" NOT NULL,
    batch integer NOT NULL,
    range_from timestamp NOT NULL,
    range_to timestamp NOT NULL,
    rows bigint NOT NULL,
    files text NOT NULL,
    bytes bigint NOT NULL,
    last_occurred_at timestamp NULL,
    last_row_id bigint NULL,
    written_at timestamptz NOT NULL,
    PRIMARY KEY (export_key, batch)
);
";
    }
}
