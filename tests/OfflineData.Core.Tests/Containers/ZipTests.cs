using System.Linq;
using OfflineData.Core.Containers;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Validation;
using Xunit;

namespace OfflineData.Core.Tests.Containers
{
    public class ZipTests
    {
        [Fact]
        public void EveryFileEntryIsReadAndNamedInItsFindings()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteZip("day.zip",
                ("store1.csv", Rows.Lines(Rows.Header, Rows.Valid(1), "2024-05-25 12:25:02;C2;x;;SKU;1;2")),
                ("exports/", ""),
                ("exports/store2.csv", Rows.Lines(Rows.Valid(3), "2024-05-25 12:25:04;C4;7;;SKU;1,5;2")));

            var scan = Scan.File(path);

            Assert.Equal(new[] { "store1.csv", "store1.csv", "exports/store2.csv", "exports/store2.csv" }, scan.Rows.Select(r => r.Entry));
            Assert.Equal(new long[] { 2, 3, 1, 2 }, scan.Rows.Select(r => r.Line));
            Assert.Equal(new long[] { 1, 2, 1, 2 }, scan.Rows.Select(r => r.RowIndex));
            Assert.Equal(1, scan.HeaderRows);
            var eventType = scan.Single(FindingCode.InvalidEventType);
            Assert.Equal("store1.csv", eventType.Entry);
            Assert.Equal(3, eventType.Line);
            Assert.Equal(path + "!store1.csv:3", eventType.Location);
            var number = scan.Single(FindingCode.InvalidNumber);
            Assert.Equal("exports/store2.csv", number.Entry);
            Assert.Equal(2, number.Line);
            Assert.Equal(2, number.RowIndex);
        }

        [Fact]
        public void ReportListsTheEntriesAndTheFormat()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteZip("day.zip", ("a.csv", Rows.Lines(Rows.Valid(1))), ("dir/", ""), ("b.csv", Rows.Lines(Rows.Valid(2))));

            var report = new OfflineDataValidator().Validate(path);

            Assert.Equal(ContainerFormat.Zip, report.FormatValue);
            Assert.Equal(new[] { "a.csv", "b.csv" }, report.Entries);
            Assert.Equal(2, report.RowCount);
            Assert.True(report.IsValid);
        }

        [Fact]
        public void HeaderIsDetectedPerEntry()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteZip("h.zip", ("a.csv", Rows.Lines(Rows.Header, Rows.Valid(1))), ("b.csv", Rows.Lines(Rows.Header, Rows.Valid(2))));

            var scan = Scan.File(path);

            Assert.Equal(2, scan.HeaderRows);
            Assert.Empty(scan.Findings);
            Assert.All(scan.Rows, r => Assert.Equal(2, r.Line));
        }

        [Fact]
        public void ZipIsRecognisedByContentWhateverItsExtension()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteZip("looks-plain.csv", ("inner.csv", Rows.Lines(Rows.Valid(1))));

            using var reader = OfflineDataReader.Open(path);
            Assert.Equal(ContainerFormat.Zip, reader.Format);
            Assert.True(reader.Read());
            Assert.Equal("inner.csv", reader.Entry);
            Assert.Empty(reader.Findings);
        }

        [Fact]
        public void PlainFileNamedZipIsReadAsPlainText()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("not-really.zip", Rows.Lines(Rows.Valid(1), Rows.Valid(2)));

            var report = new OfflineDataValidator().Validate(path);

            Assert.Equal(ContainerFormat.Plain, report.FormatValue);
            Assert.Empty(report.Entries);
            Assert.Equal(2, report.RowCount);
            Assert.True(report.IsValid);
        }

        [Fact]
        public void Utf16EntryIsReportedAndTheNextEntrysRowsStayValid()
        {
            using var dir = new TempDirectory();
            var path = dir.Combine("mixed.zip");
            using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
            {
                using (var s = zip.CreateEntry("wide.csv").Open())
                {
                    var u16 = new System.Text.UnicodeEncoding(false, true);
                    var bytes = u16.GetPreamble().Concat(u16.GetBytes(Rows.Lines(Rows.Valid(1)))).ToArray();
                    s.Write(bytes, 0, bytes.Length);
                }

                using (var s = zip.CreateEntry("good.csv").Open())
                {
                    var bytes = System.Text.Encoding.UTF8.GetBytes(Rows.Lines(Rows.Valid(2)));
                    s.Write(bytes, 0, bytes.Length);
                }
            }

            var report = new OfflineDataValidator().Validate(path);

            var f = Assert.Single(report.Findings);
            Assert.Equal(FindingCode.UnsupportedEncoding, f.CodeValue);
            Assert.Equal("wide.csv", f.Entry);
            Assert.Equal(1, report.RowCount);
            Assert.Equal(0, report.InvalidRowCount);
            Assert.False(report.IsValid);
        }

        [Fact]
        public void ProgressOfAZipEndsAtTheFileLength()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteZip("p.zip", ("a.csv", Rows.Lines(Enumerable.Range(1, 20000).Select(i => $"2024-05-25 12:25:{i % 60:00};C{i};7;;SKU;1;2").ToArray())));
            long length = new System.IO.FileInfo(path).Length;
            var calls = new System.Collections.Generic.List<(long Read, long Total)>();

            new OfflineDataValidator().Validate(path, (read, total) => calls.Add((read, total)));

            Assert.True(calls.Count >= 2);
            Assert.All(calls, c => Assert.Equal(length, c.Total));
            Assert.All(calls, c => Assert.InRange(c.Read, 0, length));
            Assert.Equal(length, calls[calls.Count - 1].Read);
        }

        [Fact]
        public void EmptyEntryIsReportedWithItsName()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteZip("e.zip", ("empty.csv", ""), ("full.csv", Rows.Lines(Rows.Valid(1))));

            var scan = Scan.File(path);

            var f = scan.Single(FindingCode.NoDataRows);
            Assert.Equal("empty.csv", f.Entry);
            Assert.Equal(FindingSeverity.Warning, f.SeverityValue);
            Assert.Single(scan.Rows);
            Assert.False(scan.Rows[0].HasErrors);
        }
    }
}
