using System;
using System.IO;
using System.Linq;
using ICSharpCode.SharpZipLib.Zip;
using OfflineData.Core.Conversion;
using OfflineData.Core.Findings;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Validation;
using Xunit;

namespace OfflineData.Core.Tests.Conversion
{
    /// <summary>
    /// Convert reads zip and gzip sources through the container layer Test, Read and Import use, so it makes the same
    /// checks: a zip entry whose bytes disagree with its CRC-32 or declared size, and a gzip with bytes after its end,
    /// fail the file (nothing written) instead of converting the wrong rows or amounts without a word.
    /// </summary>
    public class CompressedSourceTests
    {
        private const int RowCount = 50;

        [Fact]
        public void AStoredEntryWithOneChangedByteIsACorruptArchiveNotAWrongAmount()
        {
            using var dir = new TempDirectory();
            var path = WriteSharpZip(dir, "day.zip", CompressionMethod.Stored);
            var bytes = File.ReadAllBytes(path);
            int at = IndexOf(bytes, System.Text.Encoding.ASCII.GetBytes(";SKU-1;2;1.50\n"));
            bytes[at + 10] = (byte)'9'; // Num2 of row 1: 1.50 becomes 9.50, which only the CRC can tell
            File.WriteAllBytes(path, bytes);

            var e = ConvertFails(dir, path, ConversionFailure.CorruptArchive);

            Assert.Equal("day.csv", e.Entry);
            Assert.Contains("CRC", e.Message, StringComparison.Ordinal);
            Assert.Contains("zip entry 'day.csv'", e.Message, StringComparison.Ordinal);
            TestAgrees(path, "CRC");
        }

        [Fact]
        public void AnEntryDeclaringAShorterSizeIsACorruptArchiveNotLostRows()
        {
            using var dir = new TempDirectory();
            var path = WriteSharpZip(dir, "day.zip", CompressionMethod.Stored);
            var bytes = File.ReadAllBytes(path);
            int lastRow = System.Text.Encoding.ASCII.GetByteCount(Rows.Valid(RowCount) + "\n");

            // Stored: the compressed and uncompressed sizes are the same; cut both in both headers by the last row.
            SetSizes(bytes, compressed: -lastRow, uncompressed: -lastRow);
            File.WriteAllBytes(path, bytes);

            var e = ConvertFails(dir, path, ConversionFailure.CorruptArchive);

            Assert.Equal("day.csv", e.Entry);
            Assert.True(e.Message.Contains("CRC"), e.Message);
            TestAgrees(path, "CRC");
        }

        [Fact]
        public void AnEntryDeclaringFourGigabytesIsACorruptArchive()
        {
            using var dir = new TempDirectory();
            var path = WriteSharpZip(dir, "day.zip", CompressionMethod.Deflated);
            var bytes = File.ReadAllBytes(path);
            SetSizes(bytes, compressed: 0, uncompressed: null, declaredUncompressed: 0xF000_0000);
            File.WriteAllBytes(path, bytes);

            var e = ConvertFails(dir, path, ConversionFailure.CorruptArchive);

            Assert.Equal("day.csv", e.Entry);
            Assert.True(e.Message.Contains("its directory says 4026531840"), e.Message);
            TestAgrees(path, "4026531840");
        }

        [Fact]
        public void RowsAppendedAfterTheEndOfAGzipAreTrailingDataNotDropped()
        {
            using var dir = new TempDirectory();
            var gzip = File.ReadAllBytes(dir.WriteGzip("day.gz", Content()));
            var path = dir.WriteBytes("appended.gz", gzip.Concat(System.Text.Encoding.ASCII.GetBytes(Rows.Valid(99) + "\n")).ToArray());

            var e = ConvertFails(dir, path, ConversionFailure.TrailingData);

            Assert.Null(e.Entry);
            Assert.Contains($"ends at byte {gzip.Length}", e.Message, StringComparison.Ordinal);
            Assert.Contains("trailing garbage", e.Message, StringComparison.Ordinal);
            var report = new OfflineDataValidator().Validate(path);
            Assert.Equal(RowCount, report.RowCount);
            Assert.Equal(FindingCode.TrailingData, Assert.Single(report.Findings).CodeValue);
        }

