using System;
using System.IO;
using System.Linq;
using System.Text;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Validation;
using Xunit;

namespace OfflineData.Core.Tests.Reading
{
    /// <summary>Deflate zip entries are inflated natively; their CRC-32 and size are still checked and every byte still read.</summary>
    public class ZipEntryIntegrityTests
    {
        [Fact]
        public void LargeDeflateEntryReadsTheSameRowsAsThePlainFile()
        {
            using var dir = new TempDirectory();
            // Many 64 KiB reads, quoted fields with line breaks and ';' among them, so records straddle inflater reads.
            var text = new StringBuilder();
            for (int i = 1; i <= 5000; i++)
            {
                text.Append(i % 7 == 0 ? $"2024-05-25 12:25:{i % 60:00};C{i};7;\"A;B\";\"SKU \"\"{i}\"\"\";1;2.50;\"line1\nline2\"\n" : Rows.Valid(i) + "\n");
            }

            var plain = dir.WriteText("a.csv", text.ToString());
            var zip = dir.WriteZip("a.zip", ("first.csv", text.ToString()), ("second.csv", Rows.Lines(Rows.Valid(1))));

            var plainReport = new OfflineDataValidator().Validate(plain);
            var zipReport = new OfflineDataValidator().Validate(zip);

            Assert.Equal(5000, plainReport.RowCount);
            Assert.Equal(5001, zipReport.RowCount);
            Assert.Equal(plainReport.ErrorCount, zipReport.ErrorCount);
            Assert.Equal(new[] { "first.csv", "second.csv" }, zipReport.Entries);

            using var reader = OfflineDataReader.Open(zip);
            for (int i = 1; i <= 7; i++) Assert.True(reader.Read());
            Assert.Equal("SKU \"7\"", reader.GetString(4));
            Assert.Equal("line1\nline2", reader.GetString(7));
        }

        [Fact]
        public void EntryWhoseDataDoesNotMatchItsCrcIsACorruptArchive()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteZip("bad-crc.zip", ("data.csv", Rows.Lines(Rows.Valid(1), Rows.Valid(2), Rows.Valid(3))));
            var bytes = File.ReadAllBytes(path);

            // Change the CRC-32 in the central directory and, unless a data descriptor carries it, in the local header,
            // so the headers agree with each other and only the data disagrees with them.
            int central = IndexOf(bytes, new byte[] { 0x50, 0x4B, 0x01, 0x02 });
            bytes[central + 16] ^= 0xFF;
            bool descriptor = (bytes[6] & 0x08) != 0;
            if (!descriptor) bytes[14] ^= 0xFF;
            File.WriteAllBytes(path, bytes);

            var report = new OfflineDataValidator().Validate(path);

            Assert.False(report.IsValid);
            var finding = Assert.Single(report.Findings, f => f.CodeValue == FindingCode.CorruptArchive);
            Assert.Equal("data.csv", finding.Entry);
            Assert.Contains("CRC", finding.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void TruncatedDeflateDataIsACorruptArchive()
        {
            using var dir = new TempDirectory();
            var rows = Enumerable.Range(1, 2000).Select(Rows.Valid).ToArray();
            var path = dir.WriteZip("cut.zip", ("data.csv", Rows.Lines(rows)));
            var bytes = File.ReadAllBytes(path);

            // Overwrite the second half of the compressed data with zeros: the stored sizes stay, the data is damaged.
            int nameLength = bytes[26] | (bytes[27] << 8);
            int extraLength = bytes[28] | (bytes[29] << 8);
            int dataStart = 30 + nameLength + extraLength;
            int central = IndexOf(bytes, new byte[] { 0x50, 0x4B, 0x01, 0x02 });
            for (int i = dataStart + ((central - dataStart) / 2); i < central; i++) bytes[i] = 0;
            File.WriteAllBytes(path, bytes);

            var report = new OfflineDataValidator().Validate(path);

            Assert.Contains(report.Findings, f => f.CodeValue == FindingCode.CorruptArchive && f.Entry == "data.csv");
            Assert.True(report.RowCount < 2000);
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i <= haystack.Length - needle.Length; i++)
            {
                if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
            }

            throw new InvalidOperationException("Signature not found.");
        }
    }
}
