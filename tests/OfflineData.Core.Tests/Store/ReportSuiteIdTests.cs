using System;
using OfflineData.Core.Store;
using Xunit;

namespace OfflineData.Core.Tests.Store
{
    public class ReportSuiteIdTests
    {
        [Theory]
        [InlineData("acme.prod")]
        [InlineData("a")]
        [InlineData("RSID-drmossdev5_0001343430")]
        public void AcceptsLettersDigitsDotsUnderscoresAndHyphens(string id) => Assert.True(ReportSuiteId.IsValid(id));

        [Theory]
        [InlineData("")]
        [InlineData(".acme")]
        [InlineData("acme prod")]
        [InlineData("acme/prod")]
        [InlineData("åkersberga")]
        public void RejectsOtherCharacters(string id) => Assert.False(ReportSuiteId.IsValid(id));

        [Fact]
        public void AtMostOneHundredCharacters()
        {
            Assert.True(ReportSuiteId.IsValid(new string('a', 100)));
            Assert.False(ReportSuiteId.IsValid(new string('a', 101)));
        }

        [Fact]
        public void TheErrorNamesTheRule()
        {
            var e = Assert.Throws<ArgumentException>(() => ReportSuiteId.Validate("bad id", "ReportSuite"));
            Assert.Contains("bad id", e.Message);
            Assert.Contains(ReportSuiteId.Pattern, e.Message);
        }
    }
}
