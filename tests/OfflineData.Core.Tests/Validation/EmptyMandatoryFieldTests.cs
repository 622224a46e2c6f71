using OfflineData.Core.Findings;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Validation
{
    public class EmptyMandatoryFieldTests
    {
        [Theory]
        [InlineData(";C1;7;CAT;SKU;1;2", 1, "Time Stamp")]
        [InlineData("2024-05-25 12:25:01;;7;CAT;SKU;1;2", 2, "Customer ID")]
        [InlineData("2024-05-25 12:25:01;C1;;CAT;SKU;1;2", 3, "Event Type")]
        [InlineData("2024-05-25 12:25:01;C1;7;CAT;;1;2", 5, "Event Name")]
        [InlineData("2024-05-25 12:25:01;C1;7;CAT;SKU;;2", 6, "Num1")]
        [InlineData("2024-05-25 12:25:01;C1;7;CAT;SKU;1;", 7, "Num2")]
        [InlineData("2024-05-25 12:25:01;\"\";7;CAT;SKU;1;2", 2, "Customer ID")]
        public void EachMandatoryColumnIsReportedWhenEmpty(string row, int column, string name)
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("e.csv", Rows.Lines(Rows.Valid(1), row));

            var scan = Scan.File(path);

            var f = Assert.Single(scan.Findings);
            FindingAssert.Located(f, FindingCode.EmptyMandatoryField, FindingSeverity.Error, 2, 2, column, name, string.Empty, name, "mandatory");
            Assert.True(scan.Rows[1].HasErrors);
        }

        [Fact]
        public void EmptyCategoryIsFine()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("e.csv", Rows.Lines("2024-05-25 12:25:01;C1;7;;SKU;1;2"));

            using var reader = OfflineDataReader.Open(path);
            Assert.True(reader.Read());
            Assert.Empty(reader.Findings);
            Assert.False(reader.RowHasErrors);
            Assert.Null(reader.ToRecord().Category);
        }

        [Fact]
        public void WhitespaceIsNotEmpty()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("e.csv", Rows.Lines("2024-05-25 12:25:01; ;7;CAT;SKU;1;2"));

            Assert.Empty(Scan.File(path).Findings);
        }
    }
}
