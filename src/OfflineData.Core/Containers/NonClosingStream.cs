using System.IO;

namespace OfflineData.Core.Containers
{
    /// <summary>Lets an entry reader be disposed without closing the file the container still owns.</summary>
    internal sealed class NonClosingStream : Stream
    {
        private readonly Stream inner;

        public NonClosingStream(Stream inner)
        {
            this.inner = inner;
        }

        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new System.NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new System.NotSupportedException();
        public override void Flush() { }
        public override void SetLength(long value) => throw new System.NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new System.NotSupportedException();
    }
}
