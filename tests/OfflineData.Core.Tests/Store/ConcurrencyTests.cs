using System;
using System.Linq;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Sqlite;
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

            using var first = ChildProcess.StartImport(storePath, a, StoreTestKit.Suite, pauseAfterRows: 1000, pauseMs: ChildProcess.UntilResumed);
            first.WaitForLine("PAUSED", TimeSpan.FromSeconds(60));
            // The first import holds the write lock until the second has found it taken: the second must wait, not fail.
            // (Resumed by signal, not after a fixed time, so a slow start of the second process cannot skip the wait.)
            using var second = ChildProcess.StartImport(storePath, b, StoreTestKit.Suite);
            second.WaitForLine("WAITING", TimeSpan.FromSeconds(60));
            first.Resume();

            Assert.Equal(0, first.WaitForExit(TimeSpan.FromSeconds(120)));
            Assert.Equal(0, second.WaitForExit(TimeSpan.FromSeconds(120)));
            Assert.Contains("WAITING", second.Output);
            Assert.DoesNotContain("locked", first.Output + second.Output, StringComparison.OrdinalIgnoreCase);

            using var store = SqliteOfflineDataStore.Open(storePath, create: false);
            var ledger = store.GetImports(new ImportLedgerQuery()).ToList();
            Assert.Equal(2, ledger.Count);
            Assert.All(ledger, e => Assert.Equal(ImportStatus.Completed, e.StatusValue));
            Assert.Equal(6000, StoreTestKit.CountRows(store));
            Assert.Equal(3000, store.GetOfflineRows(new OfflineRowQuery { CustomerId = "B*" }).Count());
        }

        [Fact]
        public void TwoProcessesImportingTheSameFileAtOnce_ImportItExactlyOnce()
        {
            using var dir = new TempDirectory();
            var storePath = dir.Combine("store.db");
            var file = dir.WriteText("a.csv", StoreTestKit.OfflineRows(T, 2000, "A"));

            using var first = ChildProcess.StartImport(storePath, file, StoreTestKit.Suite, pauseAfterRows: 500, pauseMs: ChildProcess.UntilResumed);
            first.WaitForLine("PAUSED", TimeSpan.FromSeconds(60));
            // The second process reads the ledger before the first has committed, then waits for the lock and re-checks under it.
            using var second = ChildProcess.StartImport(storePath, file, StoreTestKit.Suite);
            second.WaitForLine("WAITING", TimeSpan.FromSeconds(60));
            first.Resume();

            Assert.Equal(0, first.WaitForExit(TimeSpan.FromSeconds(120)));
            Assert.Equal(1, second.WaitForExit(TimeSpan.FromSeconds(120)));
            Assert.Contains("RESULT Skipped", second.Output);

            using var store = SqliteOfflineDataStore.Open(storePath, create: false);
            Assert.Single(store.GetImports(new ImportLedgerQuery()));
            Assert.Equal(2000, StoreTestKit.CountRows(store));
        }
    }
}
