using System;
using System.Linq;
using OfflineData.Core.Store;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Store
{
    /// <summary>Two scheduled tasks importing into one store at once: both succeed (one waits), nothing lost, no "database is locked".</summary>
    public class ConcurrencyTests
    {
        private static readonly DateTime T = new DateTime(2024, 3, 1, 10, 0, 0);

        [Fact]
        public void TwoProcessesImportingIntoOneStore_BothSucceed_OneWaitsForTheOther()
        {
            using var dir = new TempDirectory();
            var storePath = dir.Combine("store.db");
            var a = dir.WriteText("a.csv", StoreTestKit.OfflineRows(T, 3000, "A"));
            var b = dir.WriteText("b.csv", StoreTestKit.OfflineRows(T, 3000, "B"));

            using var first = ChildProcess.StartImport(storePath, a, StoreTestKit.Suite, pauseAfterRows: 1000, pauseMs: 4000);
            first.WaitForLine("PAUSED", TimeSpan.FromSeconds(60));
            // The first import holds the write lock for 4 more seconds; the second must wait, not fail.
            using var second = ChildProcess.StartImport(storePath, b, StoreTestKit.Suite);

            Assert.Equal(0, first.WaitForExit(TimeSpan.FromSeconds(120)));
            Assert.Equal(0, second.WaitForExit(TimeSpan.FromSeconds(120)));
            Assert.Contains("WAITING", second.Output);
            Assert.DoesNotContain("locked", first.Output + second.Output, StringComparison.OrdinalIgnoreCase);

            using var store = SqliteOfflineDataStore.Open(storePath, create: false);
            var ledger = store.GetImports(new ImportLedgerQuery()).ToList();
            Assert.Equal(2, ledger.Count);
            Assert.All(ledger, e => Assert.Equal(ImportStatus.Completed, e.Status));
            Assert.Equal(6000, StoreTestKit.CountRows(store));
            Assert.Equal(3000, store.GetOfflineRows(new OfflineRowQuery { CustomerId = "B*" }).Count());
        }

        [Fact]
        public void TwoProcessesImportingTheSameFileAtOnce_ImportItExactlyOnce()
        {
            using var dir = new TempDirectory();
            var storePath = dir.Combine("store.db");
            var file = dir.WriteText("a.csv", StoreTestKit.OfflineRows(T, 2000, "A"));

            using var first = ChildProcess.StartImport(storePath, file, StoreTestKit.Suite, pauseAfterRows: 500, pauseMs: 3000);
            first.WaitForLine("PAUSED", TimeSpan.FromSeconds(60));
            using var second = ChildProcess.StartImport(storePath, file, StoreTestKit.Suite);

            Assert.Equal(0, first.WaitForExit(TimeSpan.FromSeconds(120)));
            Assert.Equal(1, second.WaitForExit(TimeSpan.FromSeconds(120)));
            Assert.Contains("RESULT Skipped", second.Output);

            using var store = SqliteOfflineDataStore.Open(storePath, create: false);
            Assert.Single(store.GetImports(new ImportLedgerQuery()));
            Assert.Equal(2000, StoreTestKit.CountRows(store));
        }
    }
}
