using System;
using OfflineData.Core.Format;
using OfflineData.Core.Matching;
using Xunit;

namespace OfflineData.Core.Tests.Matching
{
    public class TransactionIdColumnTests
    {
        [Fact]
        public void DefaultIsTheFirstEventTransactionAttribute()
        {
            Assert.Equal(23, TransactionIdColumn.Default.Number);
            Assert.Equal("EventTransaction Attr1", TransactionIdColumn.Default.Name);
        }

        [Theory]
        [InlineData("23", 23)]
        [InlineData("EventTransaction Attr2", 24)]
        [InlineData("transactionattr3", 25)]
        [InlineData("Var1", 8)]
        [InlineData("EventName Attr10", 22)]
        [InlineData("Customer ID", 2)]
        public void ParsesNumbersAndNames(string text, int number)
        {
            Assert.Equal(number, TransactionIdColumn.Parse(text).Number);
        }

        [Theory]
        [InlineData("Num2")]
        [InlineData("Time Stamp")]
        [InlineData("0")]
        [InlineData("NoSuchColumn")]
        public void RejectsColumnsThatCannotHoldATransactionId(string text)
        {
            var e = Assert.Throws<ArgumentException>(() => TransactionIdColumn.Parse(text));
            Assert.Contains(text, e.Message);
        }

        [Fact]
        public void AMissingOrBlankCellIsNoTransactionId()
        {
            var record = new OfflineDataRecord { TransactionAttributes = new[] { "  " } };
            Assert.Null(TransactionIdColumn.Default.GetValue(record));
            Assert.Null(TransactionIdColumn.Parse("EventTransaction Attr5").GetValue(record));
        }

        [Fact]
        public void The_transaction_id_is_looked_up_trimmed_and_invisible_characters_are_no_id()
        {
            // The same rule as when Import-OnlineData recorded it, so " T1" finds the recorded "T1".
            Assert.Equal("T1", TransactionIdColumn.Default.GetValue(new OfflineDataRecord { TransactionAttributes = new[] { " T1\u200B" } }));
            Assert.Null(TransactionIdColumn.Default.GetValue(new OfflineDataRecord { TransactionAttributes = new[] { "\u200B" } }));
        }
    }
}
