using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OfflineData.Core.Conversion;
using OfflineData.Core.Findings;
using OfflineData.Core.Import;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Validation;
using Xunit;
using Xunit.Abstractions;

namespace OfflineData.Core.Tests.Agreement
{
    /// <summary>
    /// Issue 8, "Done means": Test, Read, Import and Convert agree on every offline data file in examples/ and on the
    /// broken-file corpus (tests/corpus/broken, made by its make-corpus.py): the same rows read and the same rows
    /// rejected, by entry and physical line; a damaged container is the same code on every path.
    /// </summary>
    public sealed class PathAgreementTests
    {
        private static readonly DateTime Now = new DateTime(2030, 1, 1);

        private readonly ITestOutputHelper output;

        public PathAgreementTests(ITestOutputHelper output) => this.output = output;

        /// <summary>The files: the corpus, and the examples that are offline data files (the others are sources for Convert, see below).</summary>
        public static IEnumerable<object[]> Files()
        {
            var root = RepoRoot();
            foreach (var f in Directory.GetFiles(Path.Combine(root, "tests", "corpus", "broken")).Where(f => !f.EndsWith(".py", StringComparison.Ordinal)).OrderBy(f => f, StringComparer.Ordinal))
            {
                yield return new object[] { f.Substring(root.Length).TrimStart(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) };
            }

            foreach (var name in new[] { "valid-sample.csv", "valid-sample.zip", "invalid-sample.csv" })
            {
                yield return new object[] { Path.Combine("examples", name) };
            }
        }

        [Theory]
        [MemberData(nameof(Files))]
        public void TestReadImportAndConvertReadAndRejectTheSameRows(string file)
        {
            var path = Path.Combine(RepoRoot(), file);
            using var dir = new TempDirectory();
            var test = ByTest(path);
            var read = ByRead(path);
            var import = ByImport(dir, path);
            var convert = ByConvert(dir, path);
            output.WriteLine($"Test {test}\nRead {read}\nImport {import}\nConvert {convert}");

            Assert.Equal(test, read);
            Assert.Equal(test, import);
            if (test.ContainerCode != null)
            {
                // A conversion is all or nothing: on a damaged container it fails the file, with the code Test reports,
                // and reads no row, where Test, Read and Import report the rows before the damage.
                Assert.Equal(test.ContainerCode, convert.ContainerCode);
                return;
            }

            Assert.Equal(test, convert);
        }

        [Fact]
        public void TheInvalidExampleReadsTwelveRowsOnEveryPathAndItsUnclosedQuoteCostsOneRow()
        {
            // The issue's report: Convert read 8 rows where Test read 12; the quote on line 10 took lines 11-14 with it.
            var path = Path.Combine(RepoRoot(), "examples", "invalid-sample.csv");
            using var dir = new TempDirectory();

            var convert = ByConvert(dir, path);

            Assert.Equal(12, convert.Rows);
            Assert.Equal(new[] { ":3", ":4", ":5", ":6", ":7", ":8", ":10", ":14" }, convert.Rejected);
        }

        [Fact]
        public void TheSwedishTillExportConvertsIntoAFileTestCallsValidWithEveryRowAccountedFor()
        {
            // examples/till-export-sv.csv is a source export, not an offline data file: Test, Read and Import rightly
            // refuse its header, so what must agree is Convert's output with Test, and its rows with the source's lines.
            // (crm-export.csv and import/online-transactions.csv are inputs of Write-OfflineDataFile and Import-OnlineData.)
            var path = Path.Combine(RepoRoot(), "examples", "till-export-sv.csv");
            using var dir = new TempDirectory();
            var options = new ConversionOptions
            {
                Encoding = SourceEncodings.Resolve("windows-1252"),
                Culture = System.Globalization.CultureInfo.GetCultureInfo("sv-SE"),
                TimestampFormats = new[] { "yyyy-MM-dd HH:mm" },
                SourceTimeZone = TimeZoneResolver.Find("Europe/Stockholm"),
                Mapping = ColumnMapping.Create(
                    new System.Collections.Hashtable { ["Timestamp"] = "Datum", ["CustomerId"] = "Kundnummer", ["EventName"] = "Artikelnummer", ["Category"] = "Kategori", ["Num1"] = "Antal", ["Num2"] = "Belopp", ["Var1"] = "Stad", ["Var2"] = "Butik", ["TransactionAttributes"] = new object[] { "Kvittonummer" } },
                    new System.Collections.Hashtable { ["EventType"] = 7 }),
            };
            var destination = dir.Combine("till.csv");

            var result = new OfflineDataConverter(options).Convert(path, destination);
            var report = new OfflineDataValidator(new OfflineDataReaderOptions { Now = Now }).Validate(destination);

            Assert.Equal((12L, 9L, 3L), (result.RowsRead, result.RowsWritten, result.RowsRejected));
            Assert.True(report.IsValid, string.Join("; ", report.Findings));
            Assert.Equal(result.RowsWritten, report.RowCount);
        }

