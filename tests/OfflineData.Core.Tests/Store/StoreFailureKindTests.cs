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
    /// Issue 9: every SQLite failure becomes a <see cref="StoreException"/> whose <see cref="StoreException.Kind"/>
    /// says what it is, whatever the database, and an import fails cleanly on one raised in the middle of a file.
    /// </summary>
    public class StoreFailureKindTests
    {
        [Theory]
        [InlineData(5, StoreFailureKind.Busy)]          // SQLITE_BUSY
        [InlineData(6, StoreFailureKind.Busy)]          // SQLITE_LOCKED
        [InlineData(517, StoreFailureKind.Busy)]        // SQLITE_BUSY_SNAPSHOT: the extended code's low byte counts
        [InlineData(14, StoreFailureKind.Unavailable)]  // SQLITE_CANTOPEN
        [InlineData(26, StoreFailureKind.Unavailable)]  // SQLITE_NOTADB
        [InlineData(3, StoreFailureKind.Unavailable)]   // SQLITE_PERM
        [InlineData(8, StoreFailureKind.Unavailable)]   // SQLITE_READONLY
        [InlineData(11, StoreFailureKind.IO)]           // SQLITE_CORRUPT
        [InlineData(10, StoreFailureKind.IO)]           // SQLITE_IOERR
        [InlineData(13, StoreFailureKind.IO)]           // SQLITE_FULL
        [InlineData(19, StoreFailureKind.Constraint)]   // SQLITE_CONSTRAINT
        [InlineData(2067, StoreFailureKind.Constraint)] // SQLITE_CONSTRAINT_UNIQUE
        [InlineData(1, StoreFailureKind.Other)]         // SQLITE_ERROR
        public void Each_sqlite_result_code_maps_to_its_kind(int code, StoreFailureKind kind)
        {
            var e = StoreFailure.From("store.db", "do something", new SqliteException("SQLite says no", code));

            Assert.Equal(kind, e.Kind);
            Assert.IsType<SqliteException>(e.InnerException);
        }

        [Fact]
        public void A_missing_table_is_a_damaged_store()
        {
            Assert.Equal(StoreFailureKind.IO, StoreFailure.Kind(new SqliteException("SQLite Error 1: 'no such table: offline_row'.", 1)));
        }

        [Fact]
        public void A_store_exception_without_a_kind_is_Other()
        {
            Assert.Equal(StoreFailureKind.Other, new StoreException("x").Kind);
        }

        [Fact]
        public void A_failure_while_a_row_is_stored_fails_the_file_with_its_kind_and_stores_nothing()
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);
            store.SetRecording(StoreTestKit.Suite, true, null);
            var path = dir.WriteText("day.csv", StoreTestKit.OfflineRows(new System.DateTime(2024, 3, 1, 10, 0, 0), 10, "C"));
            // A trigger in the connection's TEMP schema refuses every row: the failure comes from the session's
            // row insert in the middle of the file, after the ledger row was written.
            using (var command = store.Connection.CreateCommand())
            {
                command.CommandText = "CREATE TEMP TRIGGER refuse_rows BEFORE INSERT ON main.offline_row BEGIN SELECT RAISE(ABORT, 'refused by test'); END;";
                command.ExecuteNonQuery();
            }

            var result = StoreTestKit.Import(store, path);

            Assert.Equal(ImportRunStatus.Failed, result.StatusValue);
            Assert.Equal(ImportFailureCause.StoreFailed, result.FailureCauseValue);
            Assert.Equal(StoreFailureKind.Constraint, result.StoreFailureKindValue);
            Assert.Contains("refused by test", result.Message);
            Assert.Contains(path, result.Message);
            Assert.Empty(store.GetImports(new ImportLedgerQuery()).ToArray());
            Assert.Empty(store.GetOfflineRows(new OfflineRowQuery()).ToArray());
        }
    }
}
