using System;
using System.Linq;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Reading
{
    public class ReaderBasicsTests
    {
        [Fact]
        public void ReadsValidRowsAsTypedRecords()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("a.csv", Rows.Lines("2014-05-25 12:25:43;CUST-1;7;CAT;SKU1;2;19.90;Stockholm", Rows.Valid(2)));
            using var reader = OfflineDataReader.Open(path);

            Assert.True(reader.Read());
            Assert.Empty(reader.Findings);
            var record = reader.ToRecord();
            Assert.Equal(new DateTime(2014, 5, 25, 12, 25, 43), record.Timestamp);
            Assert.Equal("CUST-1", record.CustomerId);
            Assert.Equal(7, record.EventType);
            Assert.Equal("CAT", record.Category);
            Assert.Equal("SKU1", record.EventName);
            Assert.Equal(2m, record.Num1);
            Assert.Equal(19.90m, record.Num2);
            Assert.Equal("Stockholm", record.Var1);
            Assert.Null(record.Var2);
            Assert.Equal(1, record.Line);
            Assert.Equal(1, record.RowIndex);
            Assert.Equal(path, record.Path);

            Assert.True(reader.Read());
            Assert.Equal(2, reader.Line);
            Assert.False(reader.Read());
        }

        [Fact]
        public void QuotedFieldsHoldSeparatorsDoubledQuotesAndLineBreaks()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("q.csv", "2024-01-01 10:00:00;C1;7;\"A;B\";\"Say \"\"hi\"\"\";1;2;\"line1\nline2\"\n" + Rows.Valid(3) + "\n");
            using var reader = OfflineDataReader.Open(path);

            Assert.True(reader.Read());
            Assert.False(reader.RowHasErrors, string.Join("; ", reader.Findings));
            var record = reader.ToRecord();
            Assert.Equal("A;B", record.Category);
            Assert.Equal("Say \"hi\"", record.EventName);
            Assert.Equal("line1\nline2", record.Var1);

            Assert.True(reader.Read());
            Assert.Equal(3, reader.Line); // the quoted line break advanced the physical line
            Assert.Equal(2, reader.RowIndex);
        }

        [Fact]
        public void ManyTransactionAttributesAfterTheNamedColumns()
        {
            using var dir = new TempDirectory();
            var attributes = Enumerable.Range(1, 40).Select(i => "T" + i).ToArray();
            var path = dir.WriteText("t.csv", Rows.Lines(Rows.Full(1, attributes)));
            using var reader = OfflineDataReader.Open(path);

            Assert.True(reader.Read());
            Assert.Empty(reader.Findings);
            var record = reader.ToRecord();
            Assert.Equal(attributes, record.TransactionAttributes);
            Assert.Equal("red", record.EventNameAttr1);
            Assert.Equal("BU1", record.Var2);
        }
    }
}
