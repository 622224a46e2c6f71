using System;
using System.Collections.Generic;
using System.Linq;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Validation;
using Xunit;

namespace OfflineData.Core.Tests.Reading
{
    public class BlankRowTests
    {
        [Theory]
        [InlineData("\n")]
        [InlineData("\r\n")]
        public void BlankLineIsAWarningAndNotADataRow(string lineEnd)
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("b.csv", Rows.Valid(1) + lineEnd + lineEnd + Rows.Valid(2) + lineEnd);

            var scan = Scan.File(path);

            var f = scan.Single(FindingCode.BlankRow);
            FindingAssert.Located(f, FindingCode.BlankRow, FindingSeverity.Warning, 2, null, null, null, null, "empty");
            Assert.Equal(2, scan.Rows.Count);
            Assert.Equal(new long[] { 1, 3 }, scan.Rows.Select(r => r.Line));
            Assert.Equal(new long[] { 1, 2 }, scan.Rows.Select(r => r.RowIndex));
            Assert.All(scan.Rows, r => Assert.False(r.HasErrors));
        }

        [Theory]
        [InlineData(";;;;;;")]
        [InlineData(";;;;;;;;;;;;;;;;;;;;;")]
        [InlineData("\"\";;;\"\";;;")]
        public void RowOfSeparatorsOnlyIsABlankRowNotSixErrors(string row)
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("b.csv", Rows.Lines(Rows.Valid(1), row, Rows.Valid(3)));

            var scan = Scan.File(path);

