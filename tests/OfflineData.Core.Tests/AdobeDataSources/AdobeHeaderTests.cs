using System;
using OfflineData.Core.Writing.AdobeDataSources;
using Xunit;

namespace OfflineData.Core.Tests.AdobeDataSources
{
    public sealed class AdobeHeaderTests
    {
        [Theory]
        [InlineData("eVar1", "Evar 1")]
        [InlineData("evar 1", "Evar 1")]
        [InlineData("EVAR1", "Evar 1")]
        [InlineData("evar_250", "Evar 250")]
        [InlineData("event5", "Event 5")]
        [InlineData("Event 1000", "Event 1000")]
        [InlineData("product", "Product")]
        [InlineData("PRICE", "Price")]
        [InlineData("cartadds", "Cart Adds")]
        [InlineData("marketing channel detail", "Marketing Channel Detail")]
        [InlineData("TransactionId", "transactionID")]
        [InlineData("trackingcode", "Tracking Code")]
        public void CanonicalSpelling(string given, string canonical) => Assert.Equal(canonical, AdobeHeaders.Canonicalize(given));

        [Theory]
        [InlineData("Evar 0")]
        [InlineData("Evar 251")]
        [InlineData("Event 1001")]
        [InlineData("event05")]
        [InlineData("Revenue")]
        [InlineData("prop1")]
        public void UnknownHeaderIsRefusedWithTheSupportedList(string given)
        {
            var e = Assert.Throws<ArgumentException>(() => AdobeHeaders.Canonicalize(given));
            Assert.Contains("'" + given + "'", e.Message);
            Assert.Contains("Evar 1..Evar 250", e.Message);
            Assert.Contains("Event 1..Event 1000", e.Message);
            Assert.Contains("Marketing Channel", e.Message);
        }

        [Fact]
        public void MappingCanonicalisesAndReplacesInPlace()
        {
            var map = AdobeColumnMap.Default(AdobeTemplate.TransactionId)
                .With("EVAR1", AdobeValueSource.Parse("Var1"))
                .With("quantity", AdobeValueSource.Parse("Num2"))
                .With("event5", AdobeValueSource.Parse("Num1"));
            Assert.Equal(new[] { "Date", "transactionID", "Product", "Category", "Quantity", "Price", "Orders", "Evar 1", "Event 5" }, map.Headers);
            Assert.Equal(7, map.Columns[3].Value.ColumnNumber);
        }

        [Theory]
        [InlineData("EventName", 5)]
        [InlineData("Event Name", 5)]
        [InlineData("num1", 6)]
        [InlineData("7", 7)]
        [InlineData("Var5", 12)]
        [InlineData("EventTransaction Attr2", 24)]
        [InlineData("TransactionAttr3", 25)]
        public void SourceColumnsByNameOrNumber(string text, int number) => Assert.Equal(number, AdobeValueSource.Parse(text).ColumnNumber);

        [Fact]
        public void UnknownSourceColumnIsRefused()
            => Assert.Contains("names no offline data column", Assert.Throws<ArgumentException>(() => AdobeValueSource.Parse("Colour")).Message);

        [Fact]
        public void KeyColumnCannotBeRemoved()
            => Assert.Throws<ArgumentException>(() => AdobeColumnMap.Default(AdobeTemplate.TransactionId).Without("transactionid"));
    }
}
