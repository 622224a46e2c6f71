using System.Linq;
using OfflineData.Core.Findings;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Header
{
    public class HeaderDetectionTests
    {
        [Theory]
        [InlineData("Time Stamp;Customer ID;Event Type;Category;Event Name;Num1;Num2")]
        [InlineData("TIMESTAMP;customerid;EVENT TYPE;category;eventname;NUM1;num2")]
        [InlineData("time_stamp;Customer-ID; Event Type ;Category;Event Name;Num 1;Num2;Var1")]
        [InlineData("\"Time Stamp\";\"Customer ID\";\"Event Type\";Category;Event Name;Num1;Num2")]
        public void HeaderIsRecognisedIgnoringCaseAndSpaces(string header)
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("h.csv", Rows.Lines(header, Rows.Valid(1)));

            var scan = Scan.File(path);

            Assert.Equal(1, scan.HeaderRows);
            Assert.Empty(scan.Findings);
            var row = Assert.Single(scan.Rows);
            Assert.Equal(2, row.Line);
            Assert.Equal(1, row.RowIndex);
        }

        [Fact]
        public void StrayQuoteInTheHeaderIsLocatedWithoutARowIndex()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("h.csv", Rows.Lines("Time Stamp;Customer ID;Event Type;Cate\"gory;Event Name;Num1;Num2", Rows.Valid(1)));

            var scan = Scan.File(path);

            Assert.Equal(1, scan.HeaderRows);
            var f = scan.Single(FindingCode.StrayQuote);
            FindingAssert.Located(f, FindingCode.StrayQuote, FindingSeverity.Error, 1, null, 4, "Category", "Cate\"gory");
            Assert.False(Assert.Single(scan.Rows).HasErrors);
        }

        [Fact]
        public void FileWithoutHeaderStartsWithData()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("h.csv", Rows.Lines(Rows.Valid(1), Rows.Valid(2)));

            var scan = Scan.File(path);

            Assert.Equal(0, scan.HeaderRows);
            Assert.Equal(new long[] { 1, 2 }, scan.Rows.Select(r => r.Line));
            Assert.Empty(scan.Findings);
        }

        [Fact]
        public void FirstRowWithABadTimestampIsDataNotAHeader()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("h.csv", Rows.Lines("25.05.2024 12:25;C1;7;CAT;SKU;1;2", Rows.Valid(2)));

            var scan = Scan.File(path);

            Assert.Equal(0, scan.HeaderRows);
            Assert.Equal(2, scan.Rows.Count);
            Assert.Equal(1, scan.Single(FindingCode.InvalidTimestamp).Line);
        }

        [Fact]
        public void HeaderIsOnlyLookedForOnTheFirstRecord()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("h.csv", Rows.Lines(Rows.Valid(1), Rows.Header));

            var scan = Scan.File(path);

            Assert.Equal(0, scan.HeaderRows);
            Assert.Equal(2, scan.Rows.Count);
            Assert.Contains(FindingCode.InvalidTimestamp, scan.Codes);
            Assert.True(scan.Rows[1].HasErrors);
        }
    }
}
