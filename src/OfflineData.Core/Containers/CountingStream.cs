using System;
using System.IO;

namespace OfflineData.Core.Containers
{
    /// <summary>Counts the bytes read from the file itself, so progress is by file bytes even for zip and gzip.</summary>
    internal sealed class CountingStream : Stream
    {
        private readonly Stream inner;
        private volatile Exception? lastFailure;

        public CountingStream(Stream inner)
        {
            this.inner = inner;
        }

        /// <summary>
        /// How far into the file reading has got: the position after the last read when the file is seekable,
        /// so it never passes the file's length even though a zip's directory and headers are read twice.
        /// </summary>
        public long BytesRead { get; private set; }

        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set
            {
                try
                {
                    inner.Position = value;
                }
                catch (Exception e)
                {
                    lastFailure = e;
                    throw;
                }
            }
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int read;
            try
            {
                read = inner.Read(buffer, offset, count);
            }
            catch (Exception e)
            {
                // Remembered so the decompression guard can tell a failing disk from damaged data.
                lastFailure = e;
                throw;
            }

            BytesRead = inner.CanSeek ? inner.Position : BytesRead + read;
            return read;
        }

        /// <summary>Whether <paramref name="e"/> is (or wraps) an exception that reading the file itself threw.</summary>
        public bool IsReadFailure(Exception e)
        {
            var failure = lastFailure;
            if (failure == null) return false;
            for (var x = e; x != null; x = x.InnerException)
            {
                if (ReferenceEquals(x, failure)) return true;
            }

            return false;
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            try
            {
                return inner.Seek(offset, origin);
            }
            catch (Exception e)
            {
                lastFailure = e;
                throw;
            }
        }

        public override void Flush() => inner.Flush();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
