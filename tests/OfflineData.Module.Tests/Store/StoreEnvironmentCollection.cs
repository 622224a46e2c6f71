using Xunit;

namespace OfflineData.Module.Tests.Store
{
    /// <summary>
    /// Test classes that set the process-wide OFFLINEDATA_STORE variable run one after another, so one never
    /// clears the variable while another relies on it.
    /// </summary>
    [CollectionDefinition(Name)]
    public sealed class StoreEnvironmentCollection
    {
        public const string Name = "OFFLINEDATA_STORE";
    }
}
