using Npgsql;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Postgres;
using OfflineData.Core.Tests.Store.Postgres;

namespace OfflineData.Core.Tests.Store.Contract
{
    /// <summary>
    /// The store contract on the PostgreSQL store: a database of its own per test on the server
    /// <c>OFFLINEDATA_TEST_POSTGRES</c> names, dropped afterwards (skipped without the server, failing without it in CI).
    /// </summary>
    [StoreTestSkip(typeof(PostgresTestServer))]
    public class PostgresStoreContractTests : StoreContractTests
    {
        private readonly TestDatabase database = PostgresTestServer.CreateDatabase();

        protected override IOfflineDataStore CreateStore() => PostgresOfflineDataStore.Open(database.ConnectionString, new StoreOpenOptions { Create = true });

        protected override IOfflineDataStore OpenAgain() => PostgresOfflineDataStore.Open(database.ConnectionString, new StoreOpenOptions { Create = false });

        protected override void MarkSchemaNewer() => database.Execute($"UPDATE offlinedata.schema_version SET version = {PostgresSchema.CurrentVersion + 1};");

        protected override IOfflineDataStore OpenAgain(StoreOpenOptions options) => StoreFactory.Open(database.ConnectionString, options);

        protected override int CurrentSchemaVersion => PostgresSchema.CurrentVersion;

        /// <summary>The test connection string (the store's location holds no password).</summary>
        protected override string LocationForChild(IOfflineDataStore store) => database.ConnectionString;

        /// <summary>The previous version through the store's own migrations (version 1: the store before the delivery ledger).</summary>
        protected override void CreateStoreAtPreviousVersion()
        {
            using var connection = new NpgsqlConnection(database.ConnectionString);
            connection.Open();
            PostgresSchema.Migrate(connection, database.Name, targetVersion: PostgresSchema.CurrentVersion - 1);
            using var command = connection.CreateCommand();
            // Schema 1's own types: timestamptz for bookkeeping, timestamp for event times, outcomes as names; IDs from the identity and the sequence.
            command.CommandText = $@"
INSERT INTO offlinedata.report_suite (id, recording_enabled, expiration_days, enabled_since, updated_at) VALUES ('acme.prod', true, 30, '2024-03-01T00:00:00Z', '2024-03-01T00:00:00Z');
INSERT INTO offlinedata.online_transaction (transaction_id, report_suite, visitor_id, occurred_at, state, recorded_at, duplicate_count) VALUES ('OLD-T', 'acme.prod', 'OLD-V', '2024-02-28 12:00:00', '{{}}', '2024-03-01T00:00:00Z', 0);
INSERT INTO offlinedata.visitor (visitor_id, report_suite, first_seen, last_seen) VALUES ('OLD-V', 'acme.prod', '2024-02-28 12:00:00', '2024-02-28 12:00:00');
INSERT INTO offlinedata.import (report_suite, file_name, path, size, sha256, started_at, ended_at, status, rows, imported, matched_transaction, transaction_id_column)
VALUES ('acme.prod', 'old.csv', '/old.csv', 100, '{PreviousContent}', '2024-03-01T01:00:00Z', '2024-03-01T01:00:01Z', 'Completed', 1, 1, 1, 'EventTransaction Attr1');
INSERT INTO offlinedata.offline_row (customer_id, import_id, report_suite, occurred_at, event_type, category, event_name, num1, num2, line, row_index,
    outcome, reason, transaction_reason, transaction_id, credited_visitor, online_time)
VALUES ('OLD-C', 1, 'acme.prod', '2024-02-29 09:00:00', 7, 'CAT', 'SKU', 1, 9.5, 2, 1, 'TransactionId', 'TransactionMatched', 'TransactionMatched', 'OLD-T', 'OLD-V', '2024-02-28 12:00:00');";
            command.ExecuteNonQuery();
        }

        protected override int ReadSchemaVersion() => System.Convert.ToInt32(database.Scalar("SELECT version FROM offlinedata.schema_version WHERE id = 1;"), System.Globalization.CultureInfo.InvariantCulture);

        public override void Dispose()
        {
            base.Dispose();
            database.Dispose();
        }
    }
}
