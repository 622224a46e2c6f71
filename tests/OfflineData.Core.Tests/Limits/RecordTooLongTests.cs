using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Validation;
using Xunit;

namespace OfflineData.Core.Tests.Limits
{
    public class RecordTooLongTests
    {
        private static OfflineDataReaderOptions Small => new OfflineDataReaderOptions { MaxFieldLength = 256, MaxRecordLength = 1024 };

        [Fact]
        public void RecordOverTheLimitIsSkippedToTheNextLine()
        {
            using var dir = new TempDirectory();
            var manyFields = string.Join(";", Enumerable.Range(0, 400).Select(i => "a" + i));
            var row = "2024-05-25 12:25:02;C1;7;;SKU;1;2;" + manyFields;
            var path = dir.WriteText("r.csv", Rows.Lines(Rows.Valid(1), row, Rows.Valid(3)));

            var scan = Scan.File(path, Small);

            var f = scan.Single(FindingCode.RecordTooLong);
            FindingAssert.Located(f, FindingCode.RecordTooLong, FindingSeverity.Error, 2, 2, null, null, row.Substring(0, 200) + "…", "1024 bytes");
            Assert.Equal(new long[] { 1, 2, 3 }, scan.Rows.Select(r => r.Line));
            Assert.Equal(new[] { false, true, false }, scan.Rows.Select(r => r.HasErrors));
            Assert.Single(scan.Findings);
        }

        [Fact]
        public void RecordJustOverTheLimitIsReportedEvenWhenItFitsTheReadBuffer()
        {
            using var dir = new TempDirectory();
            var row = "2024-05-25 12:25:02;C1;7;;SKU;1;2;" + string.Join(";", Enumerable.Repeat(new string('v', 200), 6));
            Assert.InRange(row.Length, 1025, 2000);
            var path = dir.WriteText("r.csv", Rows.Lines(row, Rows.Valid(2)));

            var scan = Scan.File(path, Small);

            var f = scan.Single(FindingCode.RecordTooLong);
            Assert.Equal(1, f.Line);
            Assert.Equal(1, f.RowIndex);
            Assert.Equal(2, scan.Rows.Count);
            Assert.True(scan.Rows[0].HasErrors);
            Assert.False(scan.Rows[1].HasErrors);
        }

        [Fact]
        public void OverLongRecordEndingAfterTextBehindAClosingQuoteIsCutNotACrash()
        {
            using var dir = new TempDirectory();
            var row = "2024-05-25 12:25:02;C1;7;;SKU;1;2;" + string.Join(";", Enumerable.Repeat(new string('v', 200), 6)) + ";\"q\"tail";
            var path = dir.WriteText("r.csv", Rows.Lines(row, Rows.Valid(2)));

            var scan = Scan.File(path, Small);

            Assert.Equal(FindingCode.RecordTooLong, Assert.Single(scan.Findings).CodeValue);
            Assert.Equal(new long[] { 1, 2 }, scan.Rows.Select(r => r.Line));
        }

        [Fact]
        public void RecordExactlyAtTheLimitIsFine()
        {
            using var dir = new TempDirectory();
            var head = "2024-05-25 12:25:02;C1;7;;SKU;1;2;";
            var row = head + string.Join(";", Enumerable.Repeat(new string('v', 200), 4));
            row += ";" + new string('w', 1024 - row.Length - 1);
            Assert.Equal(1024, row.Length);
            var path = dir.WriteText("r.csv", Rows.Lines(row, Rows.Valid(2)));

            Assert.Empty(Scan.File(path, Small).Findings);
        }

        [Fact]
        public void LongRecordAfterAMultiLineFieldKeepsTheRecordsLineAndTheNextOne()
        {
            using var dir = new TempDirectory();
            var row = "2024-05-25 12:25:02;C1;7;;SKU;1;2;\"two\nlines\";" + new string('x', 200_000);
            var path = dir.WriteText("r.csv", Rows.Lines(Rows.Valid(1), row, Rows.Valid(4)));

            var scan = Scan.File(path, Small);

            var f = scan.Single(FindingCode.RecordTooLong);
            Assert.Equal(2, f.Line);
            Assert.Equal(new long[] { 1, 2, 4 }, scan.Rows.Select(r => r.Line));
        }

        /// <summary>
        /// Rows longer than the whole read buffer (limit + 64 KiB), shifted byte by byte so that a separator, a
        /// closing or doubled quote, or a carriage return lands on the buffer's last byte in one case or another.
        /// </summary>
        public static IEnumerable<object[]> RowsLongerThanTheBuffer()
        {
            foreach (var unit in new[] { "x;", "\"q\";", "\"a\"\"b\";", "\"q\"\r;" })
            {
                for (int shift = 0; shift < 8; shift++) yield return new object[] { unit, shift };
            }
        }

        [Theory]
        [MemberData(nameof(RowsLongerThanTheBuffer))]
        public void RowLongerThanTheReadBufferIsOneRowWhereverTheBufferEnds(string unit, int shift)
        {
            using var dir = new TempDirectory();
            var row = new StringBuilder("2024-05-25 12:25:02;C1;7;;SKU;1;2;" + new string('s', shift) + ";");
            while (row.Length < 200_000) row.Append(unit);
            var path = dir.WriteText("r.csv", Rows.Lines(Rows.Valid(1), row.ToString(), Rows.Valid(3)));

            var scan = Scan.File(path, Small);

            // Ending the row where the buffer ended would count the rest of the line as more rows on line 2.
            Assert.Equal(new long[] { 1, 2, 3 }, scan.Rows.Select(r => r.Line));
            var f = Assert.Single(scan.Findings);
            Assert.Equal(FindingCode.RecordTooLong, f.CodeValue);
            Assert.Equal(2, f.Line);
        }

