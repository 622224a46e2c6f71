using System.IO;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Sqlite;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Store
{
    /// <summary>Issue 9: the store's display name, used in messages and error targets, is the SQLite file's full path.</summary>
    public class StoreDisplayNameTests
    {
        [Fact]
        public void The_display_name_of_an_SQLite_store_is_the_full_path_of_its_file()
        {
            using var dir = new TempDirectory();
            var path = Path.Combine(dir.Combine("sub"), "..", "store.db"); // normalised like any -Store path

            using IOfflineDataStore store = SqliteOfflineDataStore.Open(path, create: true);

            Assert.Equal(Path.GetFullPath(path), store.DisplayName);
            Assert.True(Path.IsPathRooted(store.DisplayName));
            Assert.DoesNotContain("..", store.DisplayName);
        }
    }
}
