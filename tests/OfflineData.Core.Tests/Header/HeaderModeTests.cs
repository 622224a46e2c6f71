using System.Linq;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Header
{
    public class HeaderModeTests
    {
        [Fact]
        public void PresentTreatsTheFirstRecordAsAHeaderEvenWhenItIsUnrecognisable()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("h.csv", Rows.Lines("When;Who;What;Cat;Product;Amount;Total", Rows.Valid(1)));

            var scan = Scan.File(path, new OfflineDataReaderOptions { Header = HeaderMode.Present });

            Assert.Equal(1, scan.HeaderRows);
            var mismatches = scan.Findings.Where(x => x.CodeValue == FindingCode.HeaderMismatch).ToList();
            Assert.Equal(7, mismatches.Count);
            FindingAssert.Located(mismatches[0], FindingCode.HeaderMismatch, FindingSeverity.Error, 1, null, 1, "Time Stamp", "When", "expected 'Time Stamp'");
            FindingAssert.Located(mismatches[6], FindingCode.HeaderMismatch, FindingSeverity.Error, 1, null, 7, "Num2", "Total", "expected 'Num2'");
            var row = Assert.Single(scan.Rows);
            Assert.Equal(2, row.Line);
            Assert.False(row.HasErrors);
        }

        [Fact]
        public void AutoWouldTakeThatUnrecognisableFirstRecordAsData()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("h.csv", Rows.Lines("When;Who;What;Cat;Product;Amount;Total", Rows.Valid(1)));

            var scan = Scan.File(path);

            Assert.Equal(0, scan.HeaderRows);
            Assert.Equal(2, scan.Rows.Count);
            Assert.Contains(FindingCode.InvalidTimestamp, scan.Codes);
        }

        [Fact]
        public void AbsentTreatsARealHeaderAsADataRowWithErrors()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("h.csv", Rows.Lines(Rows.Header, Rows.Valid(1)));

            var scan = Scan.File(path, new OfflineDataReaderOptions { Header = HeaderMode.Absent });

            Assert.Equal(0, scan.HeaderRows);
            Assert.Equal(2, scan.Rows.Count);
            Assert.True(scan.Rows[0].HasErrors);
            Assert.False(scan.Rows[1].HasErrors);
            var ts = scan.Single(FindingCode.InvalidTimestamp);
            FindingAssert.Located(ts, FindingCode.InvalidTimestamp, FindingSeverity.Error, 1, 1, 1, "Time Stamp", "Time Stamp", "yyyy-MM-dd HH:mm:ss");
            Assert.DoesNotContain(FindingCode.HeaderMismatch, scan.Codes);
        }

        [Fact]
        public void PresentWithAGoodHeaderReportsNothing()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("h.csv", Rows.Lines(Rows.Header, Rows.Valid(1)));

            var scan = Scan.File(path, new OfflineDataReaderOptions { Header = HeaderMode.Present });

            Assert.Equal(1, scan.HeaderRows);
            Assert.Empty(scan.Findings);
        }
    }
}
