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

        protected override void MarkSchemaNewer()
        {
            NativeSqliteLoader.EnsureLoaded();
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = StorePath, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {StoreSchema.CurrentVersion + 1};";
            command.ExecuteNonQuery();
        }
    }
}
