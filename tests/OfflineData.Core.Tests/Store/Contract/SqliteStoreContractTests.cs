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
