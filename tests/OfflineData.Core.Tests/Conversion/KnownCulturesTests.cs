using System;
using System.Globalization;
using OfflineData.Core.Conversion;
using Xunit;

namespace OfflineData.Core.Tests.Conversion
{
    public sealed class KnownCulturesTests
    {
        [Theory]
        [InlineData("sv-SE")]
        [InlineData("de-de")]
        [InlineData("")]
        public void TheMachinesCulturesAreKnown(string name)
        {
            Assert.True(KnownCultures.IsKnown(new CultureInfo(name)));
        }

        [Fact]
        public void AMadeUpNameIsRefusedWithTheNameInTheMessage()
        {
            CultureInfo madeUp;
            try
            {
                madeUp = new CultureInfo("xx-YY");
            }
            catch (CultureNotFoundException)
            {
                return; // Windows (NLS) refuses the name itself; ICU builds a culture for any well-formed name.
            }

            Assert.False(KnownCultures.IsKnown(madeUp));
            var e = Assert.Throws<ArgumentException>(() => KnownCultures.Require(madeUp));
            Assert.Contains("'xx-YY'", e.Message);
        }
    }
}
