using System;
using System.IO;
using System.Linq;
using System.Threading;
using OfflineData.Core.Conversion;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Writing;
using Xunit;

namespace OfflineData.Core.Tests.Conversion
{
    public sealed class AtomicWriteTests
    {
        private const string Source = "Timestamp,CustomerId,EventType,EventName,Num1,Num2\n2024-05-25 12:00:00,C1,7,S,1,1\n";

        [Fact]
        public void ExistingDestinationIsNotReplacedWithoutForce()
        {
            using var dir = new TempDirectory();
            var src = dir.WriteText("src.csv", Source);
            var dst = dir.WriteText("out.csv", "precious");
            var e = Assert.Throws<ConversionException>(() => new OfflineDataConverter(new ConversionOptions()).Convert(src, dst));
            Assert.Equal(ConversionFailure.DestinationExists, e.Failure);
            Assert.Equal("precious", File.ReadAllText(dst));

            new OfflineDataConverter(new ConversionOptions { Overwrite = true }).Convert(src, dst);
            Convert.AssertValid(dst);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void AMissingFolderIsNamedInsteadOfTheHiddenTemporaryFile(bool dryRun)
        {
            // The runtime's message named '.out.csv.<hex>.tmp', a file the user never asked for.
            using var dir = new TempDirectory();
            var dst = dir.Combine(Path.Combine("missing", "out.csv"));
            var e = Assert.Throws<ConversionException>(() => OfflineDataFileWriter.Create(dst, overwrite: false, compress: false, header: true, 0, dryRun));
            Assert.Equal(ConversionFailure.WriteFailed, e.Failure);
            Assert.Contains("'" + dir.Combine("missing") + "' does not exist", e.Message);
            Assert.DoesNotContain(".tmp", e.Message);
            Assert.False(Directory.Exists(dir.Combine("missing")));
        }

        [Fact]
        public void ExistingRejectFileIsNotReplacedWithoutForce()
        {
            using var dir = new TempDirectory();
            var src = dir.WriteText("src.csv", Source);
            dir.WriteText("out.rejects.csv", "old rejects");
            var e = Assert.Throws<ConversionException>(() => new OfflineDataConverter(new ConversionOptions()).Convert(src, dir.Combine("out.csv")));
            Assert.Equal(ConversionFailure.DestinationExists, e.Failure);
            Assert.False(File.Exists(dir.Combine("out.csv")));
        }

        [Fact]
        public void SourceAsDestinationOrRejectFileIsRefused()
        {
            using var dir = new TempDirectory();
            var src = dir.WriteText("src.csv", Source);
            Assert.Equal(ConversionFailure.SameSourceAndDestination, Assert.Throws<ConversionException>(() => new OfflineDataConverter(new ConversionOptions { Overwrite = true }).Convert(src, Path.Combine(dir.FullName, ".", "src.csv"))).Failure);
            Assert.Equal(ConversionFailure.SameSourceAndDestination, Assert.Throws<ConversionException>(() => new OfflineDataConverter(new ConversionOptions { Overwrite = true, RejectPath = src }).Convert(src, dir.Combine("out.csv"))).Failure);
            Assert.Equal(Source, File.ReadAllText(src));
        }

        [Fact]
        public void FailureMidWriteLeavesNoDestinationAndNoTempFile()
        {
            using var dir = new TempDirectory();
            var body = "Timestamp,CustomerId,EventType,EventName,Num1,Num2\n" + string.Concat(Enumerable.Range(0, 10000).Select(i => $"2024-05-25 12:00:00,C{i},7,S,1,1\n"));
            var src = dir.WriteText("src.csv", body);
            var observer = new ThrowingObserver();
            Assert.Throws<IOException>(() => new OfflineDataConverter(new ConversionOptions()).Convert(src, dir.Combine("out.csv"), observer));
            Assert.True(observer.Calls > 0);
            Assert.Equal(new[] { "src.csv" }, Directory.GetFiles(dir.FullName).Select(Path.GetFileName));
        }

        [Fact]
        public void CancellationLeavesTheOldDestinationIntact()
        {
            using var dir = new TempDirectory();
            var src = dir.WriteText("src.csv", Source);
            var dst = dir.WriteText("out.csv", "old");
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => new OfflineDataConverter(new ConversionOptions { Overwrite = true }).Convert(src, dst, null, false, cts.Token));
            Assert.Equal("old", File.ReadAllText(dst));
            Assert.Equal(2, Directory.GetFiles(dir.FullName).Length);
        }

        [Fact]
        public void DryRunReadsAndCountsButWritesNothing()
        {
            using var dir = new TempDirectory();
            var src = dir.WriteText("src.csv", Source + "2024-05-25 12:00:00,C1,7,S,x,1\n");
            var result = new OfflineDataConverter(new ConversionOptions()).Convert(src, dir.Combine("out.csv"), null, dryRun: true);
            Assert.True(result.WhatIf);
            Assert.Equal(2, result.RowsRead);
            Assert.Equal(1, result.RowsWritten);
            Assert.Equal(1, result.RowsRejected);
            Assert.Single(Directory.GetFiles(dir.FullName));
        }

        [Fact]
        public void AGzipDestinationIsRefusedRatherThanWrittenAsPlainText()
        {
            using var dir = new TempDirectory();
            var src = dir.WriteText("src.csv", Source);
            var e = Assert.Throws<ConversionException>(() => new OfflineDataConverter(new ConversionOptions()).Convert(src, dir.Combine("out.csv.gz")));
            Assert.Equal(ConversionFailure.InvalidArgument, e.Failure);
            Assert.Single(Directory.GetFiles(dir.FullName));
        }

        [Fact]
        public void AtomicWriterDisposedWithoutCommitLeavesNothing()
        {
            using var dir = new TempDirectory();
            using (var w = AtomicFileWriter.Create(dir.Combine("f.txt"), overwrite: false))
            {
                w.Stream.WriteByte(65);
                Assert.True(File.Exists(w.TempPath));
                Assert.False(File.Exists(dir.Combine("f.txt")));
            }

            Assert.Empty(Directory.GetFiles(dir.FullName));
        }

        [Fact]
        public void ProgressReportsBytes()
        {
            using var dir = new TempDirectory();
            var body = "Timestamp,CustomerId,EventType,EventName,Num1,Num2\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"2024-05-25 12:00:00,C{i},7,S,1,1\n"));
            var src = dir.WriteText("src.csv", body);
            var observer = new RecordingObserver();
            new OfflineDataConverter(new ConversionOptions()).Convert(src, dir.Combine("out.csv"), observer);
            Assert.True(observer.Reports >= 2);
            Assert.Equal(new FileInfo(src).Length, observer.LastTotal);
            Assert.Equal(observer.LastTotal, observer.LastRead);
        }

        private sealed class ThrowingObserver : IConversionObserver
        {
            public int Calls;

            public void OnProgress(string source, long bytesRead, long totalBytes, long rowsRead)
            {
                Calls++;
                throw new IOException("disk full (simulated)");
            }

            public void OnRejected(RejectedRow row)
            {
            }
        }

        private sealed class RecordingObserver : IConversionObserver
        {
            public int Reports;
            public long LastRead;
            public long LastTotal;

            public void OnProgress(string source, long bytesRead, long totalBytes, long rowsRead)
            {
                Reports++;
                LastRead = bytesRead;
                LastTotal = totalBytes;
            }

            public void OnRejected(RejectedRow row)
            {
            }
        }
    }
}
