using System;
using System.IO;

namespace OfflineData.Core.Containers
{
    /// <summary>
    /// A stream that can only be read, front to back: the wrappers around an input
    /// (read-ahead, zip entry, decompression guard, sniffed-prefix replay) say only how they read.
    /// </summary>
    internal abstract class ForwardReadStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
