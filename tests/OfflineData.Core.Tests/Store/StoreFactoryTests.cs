using System;
using System.IO;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Sqlite;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Store
{
    /// <summary>Issue 9: the store factory decides the implementation from the location and applies the open options.</summary>
    public class StoreFactoryTests
    {
        [Fact]
        public void A_file_path_opens_an_SQLite_store_created_only_when_asked()
        {
            using var dir = new TempDirectory();
            var path = dir.Combine("store.db");

            using (var reading = StoreFactory.Open(path, new StoreOpenOptions { Create = false }))
            {
                Assert.IsType<SqliteOfflineDataStore>(reading);
                Assert.False(reading.Exists);
            }

            Assert.False(File.Exists(path));

            using (var writing = StoreFactory.Open(path, new StoreOpenOptions { Create = true }))
            {
                Assert.True(writing.Exists);
                Assert.Equal(Path.GetFullPath(path), writing.Location);
            }

            Assert.True(File.Exists(path));
        }

        [Fact]
        public void The_lock_wait_and_the_waiting_callback_reach_the_store()
        {
            using var dir = new TempDirectory();
            Action<string> waiting = _ => { };

            using var store = StoreFactory.Open(dir.Combine("store.db"), new StoreOpenOptions { Create = true, LockWait = TimeSpan.FromSeconds(3), Waiting = waiting });

            var sqlite = Assert.IsType<SqliteOfflineDataStore>(store);
            Assert.Equal(TimeSpan.FromSeconds(3), sqlite.LockTimeout);
            Assert.Same(waiting, sqlite.WaitingForLock);
        }

        [Fact]
        public void Without_a_lock_wait_the_store_keeps_its_default_of_one_hour()
        {
            using var dir = new TempDirectory();

            using var store = StoreFactory.Open(dir.Combine("store.db"), new StoreOpenOptions());

            Assert.Equal(TimeSpan.FromHours(1), Assert.IsType<SqliteOfflineDataStore>(store).LockTimeout);
        }

        [Fact]
        public void The_display_name_is_told_without_opening_the_store_and_is_the_full_path()
        {
            using var dir = new TempDirectory();
            var path = Path.Combine(dir.Combine("sub"), "..", "store.db");

            var name = StoreFactory.GetDisplayName(path);

            Assert.Equal(Path.GetFullPath(path), name);
            Assert.False(File.Exists(name));
            Assert.Empty(Directory.GetFileSystemEntries(dir.FullName));
            using var store = StoreFactory.Open(path, new StoreOpenOptions { Create = true });
            Assert.Equal(store.DisplayName, name);
        }

        [Theory]
        [InlineData("postgresql://od:s3cret@db.example:5432/offline?sslmode=require", "a PostgreSQL URI")]
        [InlineData("postgres://od:s3cret@db.example/offline", "a PostgreSQL URI")]
        [InlineData("Host=db.example;Database=offline;Username=od;Password=s3cret", "a connection string")]
        [InlineData("  server = db.example; password=s3cret", "a connection string")]
        [InlineData("mysql://od:s3cret@db.example/offline", "a URI of the scheme 'mysql'")]
        public void Server_locations_are_recognised(string location, string what)
        {
            Assert.Equal(what, StoreFactory.DescribeNonFileLocation(location));
        }

        [Fact]
        public void A_URI_of_another_scheme_is_refused_naming_what_is_accepted_and_never_echoing_the_value()
        {
            const string location = "mysql://od:s3cret@db.example/offline";

            var open = Assert.Throws<StoreException>(() => StoreFactory.Open(location, new StoreOpenOptions { Create = true }));
            var display = Assert.Throws<StoreException>(() => StoreFactory.GetDisplayName(location));

            foreach (var e in new[] { open, display })
            {
                Assert.Equal(StoreFailureKind.Unavailable, e.Kind);
                Assert.Contains("a URI of the scheme 'mysql'", e.Message);
                Assert.Contains("path of an SQLite store file", e.Message);
                Assert.Contains("PostgreSQL URI", e.Message);
                Assert.DoesNotContain("s3cret", e.Message);
                Assert.DoesNotContain("db.example", e.Message);
            }
        }

        [Theory]
        [InlineData("postgresql://od:s3cret@db.example:5432/offline?sslmode=require")]
        [InlineData("Host=db.example;Database=offline;Username=od;Password=s3cret")]
        public void A_PostgreSQL_location_with_a_password_is_refused_before_any_connection_without_echoing_it(string location)
        {
            var open = Assert.Throws<StoreException>(() => StoreFactory.Open(location, new StoreOpenOptions { Create = true }));
            var display = Assert.Throws<StoreException>(() => StoreFactory.GetDisplayName(location));

            foreach (var e in new[] { open, display })
            {
                Assert.Equal(StoreFailureKind.Unavailable, e.Kind);
                Assert.Contains("-Credential", e.Message);
                Assert.Contains("PGPASSWORD", e.Message);
                Assert.Contains("pgpass", e.Message);
                Assert.DoesNotContain("s3cret", e.Message);
            }
        }

        [Theory]
        [InlineData("postgresql://od@db.example:6543/offline?sslmode=require", "postgresql://od@db.example:6543/offline")]
        [InlineData("postgres://od@db.example/offline", "postgresql://od@db.example:5432/offline")]
        [InlineData("Host=db.example;Port=6543;Database=offline;Username=od;SSL Mode=Require", "postgresql://od@db.example:6543/offline")]
        public void A_PostgreSQL_display_name_is_told_without_connecting_and_holds_no_parameter(string location, string expected)
        {
            Assert.Equal(expected, StoreFactory.GetDisplayName(location));
        }

        [Fact]
        public void OFFLINEDATA_STORE_may_hold_a_PostgreSQL_location()
        {
            var before = Environment.GetEnvironmentVariable(StoreLocation.EnvironmentVariable);
            try
            {
                Environment.SetEnvironmentVariable(StoreLocation.EnvironmentVariable, "postgresql://od@db.example:6543/offline");
                Assert.Equal("postgresql://od@db.example:6543/offline", StoreFactory.GetDisplayName(null));
            }
            finally
            {
                Environment.SetEnvironmentVariable(StoreLocation.EnvironmentVariable, before);
            }
        }

        [Theory]
        [InlineData("store.db")]
        [InlineData("C:\\stores\\offline.db")]
        [InlineData("./a=b.db")]
        [InlineData("hosts=list.db")]
        [InlineData("")]
        public void File_paths_are_SQLite_stores(string location)
        {
            Assert.Null(StoreFactory.DescribeNonFileLocation(location));
        }
    }
}