        [Fact]
        public void RowCutInsideAQuotedFieldThatClosesLaterIsNotAnUnclosedQuote()
        {
            using var dir = new TempDirectory();
            var row = "2024-05-25 12:25:02;C1;7;;SKU;1;2;\"" + new string('x', 100_000) + "\";tail;\"q\"";
            var path = dir.WriteText("r.csv", Rows.Lines(row, Rows.Valid(2)));

            var scan = Scan.File(path, Small);

            Assert.Equal(FindingCode.RecordTooLong, Assert.Single(scan.Findings).CodeValue);
            Assert.Equal(new long[] { 1, 2 }, scan.Rows.Select(r => r.Line));
        }

        [Fact]
        public void RowCutInsideAQuotedFieldWithOnlyDoubledQuotesLaterIsAnUnclosedQuote()
        {
            using var dir = new TempDirectory();
            var row = "2024-05-25 12:25:02;C1;7;;SKU;1;2;\"" + new string('x', 100_000) + "\"\"inch";
            var path = dir.WriteText("r.csv", Rows.Lines(row, Rows.Valid(2)));

            var scan = Scan.File(path, Small);

            Assert.Equal(new[] { FindingCode.RecordTooLong, FindingCode.UnclosedQuote }, scan.Codes);
            Assert.Equal(new long[] { 1, 2 }, scan.Rows.Select(r => r.Line));
        }

        [NetCoreOnlyTheory("measures allocation with GC.GetAllocatedBytesForCurrentThread, which .NET Framework and Mono lack")]
        [Trait(NetCoreOnly.Trait, NetCoreOnly.Value)]
        [InlineData(64 * 1024)]
        [InlineData(OfflineDataReaderOptions.DefaultMaxRecordLength)]
        public void FileWithoutLineBreaksIsReadInBoundedMemory(int maxRecordLength)
        {
            const long size = 64L * 1024 * 1024;
            var options = new OfflineDataReaderOptions { MaxFieldLength = 16 * 1024, MaxRecordLength = maxRecordLength };
            long before = GC.GetAllocatedBytesForCurrentThread();
            int rows = 0;
            var findings = new System.Collections.Generic.List<Finding>();
            using (var reader = OfflineDataReader.Open(new GeneratedStream(size), "endless.csv", options))
            {
                while (reader.Read())
                {
                    rows++;
                    findings.AddRange(reader.Findings);
                    Assert.True(reader.RowHasErrors);
                }

                findings.AddRange(reader.Findings);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(1, rows);
            var f = Assert.Single(findings);
            FindingAssert.Located(f, FindingCode.RecordTooLong, FindingSeverity.Error, 1, 1, null, null, new string('x', 200) + "…", $"{maxRecordLength} bytes");
            Assert.True(allocated < 4 * 1024 * 1024, $"Reading a {size} byte record allocated {allocated} bytes.");
        }

        [Fact]
        public void FileWithoutLineBreaksOnDiskIsOneRecordTooLong()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("one-line.csv", new string('x', 300_000));

            var report = new OfflineDataValidator(new OfflineDataReaderOptions { MaxFieldLength = 1024, MaxRecordLength = 8192 }).Validate(path);

            Assert.Equal(1, report.RowCount);
            Assert.Equal(1, report.InvalidRowCount);
            Assert.Equal(FindingCode.RecordTooLong, Assert.Single(report.Findings).CodeValue);
        }

        [Fact]
        public void UnclosedQuoteWithoutLineBreaksIsTooLongAndUnclosed()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("q.csv", "2024-05-25 12:25:02;C1;7;;\"" + new string('x', 5000));

            var scan = Scan.File(path, Small);

            Assert.Equal(1, scan.Single(FindingCode.RecordTooLong).Line);
            var unclosed = scan.Single(FindingCode.UnclosedQuote);
            Assert.Equal(1, unclosed.Line);
            Assert.Contains("runs to the end of the file", unclosed.Message);
            Assert.Single(scan.Rows);
        }

        /// <summary>A seekable stream of 'x' bytes that exist nowhere, so a huge line costs no disk or memory.</summary>
        private sealed class GeneratedStream : Stream
        {
            private readonly long length;
            private long position;

            public GeneratedStream(long length) => this.length = length;

            public override bool CanRead => true;
            public override bool CanSeek => true;
            public override bool CanWrite => false;
            public override long Length => length;

            public override long Position
            {
                get => position;
                set => position = value;
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                int n = (int)Math.Min(count, length - position);
                if (n <= 0) return 0;
                buffer.AsSpan(offset, n).Fill((byte)'x');
                position += n;
                return n;
            }

            public override long Seek(long offset, SeekOrigin origin)
            {
                position = origin == SeekOrigin.Begin ? offset : origin == SeekOrigin.Current ? position + offset : length + offset;
                return position;
            }

            public override void Flush() { }
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
