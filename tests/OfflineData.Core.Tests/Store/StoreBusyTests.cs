using System;
using System.Linq;
using OfflineData.Core.Import;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Sqlite;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Store
{
    /// <summary>A writer that cannot get the store within its limit says so in words, never a bare "database is locked".</summary>
    public class StoreBusyTests
    {
        [Fact]
        public void AWriterWaitingLongerThanItsLimitGetsAClearStoreException_AndWasToldItWasWaiting()
        {
            using var dir = new TempDirectory();
            var path = dir.Combine("store.db");
            using var holder = SqliteOfflineDataStore.Open(path, create: true);
            using var waiter = SqliteOfflineDataStore.Open(path, create: false);
            string? waitingMessage = null;
            waiter.LockTimeout = TimeSpan.FromSeconds(2);
            waiter.WaitingForLock = m => waitingMessage = m;

            using (holder.BeginOnlineRecording(StoreTestKit.Suite))
            {
                var e = Assert.Throws<StoreException>(() => waiter.SetRecording(StoreTestKit.Suite, true, null));
                Assert.Contains("busy", e.Message);
                Assert.Equal(StoreFailureKind.Busy, e.Kind);
                Assert.Contains(path, e.Message);
                Assert.Contains("Nothing was written", e.Message);
            }

            Assert.NotNull(waitingMessage);
            Assert.Contains("waiting", waitingMessage);

            // Once the other writer is gone, the same store object writes normally.
            Assert.True(waiter.SetRecording(StoreTestKit.Suite, true, null).Enabled);
        }

        [Fact]
        public void AnImportThatCannotGetTheStoreWithinItsLimitFailsTheFile_WithoutALedgerEntry_AndWritesNothing()
        {
            // docs/errors.md: Import-OfflineData reports a busy store per file as ImportFailed, and no Failed entry can be written.
            using var dir = new TempDirectory();
            var path = dir.Combine("store.db");
            var file = dir.WriteText("a.csv", StoreTestKit.OfflineRows(new DateTime(2024, 3, 1), 10, "C"));
            using var holder = SqliteOfflineDataStore.Open(path, create: true);
            using var waiter = SqliteOfflineDataStore.Open(path, create: false);
            waiter.LockTimeout = TimeSpan.FromSeconds(2);

            ImportResult result;
            using (holder.BeginOnlineRecording(StoreTestKit.Suite))
            {
                result = StoreTestKit.Import(waiter, file);
            }

            Assert.Equal(ImportRunStatus.Failed, result.StatusValue);
            Assert.Contains("busy", result.Message);
            Assert.Null(result.ImportId);
            Assert.Empty(waiter.GetImports(new ImportLedgerQuery()));
            Assert.Equal(0, StoreTestKit.CountRows(waiter));

            // Once the other writer is gone, the same file imports normally.
            Assert.Equal(ImportRunStatus.Imported, StoreTestKit.Import(waiter, file).StatusValue);
        }
    }
}
