using System;
using System.Linq;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Sqlite;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Store
{
    /// <summary>Store filters take PowerShell wildcards, backtick escapes included.</summary>
    public class StoreQueryWildcardTests
    {
        private static readonly DateTime T = new DateTime(2024, 3, 1, 10, 0, 0);

        [Fact]
        public void AnEscapedBracketAsksForTheLiteralValue()
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);
            StoreTestKit.Import(store, dir.WriteText("a.csv", Rows.Lines(
                StoreTestKit.OfflineRow(T, "A[1]", "T*1"),
                StoreTestKit.OfflineRow(T, "A1", "TX1"))));

            Assert.Equal("A[1]", store.GetOfflineRows(new OfflineRowQuery { CustomerId = "A`[1`]" }).Single().CustomerId);
            Assert.Equal("A1", store.GetOfflineRows(new OfflineRowQuery { CustomerId = "A[1]" }).Single().CustomerId);
            Assert.Equal("A[1]", store.GetOfflineRows(new OfflineRowQuery { CustomerId = "A`[*" }).Single().CustomerId);
            Assert.Equal("T*1", store.GetOfflineRows(new OfflineRowQuery { TransactionId = "T`*1" }).Single().TransactionId);
            Assert.Equal(2, store.GetOfflineRows(new OfflineRowQuery { TransactionId = "T*1" }).Count());
        }

        [Theory]
        [InlineData("C1", false, "C1")]
        [InlineData("C*", true, "C*")]
        [InlineData("A`[1`]", false, "A[1]")]
        [InlineData("A`[*", true, "A[[]*")]
        [InlineData("x`?[ab]`*", true, "x[?][ab][*]")]
        [InlineData("ends`", false, "ends`")]
        public void PowerShellWildcardsBecomeGlobPatterns(string pattern, bool wildcard, string expected)
        {
            Assert.Equal(expected, WildcardGlob.Translate(pattern, out bool hasWildcard));
            Assert.Equal(wildcard, hasWildcard);
        }
    }
}
