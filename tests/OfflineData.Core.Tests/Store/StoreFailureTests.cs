using System;
using System.IO;
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
    /// Issue 7, item 20: a full disk, a read-only store, a dropped table or a damaged page is a
    /// <see cref="StoreException"/> naming the cause (never a raw SqliteException), an import fails with nothing
    /// written, and a damaged store is refused for writing.
    /// </summary>
    public class StoreFailureTests
    {
        private static readonly DateTime T = new DateTime(2024, 3, 1, 10, 0, 0);

        private static void Execute(SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        private static long Scalar(SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>A full disk as SQLite sees it: the store may not grow by a page (SQLITE_FULL).</summary>
        private static void FillDisk(SqliteOfflineDataStore store) =>
            Execute(store.Connection, $"PRAGMA max_page_count = {Scalar(store.Connection, "PRAGMA page_count;")};");

        [Fact]
        public void AFullDiskFailsTheImport_NamesTheCause_WritesNothing_AndTheStoreWorksOnceThereIsSpace()
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);
            store.SetRecording(StoreTestKit.Suite, true, null);
            var path = dir.WriteText("day.csv", StoreTestKit.OfflineRows(T, 5000, "C"));
            FillDisk(store);

            var result = StoreTestKit.Import(store, path);

            Assert.Equal(ImportRunStatus.Failed, result.StatusValue);
            Assert.Equal(ImportFailureCause.StoreFailed, result.FailureCauseValue);
            Assert.Contains(store.Location, result.Message);
            Assert.Contains("full", result.Message);
            Assert.Equal(0, result.Imported);
            Assert.Null(result.ImportId);

            Execute(store.Connection, "PRAGMA max_page_count = 1073741823;");
            Assert.Empty(store.GetImports(new ImportLedgerQuery()));
            Assert.Equal(ImportRunStatus.Imported, StoreTestKit.Import(store, path).StatusValue);
            Assert.Equal(5000, StoreTestKit.CountRows(store));
        }

        [Fact]
        public void AStoreFailureAtTheCommit_RemovesTheQuarantineFileItHadAlreadyNamed()
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);
            var path = dir.WriteText("day.csv", Rows.Lines("bad;C;7;C;S;1;1", StoreTestKit.OfflineRow(T, "C1", null)));
            // The ledger update of the commit fails, after the quarantine file got its final name.
            Execute(store.Connection, "CREATE TRIGGER fail_commit BEFORE UPDATE OF quarantine_path ON import WHEN NEW.quarantine_path IS NOT NULL BEGIN SELECT RAISE(ABORT, 'simulated I/O failure'); END;");

            var result = StoreTestKit.Import(store, path);

            Assert.Equal(ImportRunStatus.Failed, result.StatusValue);
            Assert.Equal(ImportFailureCause.StoreFailed, result.FailureCauseValue);
            Assert.Contains("could not commit the import", result.Message);
            Assert.Null(result.QuarantinePath);
            Assert.Empty(Directory.GetFiles(dir.Combine("quarantine")));
            Assert.Equal(0, StoreTestKit.CountRows(store));
            Assert.Empty(store.GetImports(new ImportLedgerQuery()));

            Execute(store.Connection, "DROP TRIGGER fail_commit;");
            Assert.Equal(ImportRunStatus.Imported, StoreTestKit.Import(store, path).StatusValue); // no transaction was left open
        }

        [Fact]
        public void AFullDiskWhileRecordingOnlineActivityOrSettingsIsAStoreException()
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);
            store.SetRecording(StoreTestKit.Suite, true, null);
            FillDisk(store);

            var online = Assert.Throws<StoreException>(() => StoreTestKit.RecordOnline(store, StoreTestKit.Suite,
                Enumerable.Range(1, 5000).Select(i => StoreTestKit.Online(T, "V" + i, "T" + i, ("Campaign", new string('x', 200)))).ToArray()));
            Assert.Contains("full", online.Message);
            Assert.Equal(StoreFailureKind.IO, online.Kind);
            Assert.IsType<SqliteException>(online.InnerException);

            Execute(store.Connection, "PRAGMA max_page_count = 1073741823;");
            Assert.Equal(0, store.GetRecording(StoreTestKit.Suite)!.RecordedTransactions); // the batch was rolled back whole
        }

        [Fact]
        public void AReadOnlyStoreFailsTheImportAndTheSettings_NamingTheCause()
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);
            store.SetRecording(StoreTestKit.Suite, true, null);
            var path = dir.WriteText("day.csv", StoreTestKit.OfflineRows(T, 10, "C"));
            Execute(store.Connection, "PRAGMA query_only = 1;"); // what SQLite reports for a read-only file or mount

            var result = StoreTestKit.Import(store, path);
            var settings = Assert.Throws<StoreException>(() => store.SetRecording(StoreTestKit.Suite, false, null));

            Assert.Equal(ImportRunStatus.Failed, result.StatusValue);
            Assert.Equal(ImportFailureCause.StoreFailed, result.FailureCauseValue);
            Assert.Equal(StoreFailureKind.Unavailable, result.StoreFailureKindValue);
            Assert.Equal(StoreFailureKind.Unavailable, settings.Kind);
            Assert.Contains("read-only", result.Message);
            Assert.Contains("read-only", settings.Message);
            Assert.Contains(store.Location, settings.Message);
            Execute(store.Connection, "PRAGMA query_only = 0;");
            Assert.True(store.GetRecording(StoreTestKit.Suite)!.Enabled);
            Assert.Empty(store.GetImports(new ImportLedgerQuery()));
        }

        [Fact]
        public void ADroppedTableIsAStoreExceptionForReadersAndAFailedImport()
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);
            store.SetRecording(StoreTestKit.Suite, true, null);
            var path = dir.WriteText("day.csv", StoreTestKit.OfflineRows(T, 10, "C"));
            using (var other = new SqliteConnection($"Data Source={store.Location};Pooling=False"))
            {
                other.Open();
                Execute(other, "DROP TABLE offline_row;");
            }

            var read = Assert.Throws<StoreException>(() => store.GetOfflineRows(new OfflineRowQuery()).ToList());
            var result = StoreTestKit.Import(store, path);

            Assert.Contains("tables are missing", read.Message);
            Assert.Equal(StoreFailureKind.IO, read.Kind);
            Assert.Equal(StoreFailureKind.IO, result.StoreFailureKindValue);
            Assert.Contains("offline_row", read.Message);
            Assert.Equal(ImportRunStatus.Failed, result.StatusValue);
            Assert.Equal(ImportFailureCause.StoreFailed, result.FailureCauseValue);
            Assert.Contains("offline_row", result.Message);
            Assert.Empty(store.GetImports(new ImportLedgerQuery())); // the ledger row of the import was rolled back
        }

        [Fact]
        public void ADamagedStoreIsRefusedForWriting_AndTheLedgerStaysAsItWas()
        {
            using var dir = new TempDirectory();
            var storePath = dir.Combine("store.db");
            long rootPage;
            using (var store = SqliteOfflineDataStore.Open(storePath, create: true))
            {
                store.SetRecording(StoreTestKit.Suite, true, null);
                Assert.Equal(ImportRunStatus.Imported, StoreTestKit.Import(store, dir.WriteText("first.csv", StoreTestKit.OfflineRows(T, 2000, "C"))).StatusValue);
                rootPage = Scalar(store.Connection, "SELECT rootpage FROM sqlite_master WHERE name = 'offline_row_customer';");
            }

            // Damage one page (an index of the offline rows): garbage where its b-tree page header is.
            using (var file = new FileStream(storePath, FileMode.Open, FileAccess.ReadWrite))
            {
                file.Position = (rootPage - 1) * 4096;
                file.Write(Enumerable.Repeat((byte)0xA5, 64).ToArray(), 0, 64);
            }

            using (var store = SqliteOfflineDataStore.Open(storePath, create: false))
            {
                var result = StoreTestKit.Import(store, dir.WriteText("second.csv", StoreTestKit.OfflineRows(T.AddDays(1), 10, "D")));
                var settings = Assert.Throws<StoreException>(() => store.SetRecording(StoreTestKit.Suite, false, null));
                var online = Assert.Throws<StoreException>(() => StoreTestKit.RecordOnline(store, StoreTestKit.Suite, StoreTestKit.Online(T, "V1", "T1")));

                Assert.Equal(ImportRunStatus.Failed, result.StatusValue);
                Assert.Equal(ImportFailureCause.StoreFailed, result.FailureCauseValue);
                Assert.Contains("damaged", result.Message);
                Assert.Contains("quick_check", result.Message);
                Assert.Contains("damaged", settings.Message);
                Assert.Contains("damaged", online.Message);
                Assert.Equal(StoreFailureKind.IO, result.StoreFailureKindValue);
                Assert.Equal(StoreFailureKind.IO, settings.Kind);
                Assert.Equal(new[] { ImportStatus.Completed }, store.GetImports(new ImportLedgerQuery()).Select(e => e.StatusValue).ToArray());
                Assert.True(store.GetRecording(StoreTestKit.Suite)!.Enabled);
            }
        }
    }
}
