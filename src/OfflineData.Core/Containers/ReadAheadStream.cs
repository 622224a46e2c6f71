using System;
using System.Collections.Concurrent;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace OfflineData.Core.Containers
{
    /// <summary>
    /// Decompresses on a second thread while the caller checks rows: for zip and gzip input, inflating
    /// costs about as much as checking, and the two overlap on a machine with two cores. At most four
    /// 64 KiB chunks are in flight, so memory stays bounded. Bytes arrive in order, and a failure of
    /// the source (a corrupt stream) is thrown to the caller, as the same exception, only after every
    /// byte read before it, so callers see exactly what reading the source directly would give them.
    /// </summary>
    internal sealed class ReadAheadStream : ForwardReadStream
    {
        private const int ChunkSize = 64 * 1024; // under the large object heap threshold
        private const int ChunkCount = 4;

        private readonly Stream source;
        private readonly BlockingCollection<Chunk> filled = new BlockingCollection<Chunk>(ChunkCount + 1);
        private readonly BlockingCollection<byte[]> free = new BlockingCollection<byte[]>(ChunkCount);
        private readonly CancellationTokenSource stop = new CancellationTokenSource();
        private readonly Thread producer;
        private Chunk? current;
        private int currentOffset;
        private ExceptionDispatchInfo? failure;
        private bool ended;
        private bool disposed;

        public ReadAheadStream(Stream source)
        {
            this.source = source;
            for (int i = 0; i < ChunkCount; i++) free.Add(new byte[ChunkSize]);
            producer = new Thread(Produce) { IsBackground = true, Name = "OfflineData read-ahead" };
            producer.Start();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (disposed) throw new ObjectDisposedException(nameof(ReadAheadStream));
            if (count == 0) return 0;
            while (true)
            {
                failure?.Throw();
                if (ended) return 0;
                if (current == null)
                {
                    var next = filled.Take();
                    if (next.Error != null)
                    {
                        failure = next.Error;
                        continue;
                    }

                    if (next.Buffer == null)
                    {
                        ended = true;
                        return 0;
                    }

                    current = next;
                    currentOffset = 0;
                }

                int n = Math.Min(count, current.Count - currentOffset);
                Buffer.BlockCopy(current.Buffer!, currentOffset, buffer, offset, n);
                currentOffset += n;
                if (currentOffset == current.Count)
                {
                    free.Add(current.Buffer!);
                    current = null;
                }

                return n;
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !disposed)
            {
                disposed = true;
                stop.Cancel();
                producer.Join(); // the source shares the file with the next entry: nothing may read it after this
                source.Dispose();
                stop.Dispose();
                filled.Dispose();
                free.Dispose();
            }

            base.Dispose(disposing);
        }

        private void Produce()
        {
            try
            {
                while (true)
                {
                    var buffer = free.Take(stop.Token);
                    int count = 0;
                    Exception? error = null;
                    bool end = false;
                    try
                    {
                        while (count < buffer.Length)
                        {
                            int read = source.Read(buffer, count, buffer.Length - count);
                            if (read == 0)
                            {
                                end = true;
                                break;
                            }

                            count += read;
                        }
                    }
                    catch (Exception e)
                    {
                        error = e;
                    }

                    if (count > 0) filled.Add(new Chunk(buffer, count, null), stop.Token);
                    if (error != null)
                    {
                        filled.Add(new Chunk(null, 0, ExceptionDispatchInfo.Capture(error)), stop.Token);
                        return;
                    }

                    if (end)
                    {
                        filled.Add(new Chunk(null, 0, null), stop.Token);
                        return;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Disposed before the end: stop quietly.
            }
        }

        /// <summary>Filled bytes, the end (no buffer), or the source's failure.</summary>
        private sealed class Chunk
        {
            public Chunk(byte[]? buffer, int count, ExceptionDispatchInfo? error)
            {
                Buffer = buffer;
                Count = count;
                Error = error;
            }

            public byte[]? Buffer { get; }

            public int Count { get; }

            public ExceptionDispatchInfo? Error { get; }
        }
    }
}
