using System;
using System.Runtime.InteropServices;

namespace OfflineData.Core.Measuring
{
    /// <summary>
    /// Numbers distinct byte strings (UTF-8 Customer IDs) 0, 1, 2 … in the order first seen, without a string per row,
    /// through an open-addressing hash table of entry numbers over a compact entry array (a summary looks up every
    /// row's ID, so what counts is the memory a lookup touches: one small bucket, one 24-byte entry). A key of at most
    /// 16 bytes (most Customer IDs) is kept in its entry; a longer key once in one growing byte array. A file summary keeps a group's distinct customers as a set
    /// of these small numbers, and the table's count is the totals' distinct customers.
    /// </summary>
    internal sealed class Utf8KeyTable
    {
        private const int InlineBytes = 16;

        private int[] buckets = new int[2048]; // entry number + 1; 0 is empty
        private int mask = 2047;
        private Entry[] entries = new Entry[1024];
        private byte[] longKeys = new byte[4096];
        private int used;

        /// <summary>How many distinct keys were added.</summary>
        public int Count { get; private set; }

        /// <summary>The number of <paramref name="key"/>: the one it got when first added, else a new one.</summary>
        public int GetOrAdd(ReadOnlySpan<byte> key)
        {
            ulong a = 0, b = 0;
            uint hash;
            if (key.Length <= InlineBytes)
            {
                // The bytes themselves, zero-padded; the length tells "A" from "A\0".
                if (key.Length >= 8)
                {
                    a = MemoryMarshal.Read<ulong>(key);
                    for (int i = 8; i < key.Length; i++) b |= (ulong)key[i] << ((i - 8) * 8);
                }
                else
                {
                    for (int i = 0; i < key.Length; i++) a |= (ulong)key[i] << (i * 8);
                }

                hash = Mix(a, b, key.Length);
            }
            else
            {
                hash = Hash(key);
            }

            int slot = (int)hash & mask;
            while (true)
            {
                int found = buckets[slot] - 1;
                if (found < 0) break;
                ref var e = ref entries[found];
                if (e.Hash == hash && e.Length == key.Length
                    && (key.Length <= InlineBytes ? e.A == a && e.B == b : key.SequenceEqual(new ReadOnlySpan<byte>(longKeys, (int)e.A, key.Length))))
                {
                    return found;
                }

                slot = (slot + 1) & mask;
            }

            if (key.Length > InlineBytes)
            {
                if (used + key.Length > longKeys.Length) Array.Resize(ref longKeys, Math.Max(longKeys.Length * 2, used + key.Length));
                key.CopyTo(new Span<byte>(longKeys, used, key.Length));
                a = (ulong)used;
                used += key.Length;
            }

            int number = Count;
            if (number == entries.Length) Array.Resize(ref entries, number * 2);
            entries[number] = new Entry { A = a, B = b, Hash = hash, Length = key.Length };
            buckets[slot] = number + 1;
            Count = number + 1;
            // At most half full, so a probe stays short.
            if (Count * 2 > buckets.Length) Grow();
            return number;
        }

        private void Grow()
        {
            buckets = new int[buckets.Length * 2];
            mask = buckets.Length - 1;
            for (int number = 0; number < Count; number++)
            {
                int slot = (int)entries[number].Hash & mask;
                while (buckets[slot] != 0) slot = (slot + 1) & mask;
                buckets[slot] = number + 1;
            }
        }

        /// <summary>MurmurHash3's 64-bit finaliser over both halves: every input bit reaches the low bits (the slot).</summary>
        private static uint Mix(ulong a, ulong b, int length) => (uint)Final(a ^ Final(b ^ (ulong)length));

        private static ulong Final(ulong x)
        {
            x ^= x >> 33;
            x *= 0xFF51AFD7ED558CCDUL;
            x ^= x >> 33;
            x *= 0xC4CEB9FE1A85EC53UL;
            x ^= x >> 33;
            return x;
        }

        /// <summary>FNV-1a, then a final mix so the low bits (the slot) depend on every byte.</summary>
        private static uint Hash(ReadOnlySpan<byte> key)
        {
            uint hash = 2166136261;
            for (int i = 0; i < key.Length; i++) hash = (hash ^ key[i]) * 16777619;
            hash ^= hash >> 15;
            hash *= 0x2c1b3c6d;
            hash ^= hash >> 12;
            return hash;
        }

        /// <summary>A key of at most 16 bytes in A and B; a longer one's offset in the byte array in A.</summary>
        private struct Entry
        {
            public ulong A;
            public ulong B;
            public uint Hash;
            public int Length;
        }
    }
}
