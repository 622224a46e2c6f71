using System;
using System.IO;
using System.Linq;
using System.Text;
using ICSharpCode.SharpZipLib.Zip;
using OfflineData.Core.Containers;
using OfflineData.Core.Findings;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Validation;
using Xunit;

namespace OfflineData.Core.Tests.Containers
{
    public class BrokenZipTests
    {
        [Fact]
        public void TruncatedZipIsACorruptArchiveFindingNotAnException()
        {
            using var dir = new TempDirectory();
            var good = dir.WriteZip("good.zip", ("a.csv", Rows.Lines(Enumerable.Range(1, 200).Select(i => Rows.Valid(i)).ToArray())));
            var bytes = File.ReadAllBytes(good);
            var path = dir.WriteBytes("cut.zip", bytes.Take(bytes.Length / 2).ToArray());

            var scan = Scan.File(path);

            Assert.Empty(scan.Rows);
            var f = Assert.Single(scan.Findings);
            FindingAssert.Located(f, FindingCode.CorruptArchive, FindingSeverity.Error, null, null, null, null, null, "zip");
            Assert.Equal(path, f.Path);
            var report = new OfflineDataValidator().Validate(path);
            Assert.False(report.IsValid);
            Assert.Equal(ContainerFormat.Zip, report.FormatValue);
        }

        [Fact]
        public void DamagedEntryDataIsACorruptArchiveFindingNamingTheEntry()
        {
            using var dir = new TempDirectory();
            var content = Rows.Lines(Enumerable.Range(1, 50).Select(i => Rows.Valid(i)).ToArray());
            var path = WriteSharpZip(dir, "crc.zip", CompressionMethod.Stored, ("a.csv", content, null));

            // Change one byte of the stored data: '7' (event type of row 1) becomes '8', so only the CRC can tell.
            var bytes = File.ReadAllBytes(path);
            int at = IndexOf(bytes, System.Text.Encoding.ASCII.GetBytes(";C0001;7;"));
            bytes[at + 7] = (byte)'8';
            File.WriteAllBytes(path, bytes);

            var scan = Scan.File(path);

            var f = scan.Single(FindingCode.CorruptArchive);
            FindingAssert.Located(f, FindingCode.CorruptArchive, FindingSeverity.Error, 50, null, null, null, null, "corrupt", "CRC");
            Assert.Equal("a.csv", f.Entry);
            Assert.Equal(path + "!a.csv:50", f.Location);
            Assert.False(new OfflineDataValidator().Validate(path).IsValid);
        }

        [Fact]
        public void EncryptedEntryIsReportedAndTheOtherEntriesAreStillRead()
        {
            using var dir = new TempDirectory();
            var path = WriteSharpZip(dir, "locked.zip", CompressionMethod.Deflated,
                ("secret.csv", Rows.Lines(Rows.Valid(1)), "secret"),
                ("open.csv", Rows.Lines(Rows.Valid(2)), null));

            var scan = Scan.File(path);

            var f = scan.Single(FindingCode.EncryptedEntry);
            FindingAssert.Located(f, FindingCode.EncryptedEntry, FindingSeverity.Error, null, null, null, null, null, "encrypted", "password");
            Assert.Equal("secret.csv", f.Entry);
            Assert.Equal(path + "!secret.csv", f.Location);
            var row = Assert.Single(scan.Rows);
            Assert.Equal("open.csv", row.Entry);
            Assert.False(row.HasErrors);
        }

        [Fact]
        public void OnlyEncryptedEntriesMakeAnInvalidFileWithNoRows()
        {
            using var dir = new TempDirectory();
            var path = WriteSharpZip(dir, "locked.zip", CompressionMethod.Deflated, ("secret.csv", Rows.Lines(Rows.Valid(1)), "secret"));

            var report = new OfflineDataValidator().Validate(path);

            Assert.False(report.IsValid);
            Assert.Equal(0, report.RowCount);
            Assert.Equal(FindingCode.EncryptedEntry, Assert.Single(report.Findings).CodeValue);
        }

        [Fact]
        public void EmptyZipIsAnError()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteZip("empty.zip");

            var scan = Scan.File(path);

            Assert.Empty(scan.Rows);
            var f = Assert.Single(scan.Findings);
            FindingAssert.Located(f, FindingCode.EmptyArchive, FindingSeverity.Error, null, null, null, null, null, "no file");
        }

        [Fact]
        public void ZipWithOnlyDirectoriesIsEmpty()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteZip("dirs.zip", ("a/", ""), ("a/b/", ""));

            var scan = Scan.File(path);

            Assert.Equal(FindingCode.EmptyArchive, Assert.Single(scan.Findings).CodeValue);
        }

        [Fact]
        public void EntryWithAnUnreadableCompressionMethodIsReported()
        {
            using var dir = new TempDirectory();
            var path = WriteSharpZip(dir, "lzma.zip", CompressionMethod.Stored, ("a.csv", Rows.Lines(Rows.Valid(1)), null));

            // Rewrite the method (0 = stored) as 14 (LZMA) in the local header and the central directory.
            var bytes = File.ReadAllBytes(path);
            int local = IndexOf(bytes, new byte[] { (byte)'P', (byte)'K', 3, 4 });
            int central = IndexOf(bytes, new byte[] { (byte)'P', (byte)'K', 1, 2 });
            bytes[local + 8] = 14;
            bytes[central + 10] = 14;
            File.WriteAllBytes(path, bytes);

            var scan = Scan.File(path);

            var f = Assert.Single(scan.Findings);
            FindingAssert.Located(f, FindingCode.UnsupportedCompression, FindingSeverity.Error, null, null, null, null, null, "compression method", "Deflate");
            Assert.Equal("a.csv", f.Entry);
            Assert.Empty(scan.Rows);
        }

        /// <summary>
        /// Writes a zip with SharpZipLib, which can do what TempDirectory.WriteZip cannot: stored entries whose bytes a
        /// test can damage by hand, and password-protected entries (a null password leaves the entry open).
        /// </summary>
        private static string WriteSharpZip(TempDirectory dir, string name, CompressionMethod method, params (string Entry, string Content, string? Password)[] entries)
        {
            var path = dir.Combine(name);
            using (var zip = new ZipOutputStream(File.Create(path)))
            {
                foreach (var (entry, content, password) in entries)
                {
                    zip.Password = password;
                    zip.PutNextEntry(new ZipEntry(entry) { CompressionMethod = method });
                    var data = System.Text.Encoding.UTF8.GetBytes(content);
                    zip.Write(data, 0, data.Length);
                }
            }

            return path;
        }

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
