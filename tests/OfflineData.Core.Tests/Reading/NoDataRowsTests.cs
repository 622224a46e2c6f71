using OfflineData.Core.Findings;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Validation;
using Xunit;

namespace OfflineData.Core.Tests.Reading
{
    public class NoDataRowsTests
    {
        [Fact]
        public void EmptyFile()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("empty.csv", string.Empty);

            var scan = Scan.File(path);

            Assert.Empty(scan.Rows);
            var f = Assert.Single(scan.Findings);
            FindingAssert.Located(f, FindingCode.NoDataRows, FindingSeverity.Warning, null, null, null, null, null, "no data rows");
            Assert.Equal(path, f.Path);
            Assert.Null(f.Entry);
        }

        [Fact]
        public void HeaderOnlyFile()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("header.csv", Rows.Lines(Rows.Header));

            var scan = Scan.File(path);

            Assert.Empty(scan.Rows);
            Assert.Equal(1, scan.HeaderRows);
            var f = Assert.Single(scan.Findings);
            FindingAssert.Located(f, FindingCode.NoDataRows, FindingSeverity.Warning, null, null, null, null, null, "only a header");
        }

        [Fact]
        public void ValidatorCountsAnEmptyFileAsAWarningWithNoRows()
        {
            using var dir = new TempDirectory();
            var report = new OfflineDataValidator().Validate(dir.WriteText("empty.csv", string.Empty));

            Assert.Equal(0, report.RowCount);
            Assert.Equal(0, report.ErrorCount);
            Assert.Equal(1, report.WarningCount);
            Assert.True(report.IsValid);
            Assert.Equal(FindingCode.NoDataRows, Assert.Single(report.Findings).CodeValue);
        }
    }
}
