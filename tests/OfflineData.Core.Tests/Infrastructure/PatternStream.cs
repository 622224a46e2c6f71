using System;
using System.IO;

namespace OfflineData.Core.Tests.Infrastructure
{
    /// <summary>
    /// A seekable stream of <c>head</c>, then <c>pattern</c> repeated <c>times</c>, then <c>tail</c>, made up as it is
    /// read: gigabyte-sized inputs (a million blank lines, a 64 MB quoted field) cost no disk and no memory.
    /// </summary>
    public sealed class PatternStream : Stream
    {
        private readonly byte[] head;
        private readonly byte[] pattern;
        private readonly byte[] tail;
        private readonly long middle;
        private long position;

        public PatternStream(string head, string pattern, long times, string tail)
        {
            this.head = System.Text.Encoding.UTF8.GetBytes(head);
            this.pattern = System.Text.Encoding.UTF8.GetBytes(pattern);
            this.tail = System.Text.Encoding.UTF8.GetBytes(tail);
            middle = this.pattern.Length * times;
            Length = this.head.Length + middle + this.tail.Length;
        }

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length { get; }

        public override long Position
        {
            get => position;
            set => position = value;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = 0;
            while (n < count && position < Length)
            {
                // Copy the longest run of the current part (head, one pattern repetition, tail) at once.
                byte[] part;
                long at;
                if (position < head.Length)
                {
                    part = head;
                    at = position;
                }
                else if (position < head.Length + middle)
                {
                    part = pattern;
                    at = (position - head.Length) % pattern.Length;
                }
                else
                {
                    part = tail;
                    at = position - head.Length - middle;
                }

                int run = (int)Math.Min(part.Length - at, count - n);
                Buffer.BlockCopy(part, (int)at, buffer, offset + n, run);
                n += run;
                position += run;
            }

            return n;
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            position = origin == SeekOrigin.Begin ? offset : origin == SeekOrigin.Current ? position + offset : Length + offset;
            return position;
        }

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
