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

        /// <summary>The previous version through the store's own migrations (version 1: the store before the delivery ledger).</summary>
        protected override void CreateStoreAtPreviousVersion()
        {
            using var connection = new NpgsqlConnection(database.ConnectionString);
            connection.Open();
            PostgresSchema.Migrate(connection, database.Name, targetVersion: PostgresSchema.CurrentVersion - 1);
        }

        protected override int ReadSchemaVersion() => System.Convert.ToInt32(database.Scalar("SELECT version FROM offlinedata.schema_version WHERE id = 1;"), System.Globalization.CultureInfo.InvariantCulture);

        public override void Dispose()
        {
            base.Dispose();
            database.Dispose();
        }
    }
}
