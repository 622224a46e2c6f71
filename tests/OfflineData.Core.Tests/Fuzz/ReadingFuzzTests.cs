using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using OfflineData.Core.Conversion;
using OfflineData.Core.Findings;
using OfflineData.Core.Import;
using OfflineData.Core.Reading;
using OfflineData.Core.Store;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Validation;
using Xunit;
using Xunit.Abstractions;

namespace OfflineData.Core.Tests.Fuzz
{
    /// <summary>
    /// Seeded fuzzing of the core paths behind the four reading cmdlets — Test-OfflineDataFile (the validator),
    /// Read-OfflineDataFile (the reader and ToRecord), Import-OfflineData (the importer, as a dry run) and
    /// Convert-OfflineDataFile (the converter) — over plain, zip and gzip files mutated by bit flips, truncation,
    /// inserted quotes, separators, CR, LF and NUL, duplicated and deleted chunks, and over-long fields (issue 7).
    /// Fixed seeds and a bounded number of cases: the same inputs every run, a few seconds in CI. A failure names
    /// the seed and case and keeps the input file, so it can be replayed.
    /// </summary>
    public sealed class ReadingFuzzTests
    {
        /// <summary>
        /// Findings that are about a file, a zip entry or a compressed stream as a whole, and so have no line by design
        /// (docs/errors.md: "File-level findings ... have no Line"). Every other finding must name the line it is about.
        /// </summary>
        private static readonly Dictionary<FindingCode, string> FileLevelCodes = new Dictionary<FindingCode, string>
        {
            [FindingCode.CorruptArchive] = "the zip's structure is broken; there is no line in it yet (a line is given when a row was read)",
            [FindingCode.EncryptedEntry] = "the entry cannot be decrypted, so it has no lines",
            [FindingCode.EmptyArchive] = "the archive holds no entry",
            [FindingCode.UnsupportedCompression] = "the entry cannot be decompressed, so it has no lines",
            [FindingCode.CorruptCompressedStream] = "the stream broke before its first line (a line is given when a row was read)",
            [FindingCode.UnsupportedEncoding] = "UTF-16/32 text is not read at all",
            [FindingCode.NoDataRows] = "about the absence of rows in the whole file or entry",
        };

        private static readonly DateTime Now = new DateTime(2030, 1, 1);

        private readonly ITestOutputHelper output;

        public ReadingFuzzTests(ITestOutputHelper output) => this.output = output;

        public static IEnumerable<object[]> Seeds() => new[] { 20140525, 7, 1999, 424242, 31337, 8675309 }.Select(s => new object[] { s });

        [Theory]
        [MemberData(nameof(Seeds))]
        public void MutatedFilesNeverThrowLocateEveryFindingAndTestAgreesWithImport(int seed)
        {
            const int cases = 25; // 6 seeds x 25 cases: about a second a seed on a busy 2-core machine
            var random = new Random(seed);
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);
            var codes = new SortedDictionary<FindingCode, int>();

            for (int i = 0; i < cases; i++)
            {
                var fuzzCase = FuzzCase.Generate(random, seed, i);
                var path = dir.WriteBytes(fuzzCase.FileName, fuzzCase.Bytes);
                var options = fuzzCase.SmallLimits
                    ? new OfflineDataReaderOptions { Now = Now, MaxFieldLength = 512, MaxRecordLength = 2048 }
                    : new OfflineDataReaderOptions { Now = Now };
                try
                {
                    var report = CheckValidator(fuzzCase, path, options);
                    CheckReader(fuzzCase, path, options, report);
                    CheckImport(fuzzCase, path, options, store, report);
                    CheckConverter(fuzzCase, path, dir);
                    foreach (var c in report.CodeCounts) codes[c.CodeValue] = (codes.TryGetValue(c.CodeValue, out var n) ? n : 0) + 1;
                }
                catch (Exception e) when (!(e is Xunit.Sdk.XunitException))
                {
                    throw new Xunit.Sdk.XunitException($"{fuzzCase} (input kept at {Keep(path)}): {e.GetType().Name} escaped: {e}");
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException($"{fuzzCase} (input kept at {Keep(path)}): {e.Message}");
                }
            }

            output.WriteLine($"seed {seed}: {cases} cases; files with each code: " + string.Join(", ", codes.Select(c => $"{c.Key} {c.Value}")));
        }

        private static ValidationReport CheckValidator(FuzzCase fuzzCase, string path, OfflineDataReaderOptions options)
        {
            var report = new OfflineDataValidator(options).Validate(path);
            Assert.False(report.FindingsTruncated, "the fuzz inputs are small enough for every finding to be listed");
            foreach (var f in report.Findings) AssertLocated(f, fuzzCase);
            Assert.Equal(report.ErrorCount + report.WarningCount, report.CodeCounts.Sum(c => c.Count));
            Assert.InRange(report.InvalidRowCount, 0, report.RowCount);
            return report;
        }

