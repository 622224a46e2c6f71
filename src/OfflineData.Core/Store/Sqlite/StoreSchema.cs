using System;
using Microsoft.Data.Sqlite;

namespace OfflineData.Core.Store.Sqlite
{
    /// <summary>
    /// The store's schema and its ordered migrations. <c>PRAGMA user_version</c> holds the version a store is at;
    /// opening runs every later migration in order, each in its own transaction, so a later release opens an
    /// older store. Migrations are only ever appended, never edited.
    /// </summary>
    internal static class StoreSchema
    {
        /// <summary>The version this release writes.</summary>
        public const int CurrentVersion = 7;

        private static readonly string[] Migrations =
        {
            // 1: report suites and their recording settings, online transactions and visitors, the import ledger, offline rows.
            @"
CREATE TABLE report_suite (
    id TEXT NOT NULL PRIMARY KEY,
    recording_enabled INTEGER NOT NULL,
    expiration_days INTEGER NOT NULL,
    enabled_since TEXT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE online_transaction (
    report_suite TEXT NOT NULL,
    transaction_id TEXT NOT NULL,
    visitor_id TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    state TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    duplicate_count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (report_suite, transaction_id)
) WITHOUT ROWID;
CREATE TABLE visitor (
    report_suite TEXT NOT NULL,
    visitor_id TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    PRIMARY KEY (report_suite, visitor_id)
) WITHOUT ROWID;
CREATE TABLE import (
    id INTEGER PRIMARY KEY,
    report_suite TEXT NOT NULL,
    file_name TEXT NOT NULL,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT NULL,
    status TEXT NOT NULL,
    rows INTEGER NOT NULL DEFAULT 0,
    imported INTEGER NOT NULL DEFAULT 0,
    matched_transaction INTEGER NOT NULL DEFAULT 0,
    matched_customer INTEGER NOT NULL DEFAULT 0,
    unattributed INTEGER NOT NULL DEFAULT 0,
    unattributed_by_reason TEXT NOT NULL DEFAULT '{}',
    rejected INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    warnings INTEGER NOT NULL DEFAULT 0,
    revenue TEXT NOT NULL DEFAULT '0',
    distinct_customers INTEGER NOT NULL DEFAULT 0,
    quarantine_path TEXT NULL,
    superseded_by INTEGER NULL,
    message TEXT NULL
);
CREATE INDEX import_content ON import (report_suite, sha256, status);
CREATE TABLE offline_row (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES import (id),
    report_suite TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    event_type INTEGER NOT NULL,
    category TEXT NULL,
    event_name TEXT NOT NULL,
    num1 TEXT NOT NULL,
    num2 TEXT NOT NULL,
    var1 TEXT NULL, var2 TEXT NULL, var3 TEXT NULL, var4 TEXT NULL, var5 TEXT NULL,
    attr1 TEXT NULL, attr2 TEXT NULL, attr3 TEXT NULL, attr4 TEXT NULL, attr5 TEXT NULL,
    attr6 TEXT NULL, attr7 TEXT NULL, attr8 TEXT NULL, attr9 TEXT NULL, attr10 TEXT NULL,
    transaction_attributes TEXT NOT NULL DEFAULT '[]',
    entry TEXT NULL,
    line INTEGER NOT NULL,
    row_index INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    reason TEXT NOT NULL,
    transaction_reason TEXT NOT NULL,
    transaction_id TEXT NULL,
    credited_visitor TEXT NULL,
    online_time TEXT NULL,
    state TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX offline_row_time ON offline_row (report_suite, occurred_at);
CREATE INDEX offline_row_import ON offline_row (import_id);
",
            // 2: the ledger names the transaction-ID column an import used; queries by customer and transaction ID get indexes.
            @"
ALTER TABLE import ADD COLUMN transaction_id_column TEXT NOT NULL DEFAULT 'EventTransaction Attr1';
CREATE INDEX offline_row_customer ON offline_row (customer_id);
CREATE INDEX offline_row_transaction ON offline_row (transaction_id);
",
            // 3: offline rows stored compactly, for import speed (docs/performance.md): times as the number yyyyMMddHHmmss
            // (sorts in time order like the text did; 6 bytes instead of 19, in the row and in the time index), outcome
            // and reasons as the enums' fixed numbers (MatchOutcome, MatchReason) instead of their names, and the
            // transaction-ID index only over rows that have one (a query by transaction ID never asks for NULL).
            // The table is rebuilt (SQLite cannot change a column's type); the conversions also accept a value that is
            // already a number, so a row converted once converts to itself.
            @"
CREATE TABLE offline_row_v3 (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES import (id),
    report_suite TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,
    customer_id TEXT NOT NULL,
    event_type INTEGER NOT NULL,
    category TEXT NULL,
    event_name TEXT NOT NULL,
    num1 TEXT NOT NULL,
    num2 TEXT NOT NULL,
    var1 TEXT NULL, var2 TEXT NULL, var3 TEXT NULL, var4 TEXT NULL, var5 TEXT NULL,
    attr1 TEXT NULL, attr2 TEXT NULL, attr3 TEXT NULL, attr4 TEXT NULL, attr5 TEXT NULL,
    attr6 TEXT NULL, attr7 TEXT NULL, attr8 TEXT NULL, attr9 TEXT NULL, attr10 TEXT NULL,
    transaction_attributes TEXT NOT NULL DEFAULT '[]',
    entry TEXT NULL,
    line INTEGER NOT NULL,
    row_index INTEGER NOT NULL,
    outcome INTEGER NOT NULL,
    reason INTEGER NOT NULL,
    transaction_reason INTEGER NOT NULL,
    transaction_id TEXT NULL,
    credited_visitor TEXT NULL,
    online_time INTEGER NULL,
    state TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO offline_row_v3
SELECT id, import_id, report_suite, CAST(replace(replace(replace(occurred_at, '-', ''), ' ', ''), ':', '') AS INTEGER),
    customer_id, event_type, category, event_name, num1, num2,
    var1, var2, var3, var4, var5, attr1, attr2, attr3, attr4, attr5, attr6, attr7, attr8, attr9, attr10,
    transaction_attributes, entry, line, row_index,
    CASE outcome WHEN 'TransactionId' THEN 1 WHEN 'CustomerId' THEN 2 WHEN 'Unattributed' THEN 3 ELSE CAST(outcome AS INTEGER) END,
    CASE reason WHEN 'TransactionMatched' THEN 1 WHEN 'CustomerMatched' THEN 2 WHEN 'NoTransactionId' THEN 10 WHEN 'RecordingDisabled' THEN 11
        WHEN 'TransactionUnknown' THEN 12 WHEN 'TransactionExpired' THEN 13 WHEN 'OfflineBeforeOnline' THEN 14 WHEN 'CustomerUnknown' THEN 20
        ELSE CAST(reason AS INTEGER) END,
    CASE transaction_reason WHEN 'TransactionMatched' THEN 1 WHEN 'CustomerMatched' THEN 2 WHEN 'NoTransactionId' THEN 10 WHEN 'RecordingDisabled' THEN 11
        WHEN 'TransactionUnknown' THEN 12 WHEN 'TransactionExpired' THEN 13 WHEN 'OfflineBeforeOnline' THEN 14 WHEN 'CustomerUnknown' THEN 20
        ELSE CAST(transaction_reason AS INTEGER) END,
    transaction_id, credited_visitor,
    CAST(replace(replace(replace(online_time, '-', ''), ' ', ''), ':', '') AS INTEGER),
    state
FROM offline_row ORDER BY id;
DROP TABLE offline_row;
ALTER TABLE offline_row_v3 RENAME TO offline_row;
CREATE INDEX offline_row_time ON offline_row (report_suite, occurred_at);
CREATE INDEX offline_row_import ON offline_row (import_id);
CREATE INDEX offline_row_customer ON offline_row (customer_id);
CREATE INDEX offline_row_transaction ON offline_row (transaction_id) WHERE transaction_id IS NOT NULL;
",
            // 4: the delivery ledger (Send-OfflineDataFile, Get-OfflineDataDelivery): which content went to which
            // destination, under which remote name, and how it ended. Times as the import ledger's (UTC ISO 8601 text),
            // status as the DeliveryStatus number. delivery_content answers "was this content sent there?" (the newest
            // first within it); delivery_started the newest-first listing and -After/-Before.
            @"
CREATE TABLE delivery (
    id INTEGER PRIMARY KEY,
    destination TEXT NOT NULL,
    source_path TEXT NOT NULL,
    file_name TEXT NOT NULL,
    remote_name TEXT NOT NULL,
    marker_name TEXT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT NULL,
    status INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    message TEXT NULL
);
CREATE INDEX delivery_content ON delivery (destination, sha256, started_at);
CREATE INDEX delivery_started ON delivery (started_at);
",
            // 5: the export ledger (Export-OfflineData): which batch of which history export is written.
            ExportLedgerSchema.Sqlite,
            // 6: the consent list (Import-OfflineDataConsent, Get-OfflineDataConsent; suppression in exports and deliveries).
            ConsentSchema.Sqlite,
            // 7: how many rows consent suppression held back, per exported batch and per delivery.
            SuppressedRowsSchema.Sqlite,
        };

        /// <summary>The version a store is at (0 = empty file).</summary>
        public static int GetVersion(SqliteConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version;";
            return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>
        /// Brings the store up to <paramref name="targetVersion"/> (default: current). Each migration runs in a
        /// write transaction that re-reads the version first, so two processes opening a new store at once do not
        /// both migrate it.
        /// </summary>
        /// <exception cref="StoreException">The store was written by a newer release.</exception>
        public static void Migrate(SqliteConnection connection, string location, int targetVersion = CurrentVersion)
        {
            while (true)
            {
                int version = GetVersion(connection);
                if (version > CurrentVersion)
                {
                    throw new StoreException($"The store '{location}' has schema version {version}, newer than this release of OfflineData understands ({CurrentVersion}). Update the OfflineData module.", StoreFailureKind.SchemaTooNew);
                }

                if (version >= targetVersion) return;

                using var transaction = connection.BeginTransaction(deferred: false);
                version = GetVersion(connection);
                if (version < targetVersion)
                {
                    using var command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = Migrations[version] + $"PRAGMA user_version = {version + 1};";
                    command.ExecuteNonQuery();
                }

                transaction.Commit();
            }
        }
    }
}
