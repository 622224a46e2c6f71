using System.IO;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Sqlite;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Store
{
    /// <summary>A writing cmdlet creates the store's folder; when it cannot, the error names that folder.</summary>
    public class StoreFolderTests
    {
        [Fact]
        public void AMissingFolderIsCreatedForANewStore()
        {
            using var dir = new TempDirectory();
            var path = Path.Combine(dir.FullName, "new", "deeper", "offlinedata.db");

            using (var store = SqliteOfflineDataStore.Open(path, create: true))
            {
                Assert.True(store.Exists);
            }

            Assert.True(File.Exists(path));
        }

        [Fact]
        public void AFolderThatCannotBeCreatedIsNamedNotMistakenForAFile()
        {
            using var dir = new TempDirectory();
            // A file where a folder of the path should be: no platform can create the folder below it.
            var blocker = dir.WriteText("blocker", "not a folder");
            var path = Path.Combine(blocker, "sub", "offlinedata.db");

            var e = Assert.Throws<StoreException>(() => SqliteOfflineDataStore.Open(path, create: true));

            Assert.Contains($"its folder '{Path.Combine(blocker, "sub")}' does not exist and cannot be created", e.Message);
            Assert.Contains(path, e.Message);
            Assert.Equal(StoreFailureKind.Unavailable, e.Kind);
        }
    }
}
