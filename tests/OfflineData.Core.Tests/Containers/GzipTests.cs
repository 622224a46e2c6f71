using System.IO;
using System.Linq;
using OfflineData.Core.Containers;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Validation;
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
            Assert.Equal(ContainerFormat.Gzip, report.FormatValue);
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
            Assert.Equal(FindingSeverity.Error, f.SeverityValue);
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
            Assert.Equal(FindingSeverity.Error, f.SeverityValue);
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
            var path = dir.WriteBytes("bad.gz", new byte[] { 0x1F, 0x8B, 0x08, 0xE0, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x03, 0xAA, 0xBB, 0xCC });

            var scan = Scan.File(path);

            Assert.Empty(scan.Rows);
            var f = Assert.Single(scan.Findings);
            Assert.Equal(FindingCode.CorruptCompressedStream, f.CodeValue);
            Assert.Null(f.Line);
        }

        [Fact]
        public void RowsAppendedAfterTheGzipDataAreTrailingDataAfterTheRowsOfTheGzip()
        {
            // `cat late.csv >> day.csv.gz`: gzip -t says "trailing garbage"; every gzip reader drops those rows.
            using var dir = new TempDirectory();
            var gzip = File.ReadAllBytes(dir.WriteGzip("day.gz", Rows.Lines(Rows.Valid(1), Rows.Valid(2), Rows.Valid(3))));
            var appended = System.Text.Encoding.ASCII.GetBytes(Rows.Lines(Rows.Valid(4), Rows.Valid(5)));
            var path = dir.WriteBytes("appended.gz", gzip.Concat(appended).ToArray());

            var scan = Scan.File(path);

            Assert.Equal(new long[] { 1, 2, 3 }, scan.Rows.Select(r => r.Line));
            Assert.All(scan.Rows, r => Assert.False(r.HasErrors));
            var f = Assert.Single(scan.Findings);
            FindingAssert.Located(f, FindingCode.TrailingData, FindingSeverity.Error, 3, null, null, null, null,
                "up to line 3", $"ends at byte {gzip.Length}", $"{appended.Length} byte(s) follow", "trailing garbage");
            Assert.Equal(path + ":3", f.Location);
            var report = new OfflineDataValidator().Validate(path);
            Assert.False(report.IsValid);
            Assert.Equal(0, report.InvalidRowCount);
        }

        [Fact]
        public void ZeroPaddingAfterTheGzipDataIsTrailingDataToo()
        {
            using var dir = new TempDirectory();
            var gzip = File.ReadAllBytes(dir.WriteGzip("day.gz", Rows.Lines(Rows.Valid(1))));
            var path = dir.WriteBytes("padded.gz", gzip.Concat(new byte[512]).ToArray());

            var f = Assert.Single(Scan.File(path).Findings);

            Assert.Equal(FindingCode.TrailingData, f.CodeValue);
            Assert.Contains("512 byte(s) follow", f.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public void ADamagedSecondMemberIsACorruptStreamNotTrailingData()
        {
            using var dir = new TempDirectory();
            var first = File.ReadAllBytes(dir.WriteGzip("1.gz", Rows.Lines(Rows.Valid(1))));
            var path = dir.WriteBytes("two.gz", first.Concat(new byte[] { 0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF }).ToArray());

            var scan = Scan.File(path);

            Assert.Single(scan.Rows);
            Assert.Equal(FindingCode.CorruptCompressedStream, Assert.Single(scan.Findings).CodeValue);
        }

        [Fact]
        public void AMemberFailingItsCrcIsACorruptStream()
        {
            using var dir = new TempDirectory();
            var bytes = File.ReadAllBytes(dir.WriteGzip("day.gz", Rows.Lines(Rows.Valid(1), Rows.Valid(2))));
            bytes[bytes.Length - 8] ^= 0x01; // the stored CRC-32 of the (unchanged) data
            var path = dir.WriteBytes("crc.gz", bytes);

            var f = Assert.Single(Scan.File(path).Findings);

            Assert.Equal(FindingCode.CorruptCompressedStream, f.CodeValue);
            Assert.Contains("CRC", f.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public void DamageThatInflatesToZeroBytesIsACorruptStreamNotUtf16()
        {
            // Zero bytes in every other position look like UTF-16; only reading to the CRC tells damage from real UTF-16 text.
            using var dir = new TempDirectory();
            var utf16 = Rows.Lines(Rows.Valid(1), Rows.Valid(2));
            var good = dir.WriteBytes("utf16.gz", GzipBytes(System.Text.Encoding.Unicode.GetBytes(utf16)));
            Assert.Equal(FindingCode.UnsupportedEncoding, Assert.Single(Scan.File(good).Findings).CodeValue);
            var bytes = File.ReadAllBytes(good);
            bytes[bytes.Length - 8] ^= 0x01;
            var path = dir.WriteBytes("damaged.gz", bytes);

            var f = Assert.Single(Scan.File(path).Findings);

            Assert.Equal(FindingCode.CorruptCompressedStream, f.CodeValue);
            Assert.Contains("CRC", f.Message, System.StringComparison.Ordinal);
        }

        [Fact]
        public void OptionalHeaderFieldsAndAnEmptyMemberAreRead()
        {
            // RFC 1952 lets a member carry an extra field, a file name, a comment and a header CRC; gzip writes empty members too.
            using var dir = new TempDirectory();
            var full = Member(Rows.Lines(Rows.Valid(1)), extra: new byte[] { 1, 2, 3 }, name: "day.csv", comment: "nightly", headerCrc: true);
            var empty = Member(string.Empty);
            var plain = Member(Rows.Lines(Rows.Valid(2)));
            var path = dir.WriteBytes("fields.gz", full.Concat(empty).Concat(plain).ToArray());

            var scan = Scan.File(path);

            Assert.True(scan.Findings.Count == 0, string.Join("; ", scan.Findings));
            Assert.Equal(new long[] { 1, 2 }, scan.Rows.Select(r => r.Line));
        }

        private static byte[] GzipBytes(byte[] data)
        {
            var output = new MemoryStream();
            using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(data, 0, data.Length);
            }

            return output.ToArray();
        }

        /// <summary>One gzip member written by hand, so every header field can be set.</summary>
        private static byte[] Member(string text, byte[]? extra = null, string? name = null, string? comment = null, bool headerCrc = false)
        {
            var data = System.Text.Encoding.UTF8.GetBytes(text);
            var header = new System.Collections.Generic.List<byte> { 0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3 };
            int flags = 0;
            if (extra != null)
            {
                flags |= 4;
                header.Add((byte)extra.Length);
                header.Add(0);
                header.AddRange(extra);
            }

            if (name != null)
            {
                flags |= 8;
                header.AddRange(System.Text.Encoding.ASCII.GetBytes(name));
                header.Add(0);
            }

            if (comment != null)
            {
                flags |= 16;
                header.AddRange(System.Text.Encoding.ASCII.GetBytes(comment));
                header.Add(0);
            }

            if (headerCrc) flags |= 2;
            header[3] = (byte)flags;
            if (headerCrc)
            {
                uint crc16 = System.IO.Hashing.Crc32.HashToUInt32(header.ToArray()) & 0xFFFF;
                header.Add((byte)crc16);
                header.Add((byte)(crc16 >> 8));
            }

            var deflated = new MemoryStream();
            using (var deflate = new System.IO.Compression.DeflateStream(deflated, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            {
                deflate.Write(data, 0, data.Length);
            }

            if (data.Length == 0) deflated = new MemoryStream(new byte[] { 0x03, 0x00 }); // an empty final block, as gzip writes for an empty file

            var trailer = System.BitConverter.GetBytes(System.IO.Hashing.Crc32.HashToUInt32(data)).Concat(System.BitConverter.GetBytes((uint)data.Length));
            return header.Concat(deflated.ToArray()).Concat(trailer).ToArray();
        }
    }
}
