using System;
using System.Linq;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Sqlite;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Store
{
    /// <summary>The contract parses PowerShell wildcards into dialect-neutral parts; SQLite turns them, backtick escapes included, into GLOB patterns (what a query finds is in the store contract tests).</summary>
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

        [Theory]
        [InlineData("100%_off*", "100%_off*")]
        [InlineData("[a-c]`]?", "[a-c]]?")]
        [InlineData("open[ab", "open[ab")]
        public void GlobLeavesOtherDialectsCharactersAlone_AndKeepsClassesAsWritten(string pattern, string expected)
        {
            Assert.Equal(expected, WildcardGlob.Translate(pattern, out bool hasWildcard));
            Assert.True(hasWildcard);
        }

        [Fact]
        public void AWildcardIsParsedIntoDialectNeutralParts_EscapesResolved()
        {
            var parsed = StoreWildcard.Parse("A`*%_?x*[a-c]`[1");

            Assert.True(parsed.HasWildcard);
            Assert.Equal(
                new[] { "Literal:A*%_", "AnyChar:", "Literal:x", "AnyString:", "Class:a-c", "Literal:[1" },
                parsed.Parts.Select(p => p.Kind + ":" + p.Text).ToArray());
        }

        [Fact]
        public void APatternWithoutWildcardsIsItsLiteralValue()
        {
            var parsed = StoreWildcard.Parse("A`[1`]`*");

            Assert.False(parsed.HasWildcard);
            Assert.Equal("A[1]*", parsed.Literal);
            Assert.Equal(new[] { "Literal:A[1]*" }, parsed.Parts.Select(p => p.Kind + ":" + p.Text).ToArray());
        }
    }
}
