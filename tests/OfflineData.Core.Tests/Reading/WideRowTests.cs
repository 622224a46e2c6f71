using System.Linq;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Reading
{
    public class WideRowTests
    {
        [Fact]
        public void RowWithManyTransactionAttributesKeepsEveryValueInOrder()
        {
            using var dir = new TempDirectory();
            var attributes = Enumerable.Range(1, 60).Select(i => i == 7 ? "\"has;separator\"" : "PID-" + i).ToArray();
            var path = dir.WriteText("wide.csv", Rows.Lines(Rows.Full(1, attributes), Rows.Full(2, "only-one")));

            using var reader = OfflineDataReader.Open(path);
            Assert.True(reader.Read());
            Assert.Empty(reader.Findings);
            Assert.Equal(82, reader.FieldCount);
            var record = reader.ToRecord();
            Assert.Equal(60, record.TransactionAttributes.Length);
            Assert.Equal("PID-1", record.TransactionAttributes[0]);
            Assert.Equal("has;separator", record.TransactionAttributes[6]);
            Assert.Equal("PID-60", record.TransactionAttributes[59]);
            Assert.Null(record.Var3);
            Assert.Equal("red", record.EventNameAttr1);

            Assert.True(reader.Read());
            Assert.Equal(new[] { "only-one" }, reader.ToRecord().TransactionAttributes);
        }

        [Fact]
        public void FindingInATransactionAttributeNamesThatAttribute()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("wide.csv", Rows.Lines(Rows.Full(1, "PID-1", "PID-2", "bad\"quote")));

            var scan = Scan.File(path);

            var f = scan.Single(FindingCode.StrayQuote);
            FindingAssert.Located(f, FindingCode.StrayQuote, FindingSeverity.Error, 1, 1, 25, "EventTransaction Attr3", "bad\"quote");
        }

        [Fact]
        public void RowWithOnlyTheSevenMandatoryFieldsHasNoOptionalValues()
        {
            using var dir = new TempDirectory();
            using var reader = OfflineDataReader.Open(dir.WriteText("narrow.csv", Rows.Lines(Rows.Valid(1))));

            Assert.True(reader.Read());
            var record = reader.ToRecord();
            Assert.Empty(record.TransactionAttributes);
            Assert.Null(record.Var1);
            Assert.Null(record.EventNameAttr10);
        }
    }
}
