using System;
using OfflineData.Core.Format;
using Xunit;

namespace OfflineData.Core.Tests.Conversion
{
    /// <summary>The attribute list's text form is what Export-Csv writes for it, so it must read back exactly.</summary>
    public sealed class TransactionAttributeListTests
    {
        [Theory]
        [InlineData(new string[0], "")]
        [InlineData(new[] { "ORD-1" }, "ORD-1")]
        [InlineData(new[] { "ORD-1", "POS-2" }, "ORD-1;POS-2")]
        [InlineData(new[] { "", "B" }, ";B")]
        [InlineData(new[] { "A", "" }, "A;")]
        [InlineData(new[] { "" }, "\"\"")]
        [InlineData(new[] { "a;b", "say \"hi\"", "two\nlines" }, "\"a;b\";\"say \"\"hi\"\"\";\"two\nlines\"")]
        public void TextFormIsTheFormatsOwnAndReadsBack(string[] values, string text)
        {
            TransactionAttributeList list = values;
            Assert.Equal(text, list.ToString());
            Assert.Equal(values, TransactionAttributeList.Parse(text));
        }

        [Theory]
        [InlineData("a\"b")]
        [InlineData("\"never closed")]
        [InlineData("\"closed\"then")]
        public void TextNotInThatFormIsOneValueAsItIs(string text)
        {
            Assert.Equal(new[] { text }, TransactionAttributeList.Parse(text));
        }

        [Fact]
        public void BehavesLikeTheArrayItReplaces()
        {
            var record = new OfflineDataRecord { TransactionAttributes = new[] { "P1", "P2" } };
            Assert.Equal(2, record.TransactionAttributes.Length);
            Assert.Equal("P2", record.TransactionAttributes[1]);
            string[] copy = record.TransactionAttributes;
            Assert.Equal(new[] { "P1", "P2" }, copy);
            record.TransactionAttributes = null!;
            Assert.Empty(record.TransactionAttributes);
            Assert.Throws<NotSupportedException>(() => ((System.Collections.Generic.IList<string>)record.TransactionAttributes).Add("x"));
        }
    }
}
