using OfflineData.Core.Findings;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Findings
{
    public class FindingFormatTests
    {
        [Fact]
        public void LocationOfAPlainFileIsPathAndLine()
        {
            var f = new Finding(FindingCode.InvalidTimestamp, FindingSeverity.Error, "Time Stamp 'x' is bad.", "/data/a.csv", null, 12, 11, 1, "Time Stamp", "x");

            Assert.Equal("/data/a.csv:12", f.Location);
            Assert.Equal("/data/a.csv:12: error InvalidTimestamp (OD302): Time Stamp 'x' is bad.", f.ToString());
            Assert.Equal(302, f.CodeNumber);
        }

        [Fact]
        public void LocationOfAZipEntryNamesTheEntry()
        {
            var f = new Finding(FindingCode.DuplicateRow, FindingSeverity.Warning, "Duplicate.", "day.zip", "store1.csv", 7);

            Assert.Equal("day.zip!store1.csv:7", f.Location);
            Assert.Equal("day.zip!store1.csv:7: warning DuplicateRow (OD208): Duplicate.", f.ToString());
        }

        [Fact]
        public void FileLevelFindingHasNoLine()
        {
            var f = new Finding(FindingCode.EmptyArchive, FindingSeverity.Error, "The zip archive holds no file.", "empty.zip");

            Assert.Equal("empty.zip", f.Location);
            Assert.Equal("empty.zip: error EmptyArchive (OD103): The zip archive holds no file.", f.ToString());
        }

        [Fact]
        public void ReaderFindingFormatsWithItsRealLocation()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteZip("day.zip", ("in/s1.csv", Rows.Lines(Rows.Valid(1), "2024-05-25 12:25:02;C2;7;;SKU;1,5;2")));

            var f = Scan.File(path).Single(FindingCode.InvalidNumber);

            Assert.StartsWith(path + "!in/s1.csv:2: error InvalidNumber (OD304): Num1 '1,5' is not a number.", f.ToString());
        }

        [Theory]
        [InlineData(FindingCode.BlankRow, FindingSeverity.Warning)]
        [InlineData(FindingCode.DuplicateRow, FindingSeverity.Warning)]
        [InlineData(FindingCode.DuplicateCheckLimited, FindingSeverity.Warning)]
        [InlineData(FindingCode.FutureTimestamp, FindingSeverity.Warning)]
        [InlineData(FindingCode.NoDataRows, FindingSeverity.Warning)]
        [InlineData(FindingCode.InvalidUtf8, FindingSeverity.Error)]
        [InlineData(FindingCode.HeaderMismatch, FindingSeverity.Error)]
        [InlineData(FindingCode.CorruptArchive, FindingSeverity.Error)]
        public void EachCodeHasAFixedSeverity(FindingCode code, FindingSeverity severity)
        {
            Assert.Equal(severity, FindingCodeInfo.SeverityOf(code));
        }
    }
}
