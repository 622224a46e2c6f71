using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OfflineData.Core.Containers;
using OfflineData.Core.Conversion;
using OfflineData.Core.Findings;
using OfflineData.Core.Import;
using OfflineData.Core.Reading;
using OfflineData.Core.Store;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Validation;
using Xunit;

namespace OfflineData.Core.Tests.Containers
{
    /// <summary>
    /// Seeded single-bit flips of a small gzip and zip go through the four reading paths (Test's validator, Read's
    /// reader, Import, Convert): nothing is thrown, and each path either reads every row or reports the damage as
    /// a container problem of that file, located, all four agreeing. SharpZipLib's inflater throws a raw
    /// IndexOutOfRangeException for some flips; that must be a finding like any other damage.
    /// </summary>
    public class DamagedCompressionTests
    {
        private const int RowCount = 40;
        private const int Flips = 500;

        private static readonly FindingCode[] ContainerCodes =
        {
            FindingCode.CorruptArchive, FindingCode.EncryptedEntry, FindingCode.EmptyArchive, FindingCode.CorruptCompressedStream,
            FindingCode.UnsupportedCompression, FindingCode.TrailingData,
        };

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        public void SingleBitFlipsOfASmallGzipAreReadWholeOrReportedAsDamage(int seed)
        {
            using var dir = new TempDirectory();
            var good = Gzip(Content());
            using var store = StoreTestKit.NewStore(dir);

            var outcomes = FlipBits(dir, store, good, "flip.csv.gz", firstByte: 2, seed); // bytes 0-1 are the magic: flipped, it is no gzip at all

            Assert.True(outcomes.Damaged > Flips / 2, $"only {outcomes.Damaged} of {Flips} flips were damage");
            Assert.True(outcomes.Whole > 0, "flips of the header's time and OS bytes leave the file readable");
            Assert.True(outcomes.Raw > 0, "no flip made the inflater throw a raw (non-SharpZipLib) exception; the test no longer covers that case");
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        public void SingleBitFlipsOfASmallZipAreReadWholeOrReportedAsDamage(int seed)
        {
            using var dir = new TempDirectory();
            var good = Zip("day.csv", Content());
            using var store = StoreTestKit.NewStore(dir);

            var outcomes = FlipBits(dir, store, good, "flip.zip", firstByte: 4, seed); // bytes 0-3 are the signature: flipped, it is no zip at all

            Assert.True(outcomes.Damaged > Flips / 2, $"only {outcomes.Damaged} of {Flips} flips were damage");
            Assert.True(outcomes.Whole > 0);
        }

        [Fact]
        public void AnyExceptionOfADecompressorBecomesDamageEvenOnTheReadAheadThread()
        {
            var file = new CountingStream(new MemoryStream(new byte[10]));
            using var stream = new ReadAheadStream(new DecompressionGuardStream(new ThrowingStream(new IndexOutOfRangeException("Index was outside the bounds of the array.")), FindingCode.CorruptCompressedStream, file));

            var e = Assert.Throws<CorruptInputException>(() => stream.Read(new byte[100], 0, 100));

            Assert.Equal(FindingCode.CorruptCompressedStream, e.Code);
            Assert.IsType<IndexOutOfRangeException>(e.InnerException);
            Assert.Contains("IndexOutOfRangeException", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void AFailureOfTheFileItselfIsNotReportedAsDamage()
        {
            // A failing disk is an I/O error for the caller to report (FileReadFailed), not a corrupt archive.
            var failure = new IOException("The device is not ready.");
            var file = new CountingStream(new ThrowingStream(failure));
            using var stream = new DecompressionGuardStream(new GzipReadStream(file), FindingCode.CorruptCompressedStream, file);

            var e = Assert.Throws<IOException>(() => stream.Read(new byte[100], 0, 100));

            Assert.Same(failure, e);
        }

        /// <summary>Runs all four paths on <see cref="Flips"/> flips of distinct random bits from <paramref name="firstByte"/> on.</summary>
        private static (int Whole, int Damaged, int Raw) FlipBits(TempDirectory dir, IOfflineDataStore store, byte[] good, string name, int firstByte, int seed)
        {
            var random = new Random(seed);
            var bits = Enumerable.Range(firstByte * 8, (good.Length - firstByte) * 8).OrderBy(_ => random.Next()).Take(Flips).ToList();
            int whole = 0, damaged = 0, raw = 0;
            var path = dir.Combine(name);
            var converter = new OfflineDataConverter(new ConversionOptions { Overwrite = true });
            var importer = new OfflineDataImporter(store);
            var importOptions = new OfflineDataImportOptions { ReportSuite = StoreTestKit.Suite, DryRun = true, ReaderOptions = new OfflineDataReaderOptions { Now = new DateTime(2030, 1, 1) } };
            foreach (int bit in bits)
            {
                var bytes = (byte[])good.Clone();
                bytes[bit / 8] ^= (byte)(1 << (bit % 8));
                File.WriteAllBytes(path, bytes);
                string where = $"flip of bit {bit % 8} of byte {bit / 8}";

                var report = new OfflineDataValidator(importOptions.ReaderOptions).Validate(path);
                var read = ReadAll(path);
                var import = importer.Import(path, importOptions, new CollectingObserver());
                ConversionResult? converted = null;
                ConversionException? refused = null;
                try
                {
                    converted = converter.Convert(path, dir.Combine("out.csv"), dryRun: true);
                }
                catch (ConversionException e)
                {
                    refused = e;
                }

                var damage = report.Findings.Where(f => ContainerCodes.Contains(f.CodeValue)).ToList();
                if (damage.Count == 0)
                {
                    Assert.True(report.IsValid, $"{where}: {string.Join("; ", report.Findings)}");
                    Assert.Equal(RowCount, report.RowCount);
                    Assert.Equal(RowCount, read.Rows);
                    Assert.Equal(ImportRunStatus.DryRun, import.StatusValue);
                    Assert.Equal(RowCount, import.Imported);
                    Assert.True(converted != null, $"{where}: Test reads the file whole, Convert refused it: {refused?.Message}");
                    Assert.Equal(RowCount, converted!.RowsWritten);
                    whole++;
                    continue;
                }

                damaged++;
                if (damage.Any(f => f.Message.Contains("IndexOutOfRangeException", StringComparison.Ordinal))) raw++;
                Assert.All(damage, f =>
                {
                    Assert.Equal(path, f.Path);
                    Assert.Equal(FindingSeverity.Error, f.SeverityValue);
                    Assert.Null(f.RowIndex);
                    if (f.Line != null) Assert.True(f.Line > 0); // damaged data may inflate to more lines than the file had
                });
                Assert.False(report.IsValid);
                Assert.Contains(read.Findings, f => ContainerCodes.Contains(f.CodeValue));
                Assert.True(import.StatusValue == ImportRunStatus.Failed, $"{where}: Test found {damage[0]}; Import said {import.Status}");
                Assert.Equal(0, import.Imported);
                Assert.Contains(import.Findings, f => ContainerCodes.Contains(f.CodeValue));
                Assert.True(refused != null, $"{where}: Test found {damage[0]}; Convert wrote {converted?.RowsWritten} rows");
                // One set of codes: Convert fails the file with the code (name and number) Test reports for the damage.
                Assert.Contains(refused!.Failure.ToString(), damage.Select(f => f.CodeValue.ToString()));
                Assert.Contains((int)refused.Failure, damage.Select(f => (int)f.CodeValue));
                Assert.Equal(path, refused.Path);
            }

            return (whole, damaged, raw);
        }

        private static (long Rows, List<Finding> Findings) ReadAll(string path)
        {
            var findings = new List<Finding>();
            long rows = 0;
            using var reader = OfflineDataReader.Open(path, new OfflineDataReaderOptions { Now = new DateTime(2030, 1, 1) });
            while (reader.Read())
            {
                rows++;
                findings.AddRange(reader.Findings);
                _ = reader.RawRecord;
            }

            findings.AddRange(reader.Findings);
            return (rows, findings);
        }

        /// <summary>SharpZipLib's managed deflater writes the same bytes on every platform (zlib builds differ), so the seeds hit the same bits.</summary>
        private static byte[] Gzip(string content)
        {
            var output = new MemoryStream();
            using (var gzip = new ICSharpCode.SharpZipLib.GZip.GZipOutputStream(output))
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(content);
                gzip.Write(bytes, 0, bytes.Length);
            }

            return output.ToArray();
        }

        private static byte[] Zip(string entry, string content)
        {
            var output = new MemoryStream();
            using (var zip = new ICSharpCode.SharpZipLib.Zip.ZipOutputStream(output))
            {
                zip.PutNextEntry(new ICSharpCode.SharpZipLib.Zip.ZipEntry(entry) { DateTime = new DateTime(2024, 5, 25) });
                var bytes = System.Text.Encoding.UTF8.GetBytes(content);
                zip.Write(bytes, 0, bytes.Length);
            }

            return output.ToArray();
        }

        private static string Content() => Rows.Lines(Enumerable.Range(1, RowCount).Select(Rows.Valid).ToArray());

        /// <summary>Throws the given exception on every read, as a broken inflater or disk would.</summary>
        private sealed class ThrowingStream : ForwardReadStream
        {
            private readonly Exception error;

            public ThrowingStream(Exception error)
            {
                this.error = error;
            }

            public override int Read(byte[] buffer, int offset, int count) => throw error;
        }
    }
}
