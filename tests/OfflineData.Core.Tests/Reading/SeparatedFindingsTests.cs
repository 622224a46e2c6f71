using System.IO;
using System.IO.Compression;
using System.Linq;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Reading
{
    /// <summary>The reader hands out a row's findings and the file's findings as two lists, so no caller sorts them.</summary>
    public class SeparatedFindingsTests
    {
        [Fact]
        public void HeaderAndBlankLineFindingsAreFileFindingsNotTheRowsErrors()
        {
            using var dir = new TempDirectory();
            var header = Rows.Header.Replace("Event Type", "Evnt Type");
            var path = dir.WriteText("f.csv", Rows.Lines(header, "", "2024-05-25 12:25:01;C1;seven;;SKU;1;2"));

            using var reader = OfflineDataReader.Open(path);
            Assert.True(reader.Read());

            Assert.Equal(new[] { FindingCode.HeaderMismatch, FindingCode.BlankRow }, reader.FileFindings.Select(f => f.CodeValue).ToArray());
            Assert.All(reader.FileFindings, f => Assert.Null(f.RowIndex));
            var own = Assert.Single(reader.RowFindings);
            Assert.Equal(FindingCode.InvalidEventType, own.CodeValue);
            Assert.Equal(1, own.RowIndex);
            Assert.True(reader.RowHasErrors);
            Assert.Equal(reader.FileFindings.Concat(reader.RowFindings), reader.Findings);
        }

        [Fact]
        public void AFileErrorBeforeAValidRowDoesNotMakeTheRowInvalid()
        {
            using var dir = new TempDirectory();
            var header = Rows.Header.Replace("Customer ID", "Kunde");
            var path = dir.WriteText("f.csv", Rows.Lines(header, Rows.Valid(1)));

            using var reader = OfflineDataReader.Open(path);
            Assert.True(reader.Read());

            Assert.Equal(FindingSeverity.Error, Assert.Single(reader.FileFindings).SeverityValue);
            Assert.Empty(reader.RowFindings);
            Assert.False(reader.RowHasErrors);
            Assert.NotNull(reader.ToRecord());
        }

        [Fact]
        public void TrailingFindingsAreFileFindingsAfterTheLastRow()
        {
            using var dir = new TempDirectory();
            var path = dir.Combine("two.zip");
            using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
            {
                using (var w = new StreamWriter(zip.CreateEntry("a.csv").Open())) w.Write(Rows.Lines(Rows.Valid(1), Rows.Valid(1)));
                using (var w = new StreamWriter(zip.CreateEntry("b.csv").Open())) w.Write(Rows.Lines(Rows.Header));
            }

            using var reader = OfflineDataReader.Open(path);
            Assert.True(reader.Read());
            Assert.Empty(reader.FileFindings);
            Assert.True(reader.Read());
            Assert.Equal(FindingCode.DuplicateRow, Assert.Single(reader.RowFindings).CodeValue);
            Assert.False(reader.RowHasErrors);

            Assert.False(reader.Read());
            Assert.Empty(reader.RowFindings);
            var empty = Assert.Single(reader.FileFindings);
            Assert.Equal(FindingCode.NoDataRows, empty.CodeValue);
            Assert.Equal("b.csv", empty.Entry);
        }
    }
}
