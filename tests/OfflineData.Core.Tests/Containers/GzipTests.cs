using System.IO;
using System.Linq;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Containers
{
    public class GzipTests
    {
        [Fact]
        public void GzipIsRecognisedByContentAndReadLikeAPlainFile()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteGzip("export.csv", Rows.Lines(Rows.Header, Rows.Valid(1), "2024-05-25 12:25:02;C2;7;;SKU;1;abc"));

            var scan = Scan.File(path);

            Assert.Equal(1, scan.HeaderRows);
            Assert.Equal(new long[] { 2, 3 }, scan.Rows.Select(r => r.Line));
            var f = scan.Single(FindingCode.InvalidNumber);
            Assert.Null(f.Entry);
            Assert.Equal(3, f.Line);
            Assert.Equal(path + ":3", f.Location);
            var report = new OfflineDataValidator().Validate(path);
            Assert.Equal(ContainerFormat.Gzip, report.Format);
            Assert.Empty(report.Entries);
            Assert.Equal(2, report.RowCount);
            Assert.Equal(1, report.InvalidRowCount);
        }

        [Fact]
        public void ConcatenatedGzipMembersAreAllRead()
        {
            // `cat day1.csv.gz day2.csv.gz > both.csv.gz` is a valid gzip file; losing the second member would drop rows silently.
            using var dir = new TempDirectory();
            var first = File.ReadAllBytes(dir.WriteGzip("1.gz", Rows.Lines(Rows.Valid(1), Rows.Valid(2))));
            var second = File.ReadAllBytes(dir.WriteGzip("2.gz", Rows.Lines(Rows.Valid(3))));
            var path = dir.WriteBytes("both.gz", first.Concat(second).ToArray());

            var scan = Scan.File(path);

            Assert.Empty(scan.Findings);
            Assert.Equal(new long[] { 1, 2, 3 }, scan.Rows.Select(r => r.Line));
        }

        [Fact]
        public void TruncatedGzipIsAFindingNotAnException()
        {
            using var dir = new TempDirectory();
            var good = dir.WriteGzip("good.gz", Rows.Lines(Enumerable.Range(1, 2000).Select(i => Rows.Valid(i)).ToArray()));
            var bytes = File.ReadAllBytes(good);
            var path = dir.WriteBytes("cut.gz", bytes.Take(bytes.Length / 2).ToArray());

            var scan = Scan.File(path);

            var f = scan.Single(FindingCode.CorruptCompressedStream);
            Assert.Equal(FindingSeverity.Error, f.Severity);
            Assert.Null(f.Entry);
            // What inflates before the cut is read and checked; the finding names the line reading got to.
            Assert.NotEmpty(scan.Rows);
            Assert.All(scan.Rows, r => Assert.False(r.HasErrors));
            Assert.NotNull(f.Line);
            Assert.InRange(f.Line!.Value, scan.Rows[scan.Rows.Count - 1].Line, scan.Rows[scan.Rows.Count - 1].Line + 1);
            FindingAssert.Located(f, FindingCode.CorruptCompressedStream, FindingSeverity.Error, f.Line, null, null, null, null, "corrupt or truncated", $"after line {f.Line}", "cut short");
            var report = new OfflineDataValidator().Validate(path);
            Assert.False(report.IsValid);
            Assert.True(report.RowCount < 2000);
        }

        [Fact]
        public void RowsBeforeTheBreakOfALargeTruncatedGzipAreStillChecked()
        {
            using var dir = new TempDirectory();
            var good = dir.WriteGzip("good.gz", Rows.Lines(Enumerable.Range(1, 40000).Select(i => Rows.Full(i, "PID-" + i)).ToArray()));
            var bytes = File.ReadAllBytes(good);
            var path = dir.WriteBytes("cut.gz", bytes.Take(bytes.Length * 3 / 4).ToArray());
            var options = new OfflineDataReaderOptions { MaxFieldLength = 1024, MaxRecordLength = 64 * 1024 };

            var scan = Scan.File(path, options);

            var f = scan.Single(FindingCode.CorruptCompressedStream);
            Assert.True(scan.Rows.Count > 1000, $"only {scan.Rows.Count} rows were checked before the break");
            Assert.True(scan.Rows.Count < 40000);
            Assert.All(scan.Rows, r => Assert.False(r.HasErrors));
            Assert.Equal(FindingSeverity.Error, f.Severity);
            Assert.NotNull(f.Line);
            Assert.InRange(f.Line!.Value, scan.Rows[scan.Rows.Count - 1].Line, 40000);
            Assert.Contains($"after line {f.Line}", f.Message);
            Assert.Null(f.RowIndex);
            Assert.Null(f.ColumnNumber);
            Assert.Null(f.RawValue);
        }

        [Fact]
        public void GzipWithADamagedHeaderIsAFinding()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteBytes("bad.gz", new byte[] { 0x1F, 0x8B, 0x08, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x03, 0xAA, 0xBB, 0xCC });

            var scan = Scan.File(path);

            Assert.Empty(scan.Rows);
            var f = Assert.Single(scan.Findings);
            Assert.Equal(FindingCode.CorruptCompressedStream, f.Code);
            Assert.Null(f.Line);
        }
    }
}