        [Fact]
        public void ConcatenatedGzipMembersConvertAsOneSource()
        {
            using var dir = new TempDirectory();
            var first = File.ReadAllBytes(dir.WriteGzip("1.gz", Content()));
            var second = File.ReadAllBytes(dir.WriteGzip("2.gz", Rows.Lines(Rows.Valid(99))));
            var path = dir.WriteBytes("both.gz", first.Concat(second).ToArray());

            var result = new OfflineDataConverter(new ConversionOptions()).Convert(path, dir.Combine("out.csv"));

            Assert.Equal(RowCount + 1, result.RowsWritten);
            Assert.Equal(OfflineData.Core.Containers.ContainerFormat.Gzip, result.ContainerValue);
        }

        [Fact]
        public void ACorruptGzipNamesTheLastLineConvertRead()
        {
            using var dir = new TempDirectory();
            // Large enough that the damage lies well past the first 64 KiB the encoding check reads.
            var rows = Enumerable.Range(1, 40000).Select(i => Rows.Full(i, "PID-" + i)).ToArray();
            var good = File.ReadAllBytes(dir.WriteGzip("good.gz", Rows.Lines(rows)));
            var path = dir.WriteBytes("cut.gz", good.Take(good.Length * 3 / 4).ToArray());

            var e = ConvertFails(dir, path, ConversionFailure.CorruptCompressedStream);

            Assert.NotNull(e.Line);
            Assert.InRange(e.Line!.Value, 1000, 40000);
            Assert.Contains($"read up to line {e.Line}", e.Message, StringComparison.Ordinal);
            Assert.Contains("cut short", e.Message, StringComparison.Ordinal);
        }

        private static ConversionException ConvertFails(TempDirectory dir, string path, ConversionFailure failure)
        {
            var destination = dir.Combine("out.csv");
            var e = Assert.Throws<ConversionException>(() => new OfflineDataConverter(new ConversionOptions()).Convert(path, destination));
            Assert.Equal(failure, e.Failure);
            Assert.Equal(path, e.Path);
            Assert.False(File.Exists(destination), "a source that fails its checks must leave no destination");
            return e;
        }

        /// <summary>Test-OfflineDataFile's validator finds the same damage, so the two cmdlets never disagree about a file.</summary>
        private static void TestAgrees(string path, string mention)
        {
            var report = new OfflineDataValidator().Validate(path);
            var f = Assert.Single(report.Findings, x => x.CodeValue == FindingCode.CorruptArchive);
            Assert.Equal("day.csv", f.Entry);
            Assert.Contains(mention, f.Message, StringComparison.Ordinal);
        }

        private static string Content() => Rows.Lines(Enumerable.Range(1, RowCount).Select(Rows.Valid).ToArray());

        /// <summary>A zip of one entry, day.csv, with its sizes in the headers (no data descriptor, no Zip64 extra), so a test can rewrite them.</summary>
        private static string WriteSharpZip(TempDirectory dir, string name, CompressionMethod method)
        {
            var path = dir.Combine(name);
            using (var zip = new ZipOutputStream(File.Create(path)) { UseZip64 = UseZip64.Off })
            {
                zip.PutNextEntry(new ZipEntry("day.csv") { CompressionMethod = method });
                var data = System.Text.Encoding.UTF8.GetBytes(Content());
                zip.Write(data, 0, data.Length);
            }

            return path;
        }

        /// <summary>Adds to (or sets) the sizes of the only entry, in its local header and its central directory record alike.</summary>
        private static void SetSizes(byte[] bytes, int compressed, int? uncompressed, uint? declaredUncompressed = null)
        {
            Assert.Equal(0, bytes[6] & 0x08); // sizes in the local header, not in a data descriptor
            int central = IndexOf(bytes, new byte[] { 0x50, 0x4B, 0x01, 0x02 });
            foreach (var (compressedAt, uncompressedAt) in new[] { (18, 22), (central + 20, central + 24) })
            {
                Write(bytes, compressedAt, (uint)(Read(bytes, compressedAt) + compressed));
                Write(bytes, uncompressedAt, declaredUncompressed ?? (uint)(Read(bytes, uncompressedAt) + uncompressed!.Value));
            }
        }

        private static long Read(byte[] bytes, int at) => BitConverter.ToUInt32(bytes, at);

        private static void Write(byte[] bytes, int at, uint value) => BitConverter.GetBytes(value).CopyTo(bytes, at);

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= haystack.Length; i++)
            {
                if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
            }

            throw new InvalidOperationException("Pattern not found.");
        }
    }
}
