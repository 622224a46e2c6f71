using System;
using System.Globalization;
using System.Text;
using OfflineData.Core.Reading;
using Xunit;

namespace OfflineData.Core.Tests.Reading
{
    /// <summary>Records are mapped by the field parsers that checked them: the same value, scale and sign as decimal.Parse.</summary>
    public class ParseNumberTests
    {
        [Theory]
        [InlineData("0")]
        [InlineData("-0")]
        [InlineData("-0.00")]
        [InlineData("12.50")]
        [InlineData("+7")]
        [InlineData("-12.5")]
        [InlineData(".5")]
        [InlineData("5.")]
        [InlineData("007.250")]
        [InlineData("18446744073709551615")]
        [InlineData("1234567890123456789")]
        [InlineData("9999999999999999999999999999")]
        [InlineData("0.000000000000000000000000001")]
        public void SameAsDecimalParse(string text)
        {
            var expected = decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            var actual = FieldParsers.ParseNumber(System.Text.Encoding.ASCII.GetBytes(text));
            Assert.Equal(expected, actual);
            Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), actual.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(decimal.GetBits(expected), decimal.GetBits(actual));
        }

        [Theory]
        [InlineData("1,5")]
        [InlineData("")]
        [InlineData(".")]
        public void NotANumberThrows(string text)
        {
            Assert.Throws<FormatException>(() => FieldParsers.ParseNumber(System.Text.Encoding.ASCII.GetBytes(text)));
        }
    }
}
