using OfflineData.Core.Matching;
using Xunit;

namespace OfflineData.Core.Tests.Matching
{
    /// <summary>MatchResult as text: what Export-Csv writes in the Match column of a stored row.</summary>
    public sealed class MatchResultTests
    {
        [Fact]
        public void Text_without_a_detail_has_no_dangling_colon()
        {
            var stored = new MatchResult(MatchOutcome.CustomerId, MatchReason.CustomerMatched, MatchReason.NoTransactionId, null, "CUST-1", null, null, string.Empty);

            Assert.Equal("CustomerId (CustomerMatched)", stored.ToString());
        }

        [Fact]
        public void Text_with_a_detail_appends_it()
        {
            var fresh = new MatchResult(MatchOutcome.Unattributed, MatchReason.CustomerUnknown, MatchReason.NoTransactionId, null, null, null, null, "no such customer");

            Assert.Equal("Unattributed (CustomerUnknown): no such customer", fresh.ToString());
        }
    }
}
