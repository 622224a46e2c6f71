using System;
using System.IO;
using System.Linq;
using OfflineData.Core.Import;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Sqlite;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Store
{
    /// <summary>
    /// Issue 7, item 1: every object that comes from a store names it (its full path), so the cmdlets can bind -Store
    /// from a piped object; item 9: a folder is never taken for a (missing, hence empty) store.
    /// </summary>
    public class StoreIdentityTests
    {
        private static readonly DateTime T = new DateTime(2024, 3, 1, 10, 0, 0);

        [Fact]
        public void Every_object_read_or_returned_by_a_store_carries_the_stores_full_path()
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir, "identity.db");
            var expected = Path.GetFullPath(dir.Combine("identity.db"));
            var settings = store.SetRecording(StoreTestKit.Suite, enabled: true, expirationDays: null);
            StoreTestKit.RecordOnline(store, StoreTestKit.Suite, StoreTestKit.Online(T.AddDays(-1), "V1", "ORD-1"));
            OnlineImportResult online;
            using (var recorder = new OnlineDataRecorder(store, StoreTestKit.Suite, "test"))
            {
                recorder.Record(new OnlineInputRow(StoreTestKit.Online(T.AddDays(-1), "V2"), null));
                online = recorder.Complete();
            }

            var observer = new CollectingObserver { KeepRows = true };
            var result = StoreTestKit.Import(store, dir.WriteText("sales.csv", Rows.Lines(StoreTestKit.OfflineRow(T, "C1", "ORD-1"))), observer: observer);

            Assert.Equal(expected, store.Location);
            Assert.Equal(expected, settings.Store);
            Assert.Equal(expected, store.GetRecording(StoreTestKit.Suite)!.Store);
            Assert.Equal(expected, store.GetRecordings().Single().Store);
            Assert.Equal(expected, online.Store);
            Assert.Equal(expected, result.Store);
            Assert.Equal(expected, Assert.Single(observer.Rows).Store);
            Assert.Equal(expected, store.GetImports(new ImportLedgerQuery()).Single().Store);
            Assert.Equal(expected, store.FindCompletedImport(StoreTestKit.Suite, result.Sha256)!.Store);
            Assert.Equal(expected, store.GetOfflineRows(new OfflineRowQuery()).Single().Store);
        }

        [Fact]
        public void A_dry_run_result_names_the_store_it_was_matched_against()
        {
            using var dir = new TempDirectory();
            using var store = SqliteOfflineDataStore.Open(dir.Combine("missing.db"), create: false);

            var result = StoreTestKit.Import(store, dir.WriteText("sales.csv", Rows.Lines(StoreTestKit.OfflineRow(T, "C1", null))), dryRun: true);

            Assert.Equal(ImportRunStatus.DryRun, result.StatusValue);
            Assert.Equal(Path.GetFullPath(dir.Combine("missing.db")), result.Store);
            Assert.False(File.Exists(dir.Combine("missing.db")));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void A_folder_is_refused_as_a_store_whether_reading_or_writing(bool create)
        {
            using var dir = new TempDirectory();
            var folder = dir.Combine("not-a-store");
            Directory.CreateDirectory(folder);

            var e = Assert.Throws<StoreException>(() => SqliteOfflineDataStore.Open(folder, create));

            Assert.Contains("is a folder, not a store file", e.Message);
            Assert.Equal(StoreFailureKind.Unavailable, e.Kind);
            Assert.Contains(Path.Combine(folder, StoreLocation.FileName), e.Message);
            Assert.Empty(Directory.GetFileSystemEntries(folder));
        }
    }
}
