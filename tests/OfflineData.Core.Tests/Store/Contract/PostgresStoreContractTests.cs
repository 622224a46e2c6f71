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

        public override void Dispose()
        {
            base.Dispose();
            database.Dispose();
        }
    }
}
