using System;
using System.Linq;
using OfflineData.Core.Store;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Store
{
    /// <summary>Get-OfflineData -Reason NoTransactionId asks for something a row's Reason never is.</summary>
    public class StoreReasonFilterTests
    {
        private static readonly DateTime T = new DateTime(2024, 3, 1, 10, 0, 0);

        [Fact]
        public void ReasonNoTransactionIdSelectsTheRowsWithoutATransactionId()
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);
            StoreTestKit.Import(store, dir.WriteText("a.csv", Rows.Lines(
                StoreTestKit.OfflineRow(T, "C1", null),
                StoreTestKit.OfflineRow(T, "C2", "T9"))));

            var rows = store.GetOfflineRows(new OfflineRowQuery { Reason = Core.Matching.MatchReason.NoTransactionId }).ToList();

            Assert.Equal("C1", Assert.Single(rows).CustomerId);
            Assert.Equal(Core.Matching.MatchReason.NoTransactionId, rows[0].Match.TransactionReasonValue);
        }
    }
}
