using System;
using System.IO.Hashing;

namespace OfflineData.Core.Reading
{
    /// <summary>
    /// Remembers 64-bit fingerprints (XxHash3) of the rows seen, in an open-addressing table that grows
    /// up to a fixed capacity: exact duplicates are found in bounded memory (8 bytes a row, 16 at most
    /// with the table's free half). A false positive needs two different rows with the same 64-bit hash.
    /// </summary>
    internal sealed class DuplicateRowDetector
    {
        private readonly int capacityRows;
        private ulong[] slots = new ulong[1 << 12];
        private int count;

        public DuplicateRowDetector(int capacityRows)
        {
            this.capacityRows = capacityRows;
        }

        /// <summary>Whether the table stopped taking new rows because it reached its capacity.</summary>
        public bool IsFull => count >= capacityRows;

        /// <summary>True when the same bytes were seen before; otherwise remembers them (while not full).</summary>
        public bool SeenBefore(ReadOnlySpan<byte> row)
        {
            ulong hash = XxHash3.HashToUInt64(row);
            if (hash == 0) hash = 1; // 0 marks an empty slot

            int mask = slots.Length - 1;
            int i = (int)(hash ^ (hash >> 32)) & mask;
            while (true)
            {
                ulong slot = slots[i];
                if (slot == hash) return true;
                if (slot == 0) break;
                i = (i + 1) & mask;
            }

            if (IsFull) return false;
            slots[i] = hash;
            count++;
            if (count * 2 > slots.Length) Grow();
            return false;
        }

        private void Grow()
        {
            var old = slots;
            slots = new ulong[old.Length * 2];
            int mask = slots.Length - 1;
            foreach (var hash in old)
            {
                if (hash == 0) continue;
                int i = (int)(hash ^ (hash >> 32)) & mask;
                while (slots[i] != 0) i = (i + 1) & mask;
                slots[i] = hash;
            }
        }
    }
}
