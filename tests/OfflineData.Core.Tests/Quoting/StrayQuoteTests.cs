using System.Linq;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Quoting
{
    public class StrayQuoteTests
    {
        [Fact]
        public void QuoteInsideAnUnquotedField()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("s.csv", Rows.Lines(Rows.Valid(1), "2024-05-25 12:25:02;C2;7;CAT;12\" screen;1;2", Rows.Valid(3)));

            var scan = Scan.File(path);

            var f = scan.Single(FindingCode.StrayQuote);
            FindingAssert.Located(f, FindingCode.StrayQuote, FindingSeverity.Error, 2, 2, 5, "Event Name", "12\" screen", "quote");
            Assert.Equal(new[] { false, true, false }, scan.Rows.Select(r => r.HasErrors));
            Assert.Equal(3, scan.Rows[2].Line);
        }

        [Fact]
        public void TextAfterAClosingQuote()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("s.csv", Rows.Lines("2024-05-25 12:25:02;C2;7;\"CAT\"X;SKU;1;2", Rows.Valid(3)));

            var scan = Scan.File(path);

            var f = scan.Single(FindingCode.StrayQuote);
            FindingAssert.Located(f, FindingCode.StrayQuote, FindingSeverity.Error, 1, 1, 4, "Category", "\"CAT\"X", "closing quote");
            Assert.Equal(2, scan.Rows.Count);
            Assert.False(scan.Rows[1].HasErrors);
        }

        [Fact]
        public void SeveralStrayQuotesInOneFieldAreOneFinding()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("s.csv", Rows.Lines("2024-05-25 12:25:02;C2;7;\"CAT\"X\"Y\";SKU;1;2", "2024-05-25 12:25:03;C3;7;A\"B\"C;SKU;1;2"));

            var scan = Scan.File(path);

            var strays = scan.Findings.Where(f => f.CodeValue == FindingCode.StrayQuote).ToList();
            Assert.Equal(2, strays.Count);
            FindingAssert.Located(strays[0], FindingCode.StrayQuote, FindingSeverity.Error, 1, 1, 4, "Category", "\"CAT\"X\"Y\"");
            FindingAssert.Located(strays[1], FindingCode.StrayQuote, FindingSeverity.Error, 2, 2, 4, "Category", "A\"B\"C");
        }

        [Fact]
        public void DoubledQuotesInsideAQuotedFieldAreNotStray()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("s.csv", Rows.Lines("2024-05-25 12:25:02;C2;7;CAT;\"12\"\" screen\";1;2"));

            using var reader = OfflineDataReader.Open(path);
            Assert.True(reader.Read());
            Assert.Empty(reader.Findings);
            Assert.Equal("12\" screen", reader.GetString(4));
            Assert.Equal("12\" screen", reader.ToRecord().EventName);
        }
    }
}
