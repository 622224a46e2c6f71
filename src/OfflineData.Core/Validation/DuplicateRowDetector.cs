using System;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using OfflineData.Core.Reading;

namespace OfflineData.Core.Validation
{
    /// <summary>
    /// Remembers 64-bit fingerprints (XxHash3) of the rows seen, in an open-addressing table that grows
    /// up to a fixed capacity: exact duplicates are found in bounded memory (8 bytes a row, 10 with the
    /// table's free fifth). A false positive needs two different rows with the same 64-bit hash.
    /// </summary>
    /// <remarks>
    /// The table soon outgrows the processor caches, and a random probe into it costs a trip to memory
    /// for every row (measured: 40% of a validation pass). So a Bloom filter of about 8 bits a row, small
    /// enough to stay in cache, answers "never seen" for nearly every row, and new fingerprints wait in a
    /// small, cache-resident batch that is inserted into the table 1024 at a time, where the processor
    /// overlaps the memory trips. Only a row the filter may have seen (a duplicate, or about 3% false
    /// alarms) probes the table. The answers are exactly those of the table alone. Because the table is
    /// probed so rarely it can be 80% full, and its last growth stops at the size the capacity needs
    /// rather than the next power of two: 21 MB instead of 32 MB at the default 2M rows.
    /// </remarks>
    internal sealed class DuplicateRowDetector
    {
        private const int BatchSize = 1024;
        private const int BatchSetMask = (BatchSize * 2) - 1;
        private const int MinFilterWords = 256;

        private readonly int capacityRows;
        private readonly ulong[] batch = new ulong[BatchSize];
        private readonly ulong[] batchSet = new ulong[BatchSize * 2];
        private ulong[] slots = new ulong[1 << 12];
        private ulong[] filter = new ulong[MinFilterWords];
        private int filterShift = 64 - Log2(MinFilterWords);
        private int batchCount;
        private int tableCount;

        public DuplicateRowDetector(int capacityRows)
        {
            this.capacityRows = capacityRows;
        }

        /// <summary>Whether the table stopped taking new rows because it reached its capacity.</summary>
        public bool IsFull => tableCount + batchCount >= capacityRows;

        /// <summary>True when the same bytes were seen before; otherwise remembers them (while not full).</summary>
        [MethodImpl(RecordTokenizer.FullyOptimized)]
        public bool SeenBefore(ReadOnlySpan<byte> row)
        {
            ulong hash = XxHash3.HashToUInt64(row);
            if (hash == 0) hash = 1; // 0 marks an empty slot

            int word = FilterWord(hash);
            ulong bits = FilterBits(hash);
            if ((filter[word] & bits) == bits && (BatchContains(hash) || TableContains(hash))) return true;

            if (IsFull) return false;
            filter[word] |= bits;
            AddToBatch(hash);
            if (batchCount == BatchSize) FlushBatch();
            return false;
        }

        /// <summary>
        /// Sizes the table now for about <paramref name="rows"/> distinct rows (never past the capacity), so a large
        /// file's table is built once at its final size instead of doubling through every size before it, each
        /// growth re-inserting every fingerprint at random places. Only speed and memory change, never an answer.
        /// </summary>
        public void ExpectRows(long rows)
        {
            long length = (Math.Min(rows, capacityRows) * 5 / 4) + BatchSize;
            if (length <= slots.Length) return;
            FlushBatch(); // the filter is rebuilt from the table: the batch must be in it first
            Grow((int)Math.Min(length, int.MaxValue / 2));
            RebuildFilter();
        }

        private int FilterWord(ulong hash) => (int)((hash * 0x9E3779B97F4A7C15UL) >> filterShift);

        private static ulong FilterBits(ulong hash) => (1UL << (int)(hash >> 40 & 63)) | (1UL << (int)(hash >> 46 & 63)) | (1UL << (int)(hash >> 52 & 63));

        private bool BatchContains(ulong hash)
        {
            int i = (int)hash & BatchSetMask;
            while (true)
            {
                ulong slot = batchSet[i];
                if (slot == hash) return true;
                if (slot == 0) return false;
                i = (i + 1) & BatchSetMask;
            }
        }

        private void AddToBatch(ulong hash)
        {
            int i = (int)hash & BatchSetMask;
            while (batchSet[i] != 0) i = (i + 1) & BatchSetMask;
            batchSet[i] = hash;
            batch[batchCount++] = hash;
        }

        private bool TableContains(ulong hash)
        {
            var table = slots;
            int i = TableIndex(hash, table.Length);
            while (true)
            {
                ulong slot = table[i];
                if (slot == hash) return true;
                if (slot == 0) return false;
                if (++i == table.Length) i = 0;
            }
        }

        [MethodImpl(RecordTokenizer.FullyOptimized)] // a cold run otherwise inserts its first ~100,000 rows in unoptimised code
        private void FlushBatch()
        {
            bool grew = false;
            long needed = tableCount + batchCount;
            while (needed * 5 > slots.Length * 4L)
            {
                // Double, but never past what the whole capacity needs at 80% load.
                long full = ((long)capacityRows * 5 / 4) + BatchSize;
                long length = Math.Min(slots.Length * 2L, Math.Max(full, (needed * 5 / 4) + 1));
                Grow((int)Math.Min(length, int.MaxValue / 2));
                grew = true;
            }

            // Independent probes in a tight loop: the processor keeps several memory trips in flight.
            var table = slots;
            for (int k = 0; k < batchCount; k++)
            {
                ulong hash = batch[k];
                Insert(table, hash);
            }

            tableCount += batchCount;
            batchCount = 0;
            Array.Clear(batchSet, 0, batchSet.Length);
            if (grew) RebuildFilter();
        }

        /// <summary>Maps the hash's high 32 bits onto [0, length) without a power-of-two length.</summary>
        private static int TableIndex(ulong hash, int length) => (int)(((hash >> 32) * (ulong)(uint)length) >> 32);

        [MethodImpl(RecordTokenizer.FullyOptimized)]
        private static void Insert(ulong[] table, ulong hash)
        {
            int i = TableIndex(hash, table.Length);
            while (table[i] != 0)
            {
                if (++i == table.Length) i = 0;
            }

            table[i] = hash;
        }

        private void Grow(int length)
        {
            var old = slots;
            var table = new ulong[length];
            foreach (var hash in old)
            {
                if (hash != 0) Insert(table, hash);
            }

            slots = table;
        }

        /// <summary>Sizes the filter to the table (a 64-bit word per 8 to 16 rows it can hold: 4 to 8 bits a row) and refills it.</summary>
        private void RebuildFilter()
        {
            int words = MinFilterWords;
            while (words * 2 <= slots.Length / 10) words *= 2;
            filter = new ulong[words];
            filterShift = 64 - Log2(words);
            foreach (var hash in slots)
            {
                if (hash != 0) filter[FilterWord(hash)] |= FilterBits(hash);
            }
        }

        private static int Log2(int powerOfTwo)
        {
            int log = 0;
            while ((1 << log) < powerOfTwo) log++;
            return log;
        }
    }
}
