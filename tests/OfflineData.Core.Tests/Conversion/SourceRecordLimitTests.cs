using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using OfflineData.Core.Conversion;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Conversion
{
    /// <summary>
    /// The source record limit of Convert (issue 7, items 15 and 19): blank lines are no part of any record, and a
    /// record past the limit is one rejected row, skipped unread, after which conversion goes on with the right lines.
    /// </summary>
    public sealed class SourceRecordLimitTests
    {
        private const string Header = "Timestamp,CustomerId,EventType,EventName,Num1,Num2";

        /// <summary>Converts with the given record limit; returns the result, the rejected rows as reported, and the output text.</summary>
        private static (ConversionResult Result, List<RejectedRow> Rejects, string Output) Run(TempDirectory dir, string name, string source, long maxRecordChars)
        {
            var src = dir.WriteText(name, source);
            var dst = dir.Combine(Path.GetFileNameWithoutExtension(name) + ".out.csv");
            var observer = new Rejects();
            var result = new OfflineDataConverter(new ConversionOptions { MaxSourceRecordChars = maxRecordChars }).Convert(src, dst, observer);
            Assert.Equal(result.RowsRead, result.RowsWritten + result.RowsRejected);
            Convert.AssertValid(dst);
            return (result, observer.Rows, File.ReadAllText(dst));
        }

        [Theory]
        [InlineData("\n")]
        [InlineData("\r\n")]
        [InlineData("\r")]
        public void BlankLinesDoNotCountTowardsTheRecordLimit(string lineEnd)
        {
            using var dir = new TempDirectory();
            var source = string.Join(lineEnd, Header, "2024-05-25 12:00:00,C1,7,S,1,1") + string.Concat(Enumerable.Repeat(lineEnd, 10_001))
                + string.Join(lineEnd, "2024-05-25 12:00:00,C2,7,S,1,1", "2024-05-25 12:00:00,C3,7,S,x,1") + lineEnd;

            var (result, rejects, output) = Run(dir, "blank.csv", source, 4096);

            // Before: SourceRecordTooLong after 4096 blank lines, and nothing written.
            Assert.Equal(2, result.RowsWritten);
            Assert.Contains("C2;", output);
            var reject = Assert.Single(rejects);
            Assert.Equal((10_004L, ConversionRejectReason.InvalidNumber), (reject.Line, reject.Reason));
        }

        [Fact]
        public void FiveMillionBlankLinesWithTheDefaultLimitLoseNoRow()
        {
            // The input: more blank lines than the default limit's 4 Mi characters, then a valid row.
            using var dir = new TempDirectory();
            var src = dir.Combine("blank.csv");
            using (var file = File.Create(src))
            {
                new PatternStream(Header + "\n2024-05-25 12:00:00,C1,7,S,1,1\n", "\n", 5_000_000, "2024-05-25 12:00:00,C2,7,S,1,1\n").CopyTo(file);
            }

            var result = new OfflineDataConverter(new ConversionOptions()).Convert(src, dir.Combine("out.csv"));

            Assert.Equal(2, result.RowsWritten);
            Assert.Equal(0, result.RowsRejected);
        }

        [Theory]
        [InlineData("\n")]
        [InlineData("\r\n")]
        public void ClosedQuotedFieldPastTheLimitIsOneRejectedRowAndTheRowsAfterItKeepTheirLines(string lineEnd)
        {
            using var dir = new TempDirectory();
            var field = string.Join(lineEnd, Enumerable.Repeat("text, with \"\"quotes\"\" and commas " + new string('y', 200), 50));
            var source = string.Join(lineEnd,
                Header,
                "2024-05-25 12:00:00,C1,7,S,1,1",
                "2024-05-25 12:00:00,C2,7,\"" + field + "\",1,1",
                "2024-05-25 12:00:00,C3,7,S,1,1",
                "2024-05-25 12:00:00,C4,7,S,x,1") + lineEnd;

            var (result, rejects, output) = Run(dir, "long.csv", source, 4096);

            Assert.Equal(2, result.RowsWritten);
            Assert.Contains("C3;", output);
            Assert.Equal(2, rejects.Count);
            Assert.Equal((3L, ConversionRejectReason.ValueTooLong), (rejects[0].Line, rejects[0].Reason));
            Assert.Contains("lines 3 to 52", rejects[0].Message);
            Assert.Contains("is longer than 4,096 bytes (UTF-8)", rejects[0].Message);
            Assert.StartsWith("2024-05-25 12:00:00,C2,7,\"text, with", rejects[0].RawValue);
            // The row after the skipped one is on its physical line: most of the 49 line breaks were skipped unread.
            Assert.Equal((54L, ConversionRejectReason.InvalidNumber), (rejects[1].Line, rejects[1].Reason));
            Assert.Contains("2024-05-25 12:00:00,C4,7,S,x,1", File.ReadAllText(result.RejectPath!));
        }

        [Fact]
        public void AFirstRowPastTheLimitIsRejectedAndDoesNotDecideTheHeader()
        {
            using var dir = new TempDirectory();
            var source = "2024-05-25 12:00:00;C0;7;;S;1;" + new string('9', 5000) + "\n" + Rows.Lines(Rows.Header, Rows.Valid(3), Rows.Valid(4));

            var (result, rejects, output) = Run(dir, "first.csv", source, 4096);

            Assert.True(result.SourceHadHeader);
            Assert.Equal(2, result.RowsWritten);
            Assert.Equal((1L, ConversionRejectReason.ValueTooLong), (Assert.Single(rejects).Line, rejects[0].Reason));
            Assert.Equal(3, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        }

        [NetCoreOnlyFact("measures allocation with GC.GetAllocatedBytesForCurrentThread, which .NET Framework and Mono lack")]
        [Trait(NetCoreOnly.Trait, NetCoreOnly.Value)]
        public void A64MegabyteQuotedFieldIsSkippedInBoundedMemory()
        {
            const long size = 64L * 1024 * 1024;
            using var dir = new TempDirectory();
            var src = dir.Combine("huge.csv");
            using (var file = File.Create(src))
            {
                new PatternStream(Header + "\n2024-05-25 12:00:00,C1,7,\"", "abcdefg\n", size / 8, "\",1,1\n2024-05-25 12:00:00,C2,7,S,1,1\n").CopyTo(file);
            }

            var observer = new Rejects();
            long before = GC.GetAllocatedBytesForCurrentThread();
            var result = new OfflineDataConverter(new ConversionOptions { MaxSourceRecordChars = 64 * 1024 }).Convert(src, dir.Combine("out.csv"), observer);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.Equal(1, result.RowsWritten);
            var reject = Assert.Single(observer.Rows);
            Assert.Equal((2L, ConversionRejectReason.ValueTooLong), (reject.Line, reject.Reason));
            Assert.Contains($"lines 2 to {size / 8 + 2}", reject.Message);
            // Before: SourceRecordTooLong, the file refused; without any limit the field alone is 128 MB of text.
            Assert.True(allocated < 16 * 1024 * 1024, $"Converting a {size} byte field allocated {allocated} bytes.");
        }

        [Fact]
        public void ARowWithoutLineBreakRunningToTheEndIsRejectedAndSaysSo()
        {
            using var dir = new TempDirectory();
            var source = Rows.Lines(Rows.Header, Rows.Valid(2)) + "2024-05-25 12:00:00;C3;7;;S;1;" + new string('9', 10_000);

            var (result, rejects, _) = Run(dir, "end.csv", source, 4096);

            Assert.Equal(1, result.RowsWritten);
            var reject = Assert.Single(rejects);
            Assert.Equal((3L, ConversionRejectReason.ValueTooLong), (reject.Line, reject.Reason));
            Assert.Contains("runs to the end of the source", reject.Message);
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
