using System;
using System.Linq;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Sqlite;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Store
{
    /// <summary>SQLite turns PowerShell wildcards, backtick escapes included, into GLOB patterns (what a query finds is in the store contract tests).</summary>
    public class StoreQueryWildcardTests
    {
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
