using System;
using OfflineData.Core.Store;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Store
{
    public class RecordingSettingsTests
    {
        [Fact]
        public void ANewReportSuiteStartsOffWithNinetyDays()
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);

            Assert.Null(store.GetRecording("acme.prod"));
            var settings = store.SetRecording("acme.prod", enabled: null, expirationDays: null);

            Assert.False(settings.Enabled);
            Assert.Equal(90, settings.ExpirationDays);
            Assert.Null(settings.EnabledSince);
        }

        [Fact]
        public void SwitchingOnSetsSince_AndSwitchingOffClearsIt_AndTheWindowIsKept()
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);

            var on = store.SetRecording("acme.prod", true, 365);
            Assert.True(on.Enabled);
            Assert.NotNull(on.EnabledSince);
            Assert.Equal(365, on.ExpirationDays);

            var stillOn = store.SetRecording("acme.prod", null, 30);
            Assert.Equal(on.EnabledSince, stillOn.EnabledSince);
            Assert.Equal(30, stillOn.ExpirationDays);

            var off = store.SetRecording("acme.prod", false, null);
            Assert.False(off.Enabled);
            Assert.Null(off.EnabledSince);
            Assert.Equal(30, off.ExpirationDays);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(731)]
        public void AWindowOutsideOneTo730DaysIsRejected(int days)
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);

            Assert.Throws<ArgumentOutOfRangeException>(() => store.SetRecording("acme.prod", true, days));
            Assert.Null(store.GetRecording("acme.prod"));
        }

        [Fact]
        public void AnInvalidReportSuiteIdIsRejected()
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);

            Assert.Throws<ArgumentException>(() => store.SetRecording("acme prod", true, null));
        }

        [Fact]
        public void StatusCountsRecordedTransactionsAndKnownVisitors()
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);
            store.SetRecording("acme.prod", true, null);
            var t = new DateTime(2024, 3, 1, 10, 0, 0);
            StoreTestKit.RecordOnline(store, "acme.prod", StoreTestKit.Online(t, "V1", "T1"), StoreTestKit.Online(t, "V1", "T2"), StoreTestKit.Online(t, "V2"));

            var settings = Assert.Single(store.GetRecordings());
            Assert.Equal(2, settings.RecordedTransactions);
            Assert.Equal(2, settings.KnownVisitors);
        }
    }
}
