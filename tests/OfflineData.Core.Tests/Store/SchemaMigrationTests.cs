using System;
using System.Linq;
using Microsoft.Data.Sqlite;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Sqlite;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Store
{
    public class SchemaMigrationTests
    {
        [Fact]
        public void ANewStoreIsCreatedOnFirstUseAtTheCurrentVersionInWalMode()
        {
            using var dir = new TempDirectory();
            var path = dir.Combine(System.IO.Path.Combine("nested", "folder", "store.db"));
            using (SqliteOfflineDataStore.Open(path, create: true))
            {
            }

            using var connection = Open(path);
            Assert.Equal(StoreSchema.CurrentVersion, StoreSchema.GetVersion(connection));
            Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        }

        [Fact]
        public void ALaterReleaseOpensAVersion1Store_AndKeepsItsData()
        {
            using var dir = new TempDirectory();
            var path = dir.Combine("v1.db");
            using (var connection = Open(path))
            {
                // Exactly what release 1 wrote: migration 1 only, and data in it.
                StoreSchema.Migrate(connection, path, targetVersion: 1);
                Assert.Equal(1, StoreSchema.GetVersion(connection));
                Exec(connection, @"INSERT INTO report_suite VALUES ('acme.prod', 1, 120, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z');
INSERT INTO online_transaction (report_suite, transaction_id, visitor_id, occurred_at, state, recorded_at) VALUES ('acme.prod', 'T1', 'V1', '2024-03-01 10:00:00', '{""Campaign"":""spring""}', '2024-03-01T10:00:00.000Z');
INSERT INTO import (id, report_suite, file_name, path, size, sha256, started_at, ended_at, status) VALUES (1, 'acme.prod', 'a.csv', '/a.csv', 10, 'abc', '2024-03-02T00:00:00.000Z', '2024-03-02T00:00:01.000Z', 'Completed');
INSERT INTO offline_row (import_id, report_suite, occurred_at, customer_id, event_type, event_name, num1, num2, line, row_index, outcome, reason, transaction_reason)
VALUES (1, 'acme.prod', '2024-03-02 09:00:00', 'C1', 7, 'SKU', '1', '9.5', 1, 1, 'CustomerId', 'CustomerMatched', 'NoTransactionId');");
            }

            using var store = SqliteOfflineDataStore.Open(path, create: false);

            var settings = store.GetRecording("acme.prod")!;
            Assert.True(settings.Enabled);
            Assert.Equal(120, settings.ExpirationDays);
            Assert.Equal("spring", store.GetTransaction("acme.prod", "T1")!.State["Campaign"]);
            Assert.Equal("EventTransaction Attr1", store.GetImports(new ImportLedgerQuery()).Single().TransactionIdColumn);
            Assert.Equal(9.5m, store.GetOfflineRows(new OfflineRowQuery()).Single().Num2);
            Assert.Equal(StoreSchema.CurrentVersion, StoreSchema.GetVersion(store.Connection));
        }

        [Fact]
        public void AFileThatIsNotAStoreIsAClearError()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("not-a-db.db", "this is not an SQLite database, just text that is long enough to fill a header page...");

            var e = Assert.Throws<StoreException>(() => SqliteOfflineDataStore.Open(path, create: true));
            Assert.Contains(path, e.Message);
            Assert.Equal(StoreFailureKind.Unavailable, e.Kind);
        }

        private static SqliteConnection Open(string path)
        {
            NativeSqliteLoader.EnsureLoaded();
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            connection.Open();
            return connection;
        }

        private static void Exec(SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        private static string Scalar(SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
        }
    }
}
