using System.IO;
using System.Linq;
using System.Text;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;
using OfflineData.Core.Validation;
using Xunit;

namespace OfflineData.Core.Tests.Rules
{
    /// <summary>Quotes, size limits and UTF-8: the rules every record meets, reported for the row they are in.</summary>
    public class StructuralRulesTests
    {
        private static FindingCollector Check(byte[] record, OfflineDataReaderOptions options)
        {
            var t = new RecordTokenizer(new MemoryStream(record), options.MaxRecordLength, options.MaxFieldLength);
            t.DetectEncoding();
            Assert.True(t.ReadRecord());
            var sink = new FindingCollector("s.csv");
            StructuralRules.Check(t, 4, options, sink);
            return sink;
        }

        [Fact]
        public void AStrayQuoteIsReportedWithItsField()
        {
            var sink = Check(System.Text.Encoding.UTF8.GetBytes("2024-05-25 12:25:02;C\"1;7;;SKU;1;2\n"), new OfflineDataReaderOptions());
            var f = Assert.Single(sink.Items);
            Assert.Equal(FindingCode.StrayQuote, f.CodeValue);
            Assert.Equal(2, f.ColumnNumber);
            Assert.Equal(4, f.RowIndex);
            Assert.Equal(FindingMessages.StrayQuote, f.Message);
        }

        [Fact]
        public void AFieldOverTheLimitIsReportedWithItsLength()
        {
            var options = new OfflineDataReaderOptions { MaxFieldLength = 10 };
            var sink = Check(System.Text.Encoding.UTF8.GetBytes("2024-05-25 12:25:02;C1;7;;SKU;1;2\n"), options);
            var f = Assert.Single(sink.Items);
            Assert.Equal(FindingCode.FieldTooLong, f.CodeValue);
            Assert.Equal("The field is 19 bytes long; the limit is 10.", f.Message);
        }

        [Fact]
        public void InvalidUtf8IsReportedOnceWithItsFieldAndByte()
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes("2024-05-25 12:25:02;C1;7;;SKU;1;2\n").ToList();
            bytes.Insert(27, 0xE9); // a Windows-1252 "é" inside "SKU" (byte 28 of the row)
            var sink = Check(bytes.ToArray(), new OfflineDataReaderOptions());
            var f = Assert.Single(sink.Items);
            Assert.Equal(FindingCode.InvalidUtf8, f.CodeValue);
            Assert.Equal(5, f.ColumnNumber);
            Assert.Equal(FindingMessages.InvalidUtf8(27), f.Message);
        }

        [Fact]
        public void AValidRowHasNoStructuralFinding()
        {
            var sink = Check(System.Text.Encoding.UTF8.GetBytes("2024-05-25 12:25:02;Göteborg;7;\"a;\"\"b\"\"\";SKU;1;2\n"), new OfflineDataReaderOptions());
            Assert.Empty(sink.Items);
            Assert.False(sink.HasErrors);
        }
    }
}