            var f = Assert.Single(scan.Findings);
            FindingAssert.Located(f, FindingCode.BlankRow, FindingSeverity.Warning, 2, null, null, null, null, "only separators");
            Assert.Equal(new long[] { 1, 3 }, scan.Rows.Select(r => r.Line));
        }

        [Theory]
        [InlineData(" ;;;;;;")]
        [InlineData(";;;;;;x")]
        [InlineData(";;\"\"x;;;;")]
        public void RowWithAnythingInItIsData(string row)
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("b.csv", Rows.Lines(Rows.Valid(1), row));

            var scan = Scan.File(path);

            Assert.Equal(2, scan.Rows.Count);
            Assert.True(scan.Rows[1].HasErrors);
            Assert.DoesNotContain(FindingCode.BlankRow, scan.Codes);
        }

        [Fact]
        public void BlankRowsAreCountedButTheFileStaysValid()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("b.csv", Rows.Lines(Rows.Header, "", Rows.Valid(1), "", "", Rows.Valid(2)));

            var report = new OfflineDataValidator().Validate(path);

            Assert.True(report.IsValid);
            Assert.Equal(2, report.RowCount);
            // Lines 4 and 5 are one run: one warning that names both lines and counts them.
            Assert.Equal(2, report.WarningCount);
            var blank = report.Findings.Where(x => x.CodeValue == FindingCode.BlankRow).ToList();
            Assert.Equal(new long?[] { 2, 4 }, blank.Select(x => x.Line));
            Assert.Equal("The line is empty; remove blank lines between records.", blank[0].Message);
            Assert.Equal("Lines 4 to 5 (2 lines) are empty; remove blank lines between records.", blank[1].Message);
            Assert.Equal(1, report.HeaderRows);
        }

        [NetCoreOnlyTheory("measures allocation with GC.GetAllocatedBytesForCurrentThread, which .NET Framework and Mono lack")]
        [Trait(NetCoreOnly.Trait, NetCoreOnly.Value)]
        [InlineData("\n", "are empty")]
        [InlineData("\r\n", "are empty")]
        [InlineData(";\n", "hold only separators")]
        [InlineData(";;;;;;\r\n", "hold only separators")]
        public void AMillionBlankLinesAreOneFindingAndTakeNoMemory(string blankLine, string kind)
        {
            const int blankLines = 1_000_000;
            var findings = new List<Finding>();
            var lines = new List<long>();
            long before = GC.GetAllocatedBytesForCurrentThread();
            using (var reader = OfflineDataReader.Open(new PatternStream(Rows.Valid(1) + "\n", blankLine, blankLines, Rows.Valid(2) + "\n"), "blank.csv"))
            {
                while (reader.Read())
                {
                    lines.Add(reader.Line);
                    findings.AddRange(reader.Findings);
                    Assert.False(reader.RowHasErrors);
                }

                findings.AddRange(reader.Findings);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(new long[] { 1, blankLines + 2 }, lines);
            var f = Assert.Single(findings);
            FindingAssert.Located(f, FindingCode.BlankRow, FindingSeverity.Warning, 2, null, null, null, null, $"Lines 2 to {blankLines + 1} (1,000,000 lines) {kind}");
            // The reader's own buffers are about 1.1 MB; a finding per blank line took about 120 MB here.
            Assert.True(allocated < 4 * 1024 * 1024, $"Reading {blankLines} blank lines allocated {allocated} bytes.");
        }

        [Fact]
        public void ARunMixingEmptyLinesAndSeparatorsSaysSo()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("b.csv", Rows.Lines(Rows.Valid(1), "", ";;;", "", Rows.Valid(5)));

            var f = Assert.Single(Scan.File(path).Findings);

            Assert.Equal(2, f.Line);
            Assert.Equal("Lines 2 to 4 (3 lines) are empty or hold only separators; remove blank lines between records.", f.Message);
        }

        [Fact]
        public void TrailingBlankLinesAreOneFindingAfterTheLastRow()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("b.csv", Rows.Valid(1) + "\n\n\n\n");

            var scan = Scan.File(path);

            Assert.Single(scan.Rows);
            Assert.Empty(scan.Rows[0].Findings);
            var f = Assert.Single(scan.Findings);
            Assert.Equal(2, f.Line);
            Assert.StartsWith("Lines 2 to 4 (3 lines)", f.Message);
        }

        [Fact]
        public void ABlankRunEndsAtTheEndOfItsZipEntryAndNamesIt()
        {
            using var dir = new TempDirectory();
            var path = dir.Combine("b.zip");
            using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
            {
                foreach (var name in new[] { "a.csv", "b.csv" })
                {
                    using var writer = new System.IO.StreamWriter(zip.CreateEntry(name).Open());
                    writer.Write(Rows.Valid(1) + "\n\n\n");
                }
            }

            var blank = Scan.File(path).Findings.Where(x => x.CodeValue == FindingCode.BlankRow).ToList();

            Assert.Equal(new[] { "a.csv", "b.csv" }, blank.Select(x => x.Entry));
            Assert.All(blank, x => Assert.StartsWith("Lines 2 to 3 (2 lines)", x.Message));
        }

        [Fact]
        public void ImportWarnsOncePerRunOfBlankLines()
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);
            var path = dir.WriteText("b.csv", Rows.Valid(1) + "\n" + new string('\n', 10_000) + Rows.Valid(2) + "\n");
            var observer = new CollectingObserver();

            var result = StoreTestKit.Import(store, path, observer: observer);

            Assert.Equal(2, result.Imported);
            Assert.Equal(1, result.Warnings);
            var warning = Assert.Single(observer.Warnings, w => w.Contains("BlankRow"));
            Assert.Contains("Lines 2 to 10001 (10,000 lines) are empty", warning);
        }

        [Fact]
        public void BlankLineBeforeTheHeaderDoesNotHideTheHeader()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("b.csv", Rows.Lines("", Rows.Header, Rows.Valid(1)));

            var scan = Scan.File(path);

            Assert.Equal(1, scan.HeaderRows);
            Assert.Equal(FindingCode.BlankRow, Assert.Single(scan.Findings).CodeValue);
            Assert.Equal(3, Assert.Single(scan.Rows).Line);
        }
    }
}
