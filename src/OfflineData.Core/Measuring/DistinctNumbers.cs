using System;
using System.Collections.Generic;

namespace OfflineData.Core.Measuring
{
    /// <summary>
    /// The exact count of distinct small non-negative numbers (the <see cref="Utf8KeyTable"/> numbers of a group's
    /// customers or visitors): a hash set while the group is sparse, a bit per number once that is no more memory than
    /// the set (about 128 bits a member), so a dense group costs a bit test per row instead of a hash set insert.
    /// </summary>
    internal sealed class DistinctNumbers
    {
        private HashSet<int>? set = new HashSet<int>();
        private ulong[]? bits;
        private int max;

        /// <summary>How many distinct numbers were added.</summary>
        public int Count { get; private set; }

        /// <summary>Whether the numbers are kept as bits (tests).</summary>
        internal bool IsBits => bits != null;

        /// <summary>Adds <paramref name="number"/> (0 or more).</summary>
        public void Add(int number)
        {
            if (bits != null)
            {
                int word = number >> 6;
                if (word >= bits.Length) Array.Resize(ref bits, Math.Max(bits.Length * 2, word + 1));
                ulong mask = 1UL << (number & 63);
                if ((bits[word] & mask) != 0) return;
                bits[word] |= mask;
                Count++;
                return;
            }

            if (!set!.Add(number)) return;
            Count++;
            if (number > max) max = number;
            if (Count >= 64 && (long)Count * 128 >= max)
            {
                bits = new ulong[(max >> 6) + 1];
                foreach (var member in set) bits[member >> 6] |= 1UL << (member & 63);
                set = null;
            }
        }
    }
}
