using System.Linq;
using System.Text;
using OfflineData.Core.Findings;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Validation;
using Xunit;

namespace OfflineData.Core.Tests.Encoding
{
    public class UnsupportedEncodingTests
    {
        private static readonly string Content = Rows.Lines(Rows.Header, Rows.Valid(1), Rows.Valid(2));

        [Theory]
        [InlineData("utf-16LE-bom", "UTF-16")]
        [InlineData("utf-16BE-bom", "UTF-16")]
        [InlineData("utf-16LE", "UTF-16")]
        [InlineData("utf-16BE", "UTF-16")]
        [InlineData("utf-32LE-bom", "UTF-32")]
        public void NonUtf8TextIsReportedAndNothingIsParsed(string kind, string named)
        {
            System.Text.Encoding encoding = kind.StartsWith("utf-16LE") ? new UnicodeEncoding(false, true)
                : kind.StartsWith("utf-16BE") ? new UnicodeEncoding(true, true)
                : new UTF32Encoding(false, true);
            var bytes = kind.EndsWith("-bom") ? encoding.GetPreamble().Concat(encoding.GetBytes(Content)).ToArray() : encoding.GetBytes(Content);
            using var dir = new TempDirectory();
            var path = dir.WriteBytes(kind + ".csv", bytes);

            var scan = Scan.File(path);

            Assert.Empty(scan.Rows);
            Assert.Equal(0, scan.HeaderRows);
            var f = Assert.Single(scan.Findings);
            FindingAssert.Located(f, FindingCode.UnsupportedEncoding, FindingSeverity.Error, null, null, null, null, null, named, "Convert-OfflineDataFile");
            Assert.Equal(path, f.Path);
        }

        [Fact]
        public void ValidatorReportsTheFileAsInvalidWithNoRows()
        {
            using var dir = new TempDirectory();
            var encoding = new UnicodeEncoding(false, true);
            var path = dir.WriteBytes("u16.csv", encoding.GetPreamble().Concat(encoding.GetBytes(Content)).ToArray());

            var report = new OfflineDataValidator().Validate(path);

            Assert.False(report.IsValid);
            Assert.Equal(0, report.RowCount);
            Assert.Equal(1, report.ErrorCount);
            Assert.Equal(FindingCode.UnsupportedEncoding, Assert.Single(report.CodeCounts).CodeValue);
        }
    }
}
