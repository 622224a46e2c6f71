using System.Linq;
using OfflineData.Core.Findings;
using OfflineData.Core.Matching;
using Xunit;

namespace OfflineData.Core.Tests.Import
{
    /// <summary>Per-reason counts are keyed by names, so JSON and CSV carry names; code may still index by the enum.</summary>
    public sealed class CountsByNameTests
    {
        [Fact]
        public void KeysAreNamesInTheEnumsOrderCaseInsensitive()
        {
            var counts = new CountsByName<MatchReason>();
            counts.Increment(MatchReason.CustomerUnknown);
            counts.Increment(MatchReason.RecordingDisabled);
            counts.Increment(MatchReason.CustomerUnknown);

            var expected = new[] { MatchReason.RecordingDisabled, MatchReason.CustomerUnknown }.OrderBy(r => (int)r).Select(r => r.ToString());
            Assert.Equal(expected, counts.Keys);
            Assert.Equal(2, counts[MatchReason.CustomerUnknown]);
            Assert.Equal(2, counts["customerunknown"]);
            Assert.True(counts.TryGetValue(MatchReason.RecordingDisabled, out var one));
            Assert.Equal(1, one);
            Assert.False(counts.ContainsKey(MatchReason.TransactionExpired));
        }

        [Fact]
        public void TextIsNameEqualsCountPairs()
        {
            var counts = new CountsByName<MatchReason>();
            Assert.Equal(string.Empty, counts.ToString());
            counts[MatchReason.TransactionUnknown] = 3;
            Assert.Equal("TransactionUnknown=3", counts.ToString());
        }
    }
}
