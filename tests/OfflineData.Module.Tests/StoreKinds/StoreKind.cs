namespace OfflineData.Module.Tests.StoreKinds
{
    /// <summary>The store implementations the import scenarios run against.</summary>
    public enum StoreKind
    {
        /// <summary>An SQLite file in the test's folder: always available.</summary>
        Sqlite,

        /// <summary>A fresh database on the server OFFLINEDATA_TEST_POSTGRES names (see <see cref="TestPostgres"/>).</summary>
        PostgreSql,
    }
}
