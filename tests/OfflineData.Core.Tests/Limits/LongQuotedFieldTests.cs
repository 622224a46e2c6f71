using System;
using System.Collections.Generic;
using System.Linq;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Limits
{
    /// <summary>
    /// A quoted field that is closed but longer than the record limit (issue 7, item 19): one finding for its row,
    /// reading resumes after the closing quote, and memory stays bounded whatever the field's size.
    /// </summary>
    public class LongQuotedFieldTests
    {
        private static OfflineDataReaderOptions Small => new OfflineDataReaderOptions { MaxFieldLength = 256, MaxRecordLength = 1024 };

        [Fact]
        public void ClosedFieldOfTwelveLinesPastTheRecordLimitIsOneFindingAndTheNextRowIsRead()
        {
            // The case with the default limits: a 1.2 MB field of 12 lines gave 13 rows and 39 errors.
            using var dir = new TempDirectory();
            var field = string.Join("\n", Enumerable.Repeat(new string('y', 99_999), 12));
            var path = dir.WriteText("long.csv", Rows.Lines(Rows.Valid(1), "2024-05-25 12:25:02;C2;7;CAT;SKU;1;2;\"" + field + "\"", Rows.Valid(3)));

            var scan = Scan.File(path);

            Assert.Equal(new long[] { 1, 2, 14 }, scan.Rows.Select(r => r.Line));
            Assert.Equal(new[] { false, true, false }, scan.Rows.Select(r => r.HasErrors));
            var f = Assert.Single(scan.Findings);
            FindingAssert.Located(f, FindingCode.RecordTooLong, FindingSeverity.Error, 2, 2, null, null, ("2024-05-25 12:25:02;C2;7;CAT;SKU;1;2;\"" + field).Substring(0, 200) + "…",
                "spans lines 2 to 13", "reading resumed on line 14");
        }

        [Fact]
        public void ClosedFieldUnderTheRecordLimitButOverTheFieldLimitIsOneFieldTooLong()
        {
            using var dir = new TempDirectory();
            var field = string.Join("\n", Enumerable.Repeat(new string('y', 99), 5));
            var path = dir.WriteText("long.csv", Rows.Lines(Rows.Valid(1), "2024-05-25 12:25:02;C2;7;CAT;SKU;1;2;\"" + field + "\";after", Rows.Valid(3)));

            var scan = Scan.File(path, Small);

            Assert.Equal(new long[] { 1, 2, 7 }, scan.Rows.Select(r => r.Line));
            var f = Assert.Single(scan.Findings);
            Assert.Equal(FindingCode.FieldTooLong, f.CodeValue);
            Assert.Equal(8, f.ColumnNumber);
        }

        [Theory]
        [InlineData("\n")]
        [InlineData("\r\n")]
        public void FieldWithDoubledQuotesAndSeparatorsPastTheLimitEndsAtItsClosingQuote(string lineEnd)
        {
            using var dir = new TempDirectory();
            // Lines inside the field hold ';', doubled quotes and text that is no timestamp; one ends in a doubled quote.
            var inside = string.Join(lineEnd, Enumerable.Range(0, 40).Select(i => $"part {i}; a \"\"quoted\"\" word; more text to make it long enough \"\""));
            var row = "2024-05-25 12:25:02;C2;7;CAT;SKU;1;2;\"" + inside + "\";\"second\nfield\";x";
            var path = dir.WriteText("long.csv", string.Join(lineEnd, Rows.Valid(1), row, Rows.Valid(3), ""));

            var scan = Scan.File(path, Small);

            // 39 line breaks in the first quoted field, one in the second: the row ends on line 42.
            Assert.Equal(new long[] { 1, 2, 43 }, scan.Rows.Select(r => r.Line));
            var f = Assert.Single(scan.Findings);
            Assert.Equal(FindingCode.RecordTooLong, f.CodeValue);
            Assert.Contains("spans lines 2 to 42", f.Message);
        }

        [Fact]
        public void UnclosedQuotePastTheLimitEndsAtTheNextLineThatStartsLikeARow()
        {
            using var dir = new TempDirectory();
            var lines = new List<string> { Rows.Valid(1), "2024-05-25 12:25:02;C2;7;CAT;\"SKU;1;2" };
            lines.AddRange(Enumerable.Repeat("continuation text without any quote, long enough to pass the limit", 30));
            lines.Add(Rows.Valid(33));
            var path = dir.WriteText("q.csv", Rows.Lines(lines.ToArray()));

            var scan = Scan.File(path, Small);

            Assert.Equal(new long[] { 1, 2, 33 }, scan.Rows.Select(r => r.Line));
            Assert.False(scan.Rows[2].HasErrors);
            Assert.Equal(new[] { FindingCode.RecordTooLong, FindingCode.UnclosedQuote }, scan.Codes);
            Assert.Contains("spans lines 2 to 32", scan.Findings[0].Message);
            Assert.Contains("cut at the end of line 32 and reading resumed on line 33", scan.Findings[1].Message);
            Assert.Equal(2, scan.Findings[1].Line);
        }

        [Fact]
        public void UnclosedQuotePastTheLimitThatRunsToTheEndOfTheFileSaysSo()
        {
            using var dir = new TempDirectory();
            var lines = new List<string> { Rows.Valid(1), "2024-05-25 12:25:02;C2;7;CAT;\"SKU;1;2" };
            lines.AddRange(Enumerable.Repeat("continuation text without any quote, long enough to pass the limit", 30));
            var path = dir.WriteText("q.csv", Rows.Lines(lines.ToArray()));

            var scan = Scan.File(path, Small);

            Assert.Equal(new long[] { 1, 2 }, scan.Rows.Select(r => r.Line));
            Assert.Equal(new[] { FindingCode.RecordTooLong, FindingCode.UnclosedQuote }, scan.Codes);
            Assert.Contains("runs to the end of the file", scan.Findings[0].Message);
            Assert.Contains("runs to the end of the file", scan.Findings[1].Message);
        }

        [NetCoreOnlyTheory("measures allocation with GC.GetAllocatedBytesForCurrentThread, which .NET Framework and Mono lack")]
        [Trait(NetCoreOnly.Trait, NetCoreOnly.Value)]
        [InlineData("abcdefg\n")]
        [InlineData("abc;\"\"e\n")]
        [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n")]
        public void A64MegabyteClosedFieldIsOneFindingInBoundedMemory(string fieldLine)
        {
            // The worst case: a 64 MB field made 8 million rejected rows of a 2-row file.
            const long size = 64L * 1024 * 1024;
            var input = new PatternStream(Rows.Valid(1) + "\n2024-05-25 12:25:02;C2;7;CAT;SKU;1;2;\"", fieldLine, size / fieldLine.Length, "\";tail\n" + Rows.Valid(3) + "\n");
            long fieldLines = size / fieldLine.Length;
            var findings = new List<Finding>();
            var lines = new List<long>();
            long before = GC.GetAllocatedBytesForCurrentThread();
            using (var reader = OfflineDataReader.Open(input, "huge.csv"))
            {
                while (reader.Read())
                {
                    lines.Add(reader.Line);
                    findings.AddRange(reader.Findings);
                }

                findings.AddRange(reader.Findings);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(new long[] { 1, 2, fieldLines + 3 }, lines);
            var f = Assert.Single(findings);
            Assert.Equal(FindingCode.RecordTooLong, f.CodeValue);
            Assert.Contains($"spans lines 2 to {fieldLines + 2}", f.Message);
            Assert.True(allocated < 4 * 1024 * 1024, $"Reading a {size} byte field allocated {allocated} bytes.");
        }
    }
}
