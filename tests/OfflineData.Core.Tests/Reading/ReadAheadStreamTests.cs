using System;
using System.IO;
using System.Linq;
using OfflineData.Core.Containers;
using OfflineData.Core.Reading;
using Xunit;

namespace OfflineData.Core.Tests.Reading
{
    /// <summary>Decompressing on a second thread changes nothing a caller sees: same bytes, same failure, at the same point.</summary>
    public class ReadAheadStreamTests
    {
        [Fact]
        public void DeliversEveryByteInOrder()
        {
            var data = Enumerable.Range(0, 1_000_003).Select(i => (byte)(i * 31)).ToArray();
            using var stream = new ReadAheadStream(new MemoryStream(data));

            var copy = new MemoryStream();
            var buffer = new byte[7919]; // odd sizes, so reads straddle the 64 KiB chunks
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0) copy.Write(buffer, 0, read);

            Assert.Equal(data, copy.ToArray());
            Assert.Equal(0, stream.Read(buffer, 0, buffer.Length));
        }

        [Fact]
        public void SourceFailureIsThrownAfterTheBytesBeforeIt()
        {
            using var stream = new ReadAheadStream(new FailingStream(200_000));

            long total = 0;
            var buffer = new byte[10_000];
            var error = Assert.Throws<InvalidDataException>(() =>
            {
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0) total += read;
            });

            Assert.Equal(200_000, total);
            Assert.Equal("damaged", error.Message);
            Assert.Throws<InvalidDataException>(() => stream.Read(buffer, 0, buffer.Length)); // and stays failed
        }

        [Fact]
        public void DisposingBeforeTheEndStopsReadingAndClosesTheSource()
        {
            var source = new CountingSource(10_000_000);
            var stream = new ReadAheadStream(source);
            Assert.True(stream.Read(new byte[100], 0, 100) > 0);

            stream.Dispose();

            Assert.True(source.Disposed);
            long readAtDispose = source.Position;
            Assert.True(readAtDispose < 10_000_000); // bounded read-ahead, not the whole source
            Assert.Throws<ObjectDisposedException>(() => stream.Read(new byte[1], 0, 1));
        }

        /// <summary>Yields zero bytes up to a point, then throws like a corrupt inflater.</summary>
        private sealed class FailingStream : MemoryStream
        {
            private readonly long failAt;
            private long position;

            public FailingStream(long failAt)
            {
                this.failAt = failAt;
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                if (position >= failAt) throw new InvalidDataException("damaged");
                int n = (int)Math.Min(count, failAt - position);
                position += n;
                return n;
            }
        }

        private sealed class CountingSource : MemoryStream
        {
            private readonly long length;
            private long read;

            public CountingSource(long length)
            {
                this.length = length;
            }

            public bool Disposed { get; private set; }

            public override long Position
            {
                get => read;
                set => throw new NotSupportedException();
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                int n = (int)Math.Min(count, length - read);
                read += n;
                return n;
            }

            protected override void Dispose(bool disposing)
            {
                Disposed = true;
                base.Dispose(disposing);
            }
        }
    }
}
