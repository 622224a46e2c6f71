using OfflineData.Core.Findings;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Validation
{
    public class TooFewFieldsTests
    {
        [Theory]
        [InlineData("2024-05-25 12:25:01;C1;7;CAT;SKU;1", 6, 7, "Num2")]
        [InlineData("2024-05-25 12:25:01;C1;7", 3, 4, "Category")]
        [InlineData("2024-05-25 12:25:01", 1, 2, "Customer ID")]
        public void RowShortOfTheMandatoryFieldsNamesTheFirstMissingColumn(string row, int fields, int column, string name)
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("f.csv", Rows.Lines(Rows.Valid(1), row, Rows.Valid(3)));

            var scan = Scan.File(path);

            var f = scan.Single(FindingCode.TooFewFields);
            FindingAssert.Located(f, FindingCode.TooFewFields, FindingSeverity.Error, 2, 2, column, name, row, $"{fields} field(s)", "at least 7");
            Assert.True(scan.Rows[1].HasErrors);
            Assert.False(scan.Rows[2].HasErrors);
        }

        [Fact]
        public void TheFieldsThatArePresentAreStillChecked()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("f.csv", Rows.Lines("2024-05-25 12:25:01;C1;seven;CAT"));

            var scan = Scan.File(path);

            Assert.Equal(1, scan.Single(FindingCode.TooFewFields).Line);
            Assert.Equal(3, scan.Single(FindingCode.InvalidEventType).ColumnNumber);
        }

        [Fact]
        public void SevenFieldsWithEmptyTrailingOptionalOnesAreEnough()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("f.csv", Rows.Lines("2024-05-25 12:25:01;C1;7;;SKU;1;2", "2024-05-25 12:25:02;C1;7;;SKU;1;2;;;;;"));

            Assert.Empty(Scan.File(path).Findings);
        }
    }
}
