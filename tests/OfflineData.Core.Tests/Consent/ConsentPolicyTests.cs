using OfflineData.Core.Store;
using Xunit;

namespace OfflineData.Core.Tests.Consent
{
    /// <summary>A policy read back from its text (piped from an export into a delivery) and compared as sets.</summary>
    public sealed class ConsentPolicyTests
    {
        [Theory]
        [InlineData("collect = p|n", new[] { "collect" }, new[] { "n", "p" })]
        [InlineData("collect, share = n", new[] { "share", "COLLECT" }, new[] { "N" })]
        [InlineData("share,collect=LI|n", new[] { "collect", "share" }, new[] { "n", "li" })]
        public void APolicyInAnotherOrderOrCase_IsTheSame(string text, string[] scopes, string[] values)
        {
            Assert.True(ConsentPolicy.TryParse(text, out var parsed));
            Assert.True(new ConsentPolicy(scopes, values).IsSameAs(parsed));
        }

        [Theory]
        [InlineData("collect = n|p", new[] { "collect" }, new[] { "n" })]
        [InlineData("collect = n", new[] { "collect", "share" }, new[] { "n" })]
        public void APolicyWithOtherScopesOrValues_IsNotTheSame(string text, string[] scopes, string[] values)
        {
            Assert.True(ConsentPolicy.TryParse(text, out var parsed));
            Assert.False(new ConsentPolicy(scopes, values).IsSameAs(parsed));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("collect")]
        [InlineData("= n")]
        [InlineData("collect = ")]
        [InlineData("collect = x")]
        public void TextThatIsNoPolicy_IsNotParsed(string? text)
        {
            Assert.False(ConsentPolicy.TryParse(text, out var parsed));
            Assert.Null(parsed);
        }

        [Fact]
        public void ThePolicyReadsBackAsWritten() =>
            Assert.True(ConsentPolicy.TryParse(new ConsentPolicy(new[] { "collect", "marketing.email" }, new[] { "n", "u" }).ToString(), out var parsed)
                && parsed!.ToString() == "collect, marketing.email = n|u");
    }
}
