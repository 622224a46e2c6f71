using System;
using OfflineData.Core.Store;
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
                Assert.Contains(path, e.Message);
                Assert.Contains("Nothing was written", e.Message);
            }

            Assert.NotNull(waitingMessage);
            Assert.Contains("waiting", waitingMessage);

            // Once the other writer is gone, the same store object writes normally.
            Assert.True(waiter.SetRecording(StoreTestKit.Suite, true, null).Enabled);
        }
    }
}
