using System;
using System.IO;

namespace OfflineData.Core.Conversion
{
    /// <summary>
    /// The source file's stream, seekable as the file is, whose read failures (an I/O error, a lost permission)
    /// become <see cref="ConversionFailure.SourceUnreadable"/> naming the file. Without it a read error would look
    /// like a write failure of the destination, or like corrupt compressed data once it passes a decompressor.
    /// </summary>
    internal sealed class SourceReadStream : Stream
    {
        private readonly FileStream file;

        public SourceReadStream(FileStream file) => this.file = file;

        public override bool CanRead => file.CanRead;

        public override bool CanSeek => file.CanSeek;

        public override bool CanWrite => false;

        public override long Length => file.Length;

        public override long Position
        {
            get => file.Position;
            set => file.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return file.Read(buffer, offset, count);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw Unreadable(file.Name, e);
            }
        }

        public override long Seek(long offset, SeekOrigin origin) => file.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        /// <summary>The failure for a source that cannot be opened or read; <paramref name="e"/> is kept as the cause.</summary>
        public static ConversionException Unreadable(string path, Exception e)
        {
            return new ConversionException(ConversionFailure.SourceUnreadable, $"Cannot read '{path}': {e.Message}", path, inner: e);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) file.Dispose();
            base.Dispose(disposing);
        }
    }
}
