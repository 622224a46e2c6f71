using System.Linq;
using OfflineData.Core.Findings;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Quoting
{
    public class UnclosedQuoteTests
    {
        [Fact]
        public void RecoversAtTheNextLineThatStartsWithATimestamp()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("q.csv", Rows.Lines(
                Rows.Header,
                Rows.Valid(1),
                "2024-05-25 12:25:02;C2;7;CAT;\"SKU-2;1;2",
                Rows.Valid(3),
                Rows.Valid(4)));

            var scan = Scan.File(path);

            var f = scan.Single(FindingCode.UnclosedQuote);
            FindingAssert.Located(f, FindingCode.UnclosedQuote, FindingSeverity.Error, 3, 2, 5, "Event Name", "SKU-2;1;2", "never closed", "cut at the end of its first line and reading resumed on the next line");
            Assert.Equal(new long[] { 2, 3, 4, 5 }, scan.Rows.Select(r => r.Line));
            Assert.Equal(new long[] { 1, 2, 3, 4 }, scan.Rows.Select(r => r.RowIndex));
            Assert.Equal(new[] { false, true, false, false }, scan.Rows.Select(r => r.HasErrors));
            Assert.StartsWith("2024-05-25 12:25:03", scan.Rows[2].Raw);
        }

        [Fact]
        public void RecoversAtATimestampLineWhoseTimestampIsQuoted()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("q.csv", Rows.Lines(
                "2024-05-25 12:25:01;C1;7;\"CAT;SKU;1;2",
                "\"2024-05-25 12:25:02\";C2;7;CAT;SKU;1;2"));

            var scan = Scan.File(path);

            Assert.Equal(1, scan.Single(FindingCode.UnclosedQuote).Line);
            Assert.Equal(2, scan.Rows.Count);
            Assert.Equal(2, scan.Rows[1].Line);
            Assert.False(scan.Rows[1].HasErrors);
        }

        [Theory]
        [InlineData("\n")]
        [InlineData("\r\n")]
        public void LinesSwallowedBeforeTheNextRecordStillCountForItsLineNumber(string lineEnd)
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("q.csv", string.Join(lineEnd,
                Rows.Valid(1),
                "2024-05-25 12:25:02;C2;7;CAT;\"SKU-2;1;2",
                "a continuation that is not a record",
                "",
                Rows.Valid(5),
                Rows.Valid(6)) + lineEnd);

            var scan = Scan.File(path);

            var f = scan.Single(FindingCode.UnclosedQuote);
            Assert.Equal(2, f.Line);
            Assert.Contains("cut at the end of line 4 and reading resumed on line 5", f.Message);
            Assert.Equal(new long[] { 1, 2, 5, 6 }, scan.Rows.Select(r => r.Line));
            Assert.Equal(new[] { false, true, false, false }, scan.Rows.Select(r => r.HasErrors));
            // The raw value is everything the open quote swallowed, without the line end before the next record.
            Assert.Equal("SKU-2;1;2" + lineEnd + "a continuation that is not a record" + lineEnd, f.RawValue);
        }

        [Fact]
        public void AtTheEndOfTheFileRewindsToTheLineAfterTheQuote()
        {
            using var dir = new TempDirectory();
            // No later line starts with a timestamp, so the quote only proves unclosed at the end of the file.
            var path = dir.WriteText("q.csv", Rows.Lines(
                Rows.Valid(1),
                "2024-05-25 12:25:02;C2;7;CAT;\"SKU-2;1;2",
                "25/05/2024 12:25:03;C3;7;CAT;SKU-3;1;2",
                "not a timestamp;C4;7;CAT;SKU-4;1;2"));

            var scan = Scan.File(path);

            var f = scan.Single(FindingCode.UnclosedQuote);
            FindingAssert.Located(f, FindingCode.UnclosedQuote, FindingSeverity.Error, 2, 2, 5, "Event Name", "SKU-2;1;2");
            Assert.Equal(new long[] { 1, 2, 3, 4 }, scan.Rows.Select(r => r.Line));
            Assert.Equal(new long[] { 1, 2, 3, 4 }, scan.Rows.Select(r => r.RowIndex));
            var timestamps = scan.Findings.Where(x => x.CodeValue == FindingCode.InvalidTimestamp).ToList();
            Assert.Equal(new long?[] { 3, 4 }, timestamps.Select(x => x.Line));
            Assert.Equal("25/05/2024 12:25:03", timestamps[0].RawValue);
        }

        [Fact]
        public void QuoteOpenedOnTheLastLineWithoutALineEnd()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("q.csv", Rows.Valid(1) + "\n2024-05-25 12:25:02;C2;7;CAT;SKU;1;\"2");

            var scan = Scan.File(path);

            var f = scan.Single(FindingCode.UnclosedQuote);
            FindingAssert.Located(f, FindingCode.UnclosedQuote, FindingSeverity.Error, 2, 2, 7, "Num2", "2", "runs to the end of the file");
            Assert.Equal(2, scan.Rows.Count);
        }

        [Theory]
        [InlineData("2024-05-25 12:25:43\"")]
        [InlineData("2024-05-25 12:25:43\";after")]
        [InlineData("2024-05-25 12:25:43\"\"quoted\"\" text\"")]
        public void ClosedMultiLineFieldWhoseLineIsATimestampBeforeTheClosingQuoteIsNotCut(string lastLine)
        {
            // Found by the fuzz test: Convert writes such a field, and a timestamp followed by a quote was taken for a new row.
            using var dir = new TempDirectory();
            var path = dir.WriteText("q.csv", Rows.Lines(
                "2024-05-25 12:25:01;C1;7;CAT;SKU;1;2;\"-12.50",
                lastLine,
                Rows.Valid(3)));

            var scan = Scan.File(path);

            Assert.Empty(scan.Findings);
            Assert.Equal(new long[] { 1, 3 }, scan.Rows.Select(r => r.Line));
        }

        [Fact]
        public void ClosedMultiLineFieldIsNotCutWhenItsLinesDoNotLookLikeRecords()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("q.csv", Rows.Lines(
                "2024-05-25 12:25:01;C1;7;CAT;SKU;1;2;\"line one",
                "line two; with a separator",
                "line three\"",
                Rows.Valid(2)));

            var scan = Scan.File(path);

            Assert.Empty(scan.Findings);
            Assert.Equal(new long[] { 1, 4 }, scan.Rows.Select(r => r.Line));
        }
    }
}
