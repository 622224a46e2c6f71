using System.Linq;
using System.Text;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Encoding
{
    public class InvalidUtf8Tests
    {
        private static byte[] Bytes(string text) => new UTF8Encoding(false).GetBytes(text);

        private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

        [Fact]
        public void Windows1252ByteIsReportedWithItsLineColumnAndRow()
        {
            using var dir = new TempDirectory();
            // 0xE9 is 'é' in Windows-1252 and not valid UTF-8 on its own.
            var path = dir.WriteBytes("latin1.csv", Concat(
                Bytes(Rows.Lines(Rows.Valid(1)) + "2024-05-25 12:25:02;C2;7;CAT;Caf"),
                new byte[] { 0xE9 },
                Bytes(";1;2\n" + Rows.Valid(3) + "\n")));

            var scan = Scan.File(path);

            var f = scan.Single(FindingCode.InvalidUtf8);
            FindingAssert.Located(f, FindingCode.InvalidUtf8, FindingSeverity.Error, 2, 2, 5, "Event Name", "Caf\uFFFD", "UTF-8");
            Assert.True(scan.Rows[1].HasErrors);
            Assert.False(scan.Rows[0].HasErrors);
            Assert.False(scan.Rows[2].HasErrors);
            Assert.Equal(3, scan.Rows[2].Line);
        }

        [Fact]
        public void InvalidByteOnTheSecondLineOfAQuotedFieldNamesThatLine()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteBytes("multi.csv", Concat(
                Bytes(Rows.Valid(1) + "\n2024-05-25 12:25:02;C2;7;CAT;SKU;1;2;\"first line\nsecond "),
                new byte[] { 0xFF },
                Bytes("\"\n" + Rows.Valid(3) + "\n")));

            var scan = Scan.File(path);

            var f = scan.Single(FindingCode.InvalidUtf8);
            FindingAssert.Located(f, FindingCode.InvalidUtf8, FindingSeverity.Error, 3, 2, 8, "Var1", "first line\nsecond \uFFFD");
            Assert.Equal(2, scan.Rows[1].Line);
            Assert.Equal(4, scan.Rows[2].Line);
        }

        [Theory]
        [InlineData(new byte[] { 0xC0, 0xAF })]             // overlong '/'
        [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]       // UTF-16 surrogate half
        [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })] // above U+10FFFF
        [InlineData(new byte[] { 0xE2, 0x82 })]             // cut short
        [InlineData(new byte[] { 0x80 })]                   // lone continuation byte
        public void MalformedSequencesAreErrors(byte[] bad)
        {
            using var dir = new TempDirectory();
            var path = dir.WriteBytes("bad.csv", Concat(Bytes("2024-05-25 12:25:02;C"), bad, Bytes(";7;;SKU;1;2\n")));

            var scan = Scan.File(path);

            var f = scan.Single(FindingCode.InvalidUtf8);
            Assert.Equal(1, f.Line);
            Assert.Equal(2, f.ColumnNumber);
            Assert.Equal("Customer ID", f.ColumnName);
            Assert.True(scan.Rows.Single().HasErrors);
        }

        [Fact]
        public void ValidMultiByteTextIsAccepted()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("ok.csv", Rows.Lines("2024-05-25 12:25:02;Åsa Öberg;7;Café;寿司 🍣;1;2;Malmö"));

            var scan = Scan.File(path);

            Assert.Empty(scan.Findings);
            using var reader = OfflineDataReader.Open(path);
            Assert.True(reader.Read());
            Assert.Equal("寿司 🍣", reader.ToRecord().EventName);
        }
    }
}
