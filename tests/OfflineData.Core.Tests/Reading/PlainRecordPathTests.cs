using System.IO;
using System.Linq;
using System.Text;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;
using Xunit;

namespace OfflineData.Core.Tests.Reading
{
    /// <summary>
    /// A record without quotes whose line end is in the buffer is split by the fast path; any other by the general
    /// one. Both must give the same fields, lengths and issues: the same line read with and without its line end
    /// (the last line of a stream without one takes the general path) is compared field by field.
    /// </summary>
    public class PlainRecordPathTests
    {
        public static TheoryData<string> Lines => new TheoryData<string>
        {
            "2024-05-25 12:25:02;C1;7;;SKU;1;2",
            "2024-05-25 12:25:02;C1;7;;SKU;1;2;",
            ";;;;;;",
            " ",
            "a",
            "2024-05-25 12:25:02;Göteborg;7;Café;SKU;1;2;x;y;z;;;;;;;;;;;;;;attr1;attr2",
            "12345678;12345678;1234567;123456789;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;x",
            "text\rwith a carriage return inside;2",
            new string('x', 100) + ";" + new string('y', 7),
            "2024-05-25 12:25:02;C1;7;\"a;b\";SKU;1;2",
            "\"2024-05-25 12:25:02\";\"C1\";7;\"say \"\"hi\"\"\";\"\";\"\"\"\";\"x\"",
            "2024-05-25 12:25:02;C1;7;\"a\";",
            "2024-05-25 12:25:02;C\"1;7",
            "2024-05-25 12:25:02;\"C1\"x;7",
            "2024-05-25 12:25:02;\"C1\"\r;7",
            "2024-05-25 12:25:02;\"never closed;7",
            "2024-05-25 12:25:02;C1;\"" + new string('q', 80) + "\";1",
        };

        [Theory]
        [MemberData(nameof(Lines))]
        public void FastAndGeneralPathsSplitAlike(string line)
        {
            var fast = Split(line + "\r\n", 64);
            var general = Split(line, 64);

            Assert.Equal(general.Fields, fast.Fields);
            Assert.Equal(general.Issues, fast.Issues);
            Assert.Equal(general.Record, fast.Record);
        }

        [Fact]
        public void AQuotedFieldWithALineBreakIsLeftToTheGeneralPath()
        {
            var t = Tokenizer("2024-05-25 12:25:02;C1;7;\"two\nlines\";SKU;1;2\n" + "2024-05-25 12:25:03;C2;7;;SKU;1;2\n", 1 << 16);
            Assert.True(t.ReadRecord());
            Assert.Equal("two\nlines", t.DecodeField(3));
            Assert.Equal(7, t.FieldCount);
            Assert.True(t.ReadRecord());
            Assert.Equal(3, t.Line);
            Assert.Equal("C2", t.DecodeField(1));
        }

        [Fact]
        public void AFieldOverTheLimitIsReportedOnTheFastPathToo()
        {
            var fast = Split("2024-05-25 12:25:02;" + new string('c', 70) + ";7;;SKU;1;2\n", 64);
            Assert.Equal(new[] { "FieldTooLong@1" }, fast.Issues);
        }

        [Theory]
        [InlineData("2024-05-25 12:25:02;C1;7;;SKU;1;2\n", true)]
        [InlineData("2024-05-25 12:25:02;Göteborg;7;;SKU;1;2\n", false)]
        [InlineData("2024-05-25 12:25:02;C1;7;;SKU;1;\u00e9\n", false)] // in the bytes after the last whole 8
        public void TheFastPathKnowsWhetherTheRecordIsAscii(string text, bool ascii)
        {
            var t = Tokenizer(text, 1 << 16);
            Assert.True(t.ReadRecord());
            Assert.Equal(ascii, t.IsAscii);
            Assert.Equal(-1, t.IndexOfInvalidUtf8());
        }

        [Fact]
        public void InvalidUtf8IsFoundWhereItIsAfterTheDecoderRejectsTheRecord()
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes("2024-05-25 12:25:02;C1;7;;SKU;1;2\n");
            bytes[21] = 0xC3; // a lead byte followed by '1', not a continuation byte
            var t = new RecordTokenizer(new MemoryStream(bytes), 1 << 20, 1 << 16);
            t.DetectEncoding();
            Assert.True(t.ReadRecord());
            Assert.Equal(21, t.IndexOfInvalidUtf8());
        }

        private static RecordTokenizer Tokenizer(string text, int maxField)
        {
            var t = new RecordTokenizer(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), 1 << 20, maxField);
            t.DetectEncoding();
            return t;
        }

        private static (string[] Fields, string[] Issues, string Record) Split(string text, int maxField)
        {
            var t = Tokenizer(text, maxField);
            Assert.True(t.ReadRecord());
            var fields = Enumerable.Range(0, t.FieldCount).Select(i => t.DecodeField(i)).ToArray();
            var issues = t.Issues.Select(i => $"{i.Code}@{i.FieldIndex}").ToArray();
            return (fields, issues, t.DecodeRecord());
        }
    }
}
