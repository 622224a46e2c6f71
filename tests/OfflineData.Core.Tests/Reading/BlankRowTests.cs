using System.Linq;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Reading
{
    public class BlankRowTests
    {
        [Theory]
        [InlineData("\n")]
        [InlineData("\r\n")]
        public void BlankLineIsAWarningAndNotADataRow(string lineEnd)
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("b.csv", Rows.Valid(1) + lineEnd + lineEnd + Rows.Valid(2) + lineEnd);

            var scan = Scan.File(path);

            var f = scan.Single(FindingCode.BlankRow);
            FindingAssert.Located(f, FindingCode.BlankRow, FindingSeverity.Warning, 2, null, null, null, null, "empty");
            Assert.Equal(2, scan.Rows.Count);
            Assert.Equal(new long[] { 1, 3 }, scan.Rows.Select(r => r.Line));
            Assert.Equal(new long[] { 1, 2 }, scan.Rows.Select(r => r.RowIndex));
            Assert.All(scan.Rows, r => Assert.False(r.HasErrors));
        }

        [Theory]
        [InlineData(";;;;;;")]
        [InlineData(";;;;;;;;;;;;;;;;;;;;;")]
        [InlineData("\"\";;;\"\";;;")]
        public void RowOfSeparatorsOnlyIsABlankRowNotSixErrors(string row)
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("b.csv", Rows.Lines(Rows.Valid(1), row, Rows.Valid(3)));

            var scan = Scan.File(path);

            var f = Assert.Single(scan.Findings);
            FindingAssert.Located(f, FindingCode.BlankRow, FindingSeverity.Warning, 2, null, null, null, null, "only separators");
            Assert.Equal(new long[] { 1, 3 }, scan.Rows.Select(r => r.Line));
        }

        [Theory]
        [InlineData(" ;;;;;;")]
        [InlineData(";;;;;;x")]
        [InlineData(";;\"\"x;;;;")]
        public void RowWithAnythingInItIsData(string row)
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("b.csv", Rows.Lines(Rows.Valid(1), row));

            var scan = Scan.File(path);

            Assert.Equal(2, scan.Rows.Count);
            Assert.True(scan.Rows[1].HasErrors);
            Assert.DoesNotContain(FindingCode.BlankRow, scan.Codes);
        }

        [Fact]
        public void BlankRowsAreCountedButTheFileStaysValid()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("b.csv", Rows.Lines(Rows.Header, "", Rows.Valid(1), "", "", Rows.Valid(2)));

            var report = new OfflineDataValidator().Validate(path);

            Assert.True(report.IsValid);
            Assert.Equal(2, report.RowCount);
            Assert.Equal(3, report.WarningCount);
            Assert.Equal(new long?[] { 2, 4, 5 }, report.Findings.Where(x => x.CodeValue == FindingCode.BlankRow).Select(x => x.Line));
            Assert.Equal(1, report.HeaderRows);
        }

        [Fact]
        public void BlankLineBeforeTheHeaderDoesNotHideTheHeader()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("b.csv", Rows.Lines("", Rows.Header, Rows.Valid(1)));

            var scan = Scan.File(path);

            Assert.Equal(1, scan.HeaderRows);
            Assert.Equal(FindingCode.BlankRow, Assert.Single(scan.Findings).CodeValue);
            Assert.Equal(3, Assert.Single(scan.Rows).Line);
        }
    }
}
