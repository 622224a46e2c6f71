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
    /// <summary>A file is imported whole or not at all, even when the importing process is killed half-way.</summary>
    public class AtomicityTests
    {
        private static readonly DateTime T = new DateTime(2024, 3, 1, 10, 0, 0);

        [Fact]
        public void AKilledImportLeavesTheStoreExactlyAsBefore_AndTheNextRunImportsTheFileCompletely()
        {
            using var dir = new TempDirectory();
            var storePath = dir.Combine("store.db");
            using (var store = SqliteOfflineDataStore.Open(storePath, create: true))
            {
                store.SetRecording(StoreTestKit.Suite, true, null);
                StoreTestKit.RecordOnline(store, StoreTestKit.Suite, StoreTestKit.Online(T, "V1", "T1"));
                StoreTestKit.Import(store, dir.WriteText("earlier.csv", Rows.Lines(StoreTestKit.OfflineRow(T, "C0", null))));
            }

            var lines = Enumerable.Range(1, 20000).Select(i => StoreTestKit.OfflineRow(T.AddMinutes(i), "C" + i, i % 2 == 0 ? "T1" : null)).ToList();
            lines.Insert(10, "not-a-time;C;7;C;S;1;1"); // a rejected row, so a quarantine file is being written too
            var file = dir.WriteText("big.csv", Rows.Lines(lines.ToArray()));
            var before = Snapshot(storePath);

            using (var child = ChildProcess.StartImport(storePath, file, StoreTestKit.Suite, pauseAfterRows: 5000, pauseMs: -1))
            {
                child.WaitForLine("PAUSED", TimeSpan.FromSeconds(60));
                // 5000 rows and a ledger row are in the child's open transaction now: it still holds the write lock.
                using (var probe = SqliteOfflineDataStore.Open(storePath, create: false))
                {
                    probe.LockTimeout = TimeSpan.FromMilliseconds(500);
                    Assert.Throws<StoreException>(() => probe.SetRecording(StoreTestKit.Suite, false, null));
                }

                child.Kill();
            }

            Assert.Equal(before, Snapshot(storePath));
            using (var store = SqliteOfflineDataStore.Open(storePath, create: false))
            {
                Assert.Equal("ok", IntegrityCheck(store));
                Assert.False(Directory.Exists(dir.Combine("quarantine")) && Directory.GetFiles(dir.Combine("quarantine"), "*.rejected.csv").Length > 0);

                var rerun = StoreTestKit.Import(store, file);

                Assert.Equal(ImportRunStatus.Imported, rerun.StatusValue);
                Assert.Equal(20000, rerun.Imported);
                Assert.Equal(10000, rerun.MatchedByTransactionId);
                Assert.Equal(1, rerun.Rejected);
                Assert.Equal(20001, StoreTestKit.CountRows(store));
                Assert.True(File.Exists(rerun.QuarantinePath));
                Assert.Equal(2, store.GetImports(new ImportLedgerQuery { Status = ImportStatus.Completed }).Count());
            }
        }

        /// <summary>What the store holds, read through SQL (so a leftover -wal file of the killed writer is taken into account).</summary>
        private static string Snapshot(string storePath)
        {
            using var store = SqliteOfflineDataStore.Open(storePath, create: false);
            var ledger = store.GetImports(new ImportLedgerQuery()).Select(e => $"{e.Id}:{e.Status}:{e.Imported}:{e.Sha256}");
            var rows = store.GetOfflineRows(new OfflineRowQuery()).Select(r => $"{r.Id}:{r.CustomerId}:{r.Outcome}");
            var recording = store.GetRecordings().Select(r => $"{r.ReportSuite}:{r.Enabled}:{r.ExpirationDays}:{r.RecordedTransactions}:{r.KnownVisitors}");
            return string.Join("|", ledger) + "#" + string.Join("|", rows) + "#" + string.Join("|", recording);
        }

        private static string IntegrityCheck(SqliteOfflineDataStore store)
        {
            using var command = store.Connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check;";
            return (string)command.ExecuteScalar()!;
        }
    }
}
