using System;
using System.Linq;
using Microsoft.Data.Sqlite;
using OfflineData.Core.Import;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Sqlite;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Store
{
    /// <summary>
    /// Round 4 of the import's speed (docs/performance.md): SQLite checks no foreign key for each imported row (the rows
    /// reference the ledger row their own transaction inserted first), and checks them again once the import has
    /// committed, failed or been stopped.
    /// </summary>
    public class SqliteImportForeignKeyTests
    {
        private static readonly DateTime T = new DateTime(2024, 3, 1, 10, 0, 0);

        private static long ForeignKeys(SqliteOfflineDataStore store)
        {
            using var command = store.Connection.CreateCommand();
            command.CommandText = "PRAGMA foreign_keys;";
            return (long)command.ExecuteScalar()!;
        }

        [Fact]
        public void An_import_checks_no_foreign_key_per_row_and_the_connection_checks_them_again_after_it_commits()
        {
            using var dir = new TempDirectory();
            using var store = SqliteOfflineDataStore.Open(dir.Combine("store.db"), create: true);
            var during = new long[1];
            var observer = new CollectingObserver { AfterRow = n => { if (n == 2) during[0] = ForeignKeys(store); } };

            var result = StoreTestKit.Import(store, dir.WriteText("a.csv", StoreTestKit.OfflineRows(T, 3, "C")), observer: observer);

            Assert.Equal(ImportRunStatus.Imported, result.StatusValue);
            Assert.Equal(0, during[0]);
            Assert.Equal(1, ForeignKeys(store));
            // Enforced again: a row naming no ledger entry is refused.
            using var command = store.Connection.CreateCommand();
            command.CommandText = "INSERT INTO offline_row (import_id, report_suite, occurred_at, customer_id, event_type, event_name, num1, num2, line, row_index, outcome, reason, transaction_reason) VALUES (999, 's', 20240301100000, 'C', 1, 'E', '1', '1', 1, 1, 0, 0, 0);";
            var refused = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());
            Assert.Contains("FOREIGN KEY", refused.Message);
        }

        [Fact]
        public void An_import_stopped_half_way_leaves_nothing_and_foreign_keys_checked_again()
        {
            using var dir = new TempDirectory();
            using var store = SqliteOfflineDataStore.Open(dir.Combine("store.db"), create: true);
            var observer = new CollectingObserver { AfterRow = n => { if (n == 2) throw new InvalidOperationException("stopped by the test"); } };

            Assert.Throws<InvalidOperationException>(() => StoreTestKit.Import(store, dir.WriteText("a.csv", StoreTestKit.OfflineRows(T, 3, "C")), observer: observer));

            Assert.Equal(1, ForeignKeys(store));
            Assert.Equal(0, StoreTestKit.CountRows(store));
            Assert.Empty(store.GetImports(new ImportLedgerQuery()));
        }
    }
}