        /// <summary>What one path made of a file.</summary>
        private sealed record Outcome(long Rows, string[] Rejected, string? ContainerCode)
        {
            public bool Equals(Outcome? other) => other != null && Rows == other.Rows && Rejected.SequenceEqual(other.Rejected) && ContainerCode == other.ContainerCode;

            public override int GetHashCode() => HashCode.Combine(Rows, ContainerCode);

            public override string ToString() => $"rows {Rows}, rejected [{string.Join(", ", Rejected)}]{(ContainerCode != null ? ", container " + ContainerCode : string.Empty)}";
        }

        private static readonly FindingCode[] ContainerCodes =
        {
            FindingCode.CorruptArchive, FindingCode.EncryptedEntry, FindingCode.EmptyArchive, FindingCode.CorruptCompressedStream,
            FindingCode.UnsupportedCompression, FindingCode.TrailingData,
        };

        private static string Where(string? entry, long? line) => $"{entry}:{line}";

        private static Outcome FromFindings(long rows, IEnumerable<Finding> findings)
        {
            var list = findings.ToList();
            var rejected = list.Where(f => f.SeverityValue == FindingSeverity.Error && f.RowIndex != null)
                .Select(f => Where(f.Entry, f.Line)).Distinct().OrderBy(Key).ToArray();
            var container = list.FirstOrDefault(f => ContainerCodes.Contains(f.CodeValue))?.CodeValue.ToString();
            return new Outcome(rows, rejected, container);
        }

        private static (string, long) Key(string where)
        {
            int colon = where.LastIndexOf(':');
            return (where.Substring(0, colon), long.Parse(where.Substring(colon + 1)));
        }

        private static Outcome ByTest(string path)
        {
            var report = new OfflineDataValidator(new OfflineDataReaderOptions { Now = Now }).Validate(path);
            Assert.False(report.FindingsTruncated);
            return FromFindings(report.RowCount, report.Findings);
        }

        private static Outcome ByRead(string path)
        {
            var findings = new List<Finding>();
            long rows = 0;
            using (var reader = OfflineDataReader.Open(path, new OfflineDataReaderOptions { Now = Now }))
            {
                while (reader.Read())
                {
                    rows++;
                    findings.AddRange(reader.Findings);
                }

                findings.AddRange(reader.Findings);
            }

            return FromFindings(rows, findings);
        }

        private static Outcome ByImport(TempDirectory dir, string path)
        {
            using var store = StoreTestKit.NewStore(dir, "agreement.db");
            var options = new OfflineDataImportOptions { ReportSuite = StoreTestKit.Suite, DryRun = true, ReaderOptions = new OfflineDataReaderOptions { Now = Now } };
            var result = new OfflineDataImporter(store).Import(path, options, new CollectingObserver());
            return FromFindings(result.Rows, result.Findings);
        }

        private static Outcome ByConvert(TempDirectory dir, string path)
        {
            var rejects = new Rejects();
            long rows;
            string? container = null;
            try
            {
                rows = new OfflineDataConverter(new ConversionOptions { Overwrite = true }).Convert(path, dir.Combine("converted.csv"), rejects, dryRun: true).RowsRead;
            }
            catch (ConversionException e) when (e.Failure == ConversionFailure.NoRowsConverted)
            {
                rows = rejects.Rows.Count; // nothing converted: every row read was rejected
            }
            catch (ConversionException e) when ((int)e.Failure < 400)
            {
                rows = 0;
                container = e.Failure.ToString();
            }

            // Convert compares what it rejected with the rows Test calls invalid, by the same entry and physical line.
            return new Outcome(rows, rejects.Rows.Select(r => Where(r.Entry, r.Line)).Distinct().OrderBy(Key).ToArray(), container);
        }

        private static string RepoRoot()
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            {
                if (Directory.Exists(Path.Combine(d.FullName, "examples")) && Directory.Exists(Path.Combine(d.FullName, "tests", "corpus"))) return d.FullName;
            }

            throw new DirectoryNotFoundException("The repository root (with examples/ and tests/corpus/) was not found above " + AppContext.BaseDirectory);
        }

        private sealed class Rejects : IConversionObserver
        {
            public List<RejectedRow> Rows { get; } = new List<RejectedRow>();

            public void OnProgress(string source, long bytesRead, long totalBytes, long rowsRead)
            {
            }

            public void OnRejected(RejectedRow row) => Rows.Add(row);
        }
    }
}
