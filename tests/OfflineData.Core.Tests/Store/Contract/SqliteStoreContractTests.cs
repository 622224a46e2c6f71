using Microsoft.Data.Sqlite;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Sqlite;
using OfflineData.Core.Tests.Infrastructure;

namespace OfflineData.Core.Tests.Store.Contract
{
    /// <summary>The store contract on the embedded SQLite store: one temporary file per test.</summary>
    public class SqliteStoreContractTests : StoreContractTests
    {
        private string StorePath => Dir.Combine("store.db");

        protected override IOfflineDataStore CreateStore() => SqliteOfflineDataStore.Open(StorePath, create: true);

        protected override IOfflineDataStore OpenAgain() => SqliteOfflineDataStore.Open(StorePath, create: false);

        protected override IOfflineDataStore OpenAgain(StoreOpenOptions options) => StoreFactory.Open(StorePath, options);

        protected override int CurrentSchemaVersion => StoreSchema.CurrentVersion;

        protected override void MarkSchemaNewer()
        {
            using var connection = Connect();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {StoreSchema.CurrentVersion + 1};";
            command.ExecuteNonQuery();
        }

        protected override void CreateStoreAtPreviousVersion()
        {
            using var connection = Connect();
            StoreSchema.Migrate(connection, StorePath, targetVersion: StoreSchema.CurrentVersion - 1);
            using var command = connection.CreateCommand();
            // Schema 3's own encodings: bookkeeping times as UTC text, event times as yyyyMMddHHmmss numbers, outcomes as numbers.
            command.CommandText = $@"
INSERT INTO report_suite (id, recording_enabled, expiration_days, enabled_since, updated_at) VALUES ('acme.prod', 1, 30, '2024-03-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z');
INSERT INTO online_transaction (report_suite, transaction_id, visitor_id, occurred_at, state, recorded_at, duplicate_count) VALUES ('acme.prod', 'OLD-T', 'OLD-V', '2024-02-28 12:00:00', '{{}}', '2024-03-01T00:00:00.000Z', 0);
INSERT INTO visitor (report_suite, visitor_id, first_seen, last_seen) VALUES ('acme.prod', 'OLD-V', '2024-02-28 12:00:00', '2024-02-28 12:00:00');
INSERT INTO import (id, report_suite, file_name, path, size, sha256, started_at, ended_at, status, rows, imported, matched_transaction, transaction_id_column)
VALUES (1, 'acme.prod', 'old.csv', '/old.csv', 100, '{PreviousContent}', '2024-03-01T01:00:00.000Z', '2024-03-01T01:00:01.000Z', 'Completed', 1, 1, 1, 'EventTransaction Attr1');
INSERT INTO offline_row (id, import_id, report_suite, occurred_at, customer_id, event_type, category, event_name, num1, num2, line, row_index,
    outcome, reason, transaction_reason, transaction_id, credited_visitor, online_time)
VALUES (1, 1, 'acme.prod', 20240229090000, 'OLD-C', 7, 'CAT', 'SKU', '1', '9.5', 2, 1, 1, 1, 1, 'OLD-T', 'OLD-V', 20240228120000);";
            command.ExecuteNonQuery();
        }

        protected override int ReadSchemaVersion()
        {
            using var connection = Connect();
            return StoreSchema.GetVersion(connection);
        }

        private SqliteConnection Connect()
        {
            NativeSqliteLoader.EnsureLoaded();
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = StorePath, Pooling = false }.ToString());
            connection.Open();
            return connection;
        }
    }
}