        /// <summary>Read-OfflineDataFile's loop: every valid row becomes a record, every row's raw text can be shown.</summary>
        private static void CheckReader(FuzzCase fuzzCase, string path, OfflineDataReaderOptions options, ValidationReport report)
        {
            long rows = 0, invalid = 0;
            using (var reader = OfflineDataReader.Open(path, options))
            {
                while (reader.Read())
                {
                    rows++;
                    Assert.True(reader.Line >= 1, "a row without a line");
                    Assert.NotNull(reader.RawRecord);
                    // The row's findings and the file's are apart: no caller has to sort them.
                    foreach (var f in reader.RowFindings)
                    {
                        AssertLocated(f, fuzzCase);
                        Assert.True(f.RowIndex == reader.RowIndex, $"a finding of another row among row {reader.RowIndex}'s: {f}");
                    }

                    foreach (var f in reader.FileFindings)
                    {
                        AssertLocated(f, fuzzCase);
                        Assert.True(f.RowIndex == null, $"a row's finding among the file's: {f}");
                    }

                    Assert.Equal(reader.RowFindings.Any(f => f.SeverityValue == FindingSeverity.Error), reader.RowHasErrors);
                    if (reader.RowHasErrors) invalid++;
                    else
                    {
                        var record = reader.ToRecord();
                        Assert.Equal(reader.Line, record.Line);
                    }
                }

                Assert.Empty(reader.RowFindings);
                foreach (var f in reader.FileFindings)
                {
                    AssertLocated(f, fuzzCase);
                    Assert.True(f.RowIndex == null, $"a row's finding after the last row: {f}");
                }
            }

            Assert.Equal(report.RowCount, rows);
            Assert.Equal(report.InvalidRowCount, invalid);
        }

        /// <summary>Import-OfflineData as a dry run: reads and matches everything, writes nothing.</summary>
        private static void CheckImport(FuzzCase fuzzCase, string path, OfflineDataReaderOptions options, IOfflineDataStore store, ValidationReport report)
        {
            var importOptions = new OfflineDataImportOptions { ReportSuite = StoreTestKit.Suite, DryRun = true, ReaderOptions = options };
            var result = new OfflineDataImporter(store).Import(path, importOptions, new CollectingObserver());
            var fileLevelError = report.Findings.FirstOrDefault(f => f.SeverityValue == FindingSeverity.Error && f.RowIndex == null);
            if (fileLevelError != null)
            {
                // Import refuses the whole file at its first file-level error (it must not import part of a file), so it stops counting there.
                Assert.True(result.StatusValue == ImportRunStatus.Failed, $"Test reports '{fileLevelError}', but Import's status is {result.Status}.");
                return;
            }

            Assert.Equal(report.RowCount, result.Rows);
            Assert.True(report.InvalidRowCount == result.Rejected, $"Test-OfflineDataFile counts {report.InvalidRowCount} invalid rows, Import-OfflineData rejects {result.Rejected} ({fuzzCase}).");
            foreach (var f in result.Findings) AssertLocated(f, fuzzCase);
        }

        /// <summary>Convert-OfflineDataFile: a per-file failure is a ConversionException; what it writes passes Test with no error.</summary>
        private static void CheckConverter(FuzzCase fuzzCase, string path, TempDirectory dir)
        {
            var destination = dir.Combine("converted.csv");
            var rejects = new RejectCollector();
            ConversionResult result;
            try
            {
                result = new OfflineDataConverter(new ConversionOptions { Overwrite = true, RejectPath = dir.Combine("rejects.csv"), MaxSourceRecordChars = fuzzCase.SmallLimits ? 2048 : 4L * 1024 * 1024 })
                    .Convert(path, destination, rejects);
            }
            catch (ConversionException e)
            {
                Assert.True(Enum.IsDefined(typeof(ConversionFailure), e.Failure), $"undocumented failure {e.Failure}");
                Assert.NotEqual(ConversionFailure.SourceRecordTooLong, e.Failure); // no longer raised: such a record is a rejected row
                return;
            }

            Assert.Equal(result.RowsRead, result.RowsWritten + result.RowsRejected);
            Assert.Equal(result.RowsRejected, rejects.Rows.Count);
            Assert.All(rejects.Rows, r => Assert.True(r.Line >= 1, $"a rejected row without a line: {r}"));
            var check = new OfflineDataValidator(new OfflineDataReaderOptions { Now = new DateTime(2100, 1, 1), CheckDuplicates = false }).Validate(destination);
            Assert.True(check.ErrorCount == 0, "Convert wrote a file Test rejects: " + string.Join("; ", check.Findings.Take(3)));
            Assert.Equal(result.RowsWritten, check.RowCount);
        }

        private static void AssertLocated(Finding f, FuzzCase fuzzCase)
        {
            if (f.Line == null)
            {
                Assert.True(FileLevelCodes.ContainsKey(f.CodeValue), $"{f.Code} has no line: {f}");
                return;
            }

            Assert.True(f.Line >= 1, $"line {f.Line}: {f}");
            if (fuzzCase.TextLines != null) Assert.True(f.Line <= fuzzCase.TextLines, $"line {f.Line} is past the text's {fuzzCase.TextLines} lines: {f}");
            if (f.RowIndex != null) Assert.True(f.RowIndex >= 1, $"row index {f.RowIndex}: {f}");
        }

        private static string Keep(string path)
        {
            var kept = Path.Combine(Path.GetTempPath(), "offlinedata-fuzz-" + Path.GetFileName(path));
            File.Copy(path, kept, overwrite: true);
            return kept;
        }

        private sealed class RejectCollector : IConversionObserver
        {
            public List<RejectedRow> Rows { get; } = new List<RejectedRow>();

            public void OnProgress(string source, long bytesRead, long totalBytes, long rowsRead)
            {
            }

            public void OnRejected(RejectedRow row) => Rows.Add(row);
        }
    }
}
