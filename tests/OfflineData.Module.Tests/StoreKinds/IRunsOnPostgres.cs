namespace OfflineData.Module.Tests.StoreKinds
{
    /// <summary>
    /// Marks a test class whose <see cref="StoreFactAttribute"/> and <see cref="StoreTheoryAttribute"/> tests need the
    /// PostgreSQL test server: skipped with the reason when OFFLINEDATA_TEST_POSTGRES is not set, except in CI
    /// (CI=true), where they run and fail saying the server is missing.
    /// </summary>
    public interface IRunsOnPostgres
    {
    }
}
