using System.Linq;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Validation;
using Xunit;

namespace OfflineData.Core.Tests.Header
{
    public class HeaderMismatchTests
    {
        [Fact]
        public void MisspeltFirstNameStillMakesAHeaderAndIsReportedWithTheExpectedName()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("h.csv", Rows.Lines("Time Stmp;Customer ID;Event Type;Category;Event Name;Num1;Num2", Rows.Valid(1)));

            var scan = Scan.File(path);

            Assert.Equal(1, scan.HeaderRows);
            var f = scan.Single(FindingCode.HeaderMismatch);
            FindingAssert.Located(f, FindingCode.HeaderMismatch, FindingSeverity.Error, 1, null, 1, "Time Stamp", "Time Stmp", "'Time Stmp'", "expected 'Time Stamp'");
            var row = Assert.Single(scan.Rows);
            Assert.Equal(2, row.Line);
        }

        [Fact]
        public void AHeaderMismatchDoesNotMakeTheFirstDataRowInvalid()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("h.csv", Rows.Lines("Time Stamp;Customer ID;Event Typ;Category;Event Name;Num1;Num2", Rows.Valid(1), Rows.Valid(2)));

            var report = new OfflineDataValidator().Validate(path);

            Assert.False(report.IsValid);
            Assert.Equal(1, report.ErrorCount);
            Assert.Equal(2, report.RowCount);
            Assert.Equal(0, report.InvalidRowCount);
            Assert.Equal(2, report.ValidRowCount);
            using var reader = OfflineDataReader.Open(path);
            Assert.True(reader.Read());
            Assert.False(reader.RowHasErrors);
            Assert.Equal("Event Type", Assert.Single(reader.Findings).ColumnName);
            Assert.Equal("C0001", reader.ToRecord().CustomerId);
        }

        [Fact]
        public void SwappedColumnsAreEachReported()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("h.csv", Rows.Lines("Time Stamp;Customer ID;Event Type;Event Name;Category;Num1;Num2", Rows.Valid(1)));

            var scan = Scan.File(path);

            var mismatches = scan.Findings.Where(x => x.CodeValue == FindingCode.HeaderMismatch).ToList();
            Assert.Equal(2, mismatches.Count);
            FindingAssert.Located(mismatches[0], FindingCode.HeaderMismatch, FindingSeverity.Error, 1, null, 4, "Category", "Event Name", "expected 'Category'");
            FindingAssert.Located(mismatches[1], FindingCode.HeaderMismatch, FindingSeverity.Error, 1, null, 5, "Event Name", "Category", "expected 'Event Name'");
        }

        [Fact]
        public void HeaderWithTooFewColumnsNamesTheFirstMissingOne()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("h.csv", Rows.Lines("Time Stamp;Customer ID;Event Type;Category;Event Name", Rows.Valid(1)));

            var scan = Scan.File(path);

            var f = scan.Single(FindingCode.HeaderMismatch);
            FindingAssert.Located(f, FindingCode.HeaderMismatch, FindingSeverity.Error, 1, null, 6, "Num1", null, "5 column", "Num1");
        }
    }
}
