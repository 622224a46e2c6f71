using System.Linq;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Validation
{
    public class DuplicateRowTests
    {
        [Fact]
        public void SecondOccurrenceIsAWarningOnItsOwnLine()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("d.csv", Rows.Lines(Rows.Header, Rows.Valid(1), Rows.Valid(2), Rows.Valid(1), Rows.Valid(1)));

            var scan = Scan.File(path);

            var dups = scan.Findings.Where(f => f.CodeValue == FindingCode.DuplicateRow).ToList();
            Assert.Equal(2, dups.Count);
            FindingAssert.Located(dups[0], FindingCode.DuplicateRow, FindingSeverity.Warning, 4, 3, null, null, Rows.Valid(1), "duplicate");
            Assert.Equal(5, dups[1].Line);
            Assert.Equal(4, dups[1].RowIndex);
            Assert.All(scan.Rows, r => Assert.False(r.HasErrors));
            Assert.Empty(scan.Rows[0].Findings);
        }

        [Fact]
        public void LineEndingsDoNotMakeRowsDifferent()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("d.csv", Rows.Valid(1) + "\r\n" + Rows.Valid(1) + "\n");

            Assert.Equal(2, Scan.File(path).Single(FindingCode.DuplicateRow).Line);
        }

        [Fact]
        public void RowsThatDifferInOneByteAreNotDuplicates()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("d.csv", Rows.Lines("2024-05-25 12:25:01;C1;7;;SKU;1;2", "2024-05-25 12:25:01;C1;7;;SKU;1;2.0", "2024-05-25 12:25:01;c1;7;;SKU;1;2"));

            Assert.Empty(Scan.File(path).Findings);
        }

        [Fact]
        public void DuplicatesAreFoundAcrossZipEntries()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteZip("d.zip", ("a.csv", Rows.Lines(Rows.Valid(1), Rows.Valid(2))), ("b.csv", Rows.Lines(Rows.Valid(3), Rows.Valid(2))));

            var f = Scan.File(path).Single(FindingCode.DuplicateRow);

            Assert.Equal("b.csv", f.Entry);
            Assert.Equal(2, f.Line);
            Assert.Equal(2, f.RowIndex);
        }

        [Fact]
        public void CanBeSwitchedOff()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("d.csv", Rows.Lines(Rows.Valid(1), Rows.Valid(1)));

            Assert.Empty(Scan.File(path, new OfflineDataReaderOptions { CheckDuplicates = false }).Findings);
        }
    }
}
