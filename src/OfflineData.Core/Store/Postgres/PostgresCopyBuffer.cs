using System;
using System.Text;

namespace OfflineData.Core.Store.Postgres
{
    /// <summary>
    /// Rows in PostgreSQL's binary COPY format (header, rows of length-prefixed big-endian fields, trailer), encoded into
    /// a reused byte array as they are added; the import session streams one COPY per file in pieces of such buffers.
    /// </summary>
    /// <remarks>
    /// Why not Npgsql's typed <c>NpgsqlBinaryImporter</c>: it is one awaited call per column (35 a row) resolving a
    /// converter each time, and the rows it writes must be kept as objects until the COPY, so a chunk of 10,000
    /// records and their match results outlives many garbage collections and is promoted. Encoded at once, a row's
    /// objects die young, and the chunk is a few megabytes of bytes that the collector never scans. The encodings are
    /// PostgreSQL's send functions for text, int4, int8, timestamp and numeric (src/backend/utils/adt); the tests
    /// read every value back through the server.
    /// </remarks>
    internal sealed class PostgresCopyBuffer
    {
        private static readonly byte[] Signature = { (byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0 };

        // PostgreSQL's timestamp epoch; a timestamp is sent as microseconds since it.
        private static readonly long EpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).Ticks;

        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false, true);

        private byte[] bytes;
        private int length;

        public PostgresCopyBuffer(int initialCapacity = 1 << 20)
        {
            bytes = new byte[initialCapacity];
            Clear();
        }

        /// <summary>Rows added since the last <see cref="Clear"/>.</summary>
        public int Rows { get; private set; }

        /// <summary>The bytes written so far.</summary>
        public int Length => length;

        /// <summary>The encoded bytes, header included; <see cref="Complete"/> adds the trailer.</summary>
        public ArraySegment<byte> Data => new ArraySegment<byte>(bytes, 0, length);

        /// <summary>Starts over with an empty COPY stream (the header only), keeping the array.</summary>
        public void Clear() => Reset(header: true);

        /// <summary>
        /// Empties the buffer for the next piece of a COPY: with the format's header for the first piece of a COPY,
        /// without it for a piece that continues one already started.
        /// </summary>
        public void Reset(bool header)
        {
            length = 0;
            Rows = 0;
            if (!header) return;
            Ensure(Signature.Length + 8);
            Buffer.BlockCopy(Signature, 0, bytes, 0, Signature.Length);
            length = Signature.Length;
            WriteInt32(0); // flags: no OIDs
            WriteInt32(0); // header extension length
        }

        /// <summary>Begins a row of <paramref name="fields"/> fields.</summary>
        public void StartRow(short fields)
        {
            Ensure(2);
            WriteInt16(fields);
            Rows++;
        }

        /// <summary>Ends the stream (the trailer); nothing may be added until <see cref="Clear"/>.</summary>
        public void Complete()
        {
            Ensure(2);
            WriteInt16(-1);
        }

        public void Null()
        {
            Ensure(4);
            WriteInt32(-1);
        }

        public void Text(string? value)
        {
            if (value == null)
            {
                Null();
                return;
            }

            Ensure(4 + Utf8.GetMaxByteCount(value.Length));
            int count = Utf8.GetBytes(value, 0, value.Length, bytes, length + 4);
            WriteInt32(count);
            length += count;
        }

        /// <summary>A text value already encoded as UTF-8 (enum names, constants).</summary>
        public void Text(byte[] utf8)
        {
            Ensure(4 + utf8.Length);
            WriteInt32(utf8.Length);
            Buffer.BlockCopy(utf8, 0, bytes, length, utf8.Length);
            length += utf8.Length;
        }

        public void Int32(int value)
        {
            Ensure(8);
            WriteInt32(4);
            WriteInt32(value);
        }

        public void Int64(long value)
        {
            Ensure(12);
            WriteInt32(8);
            WriteInt64(value);
        }

        /// <summary>A <c>timestamp</c> (without time zone): the value's wall-clock time, whatever its kind.</summary>
        public void Timestamp(DateTime value)
        {
            Ensure(12);
            WriteInt32(8);
            WriteInt64((value.Ticks - EpochTicks) / 10);
        }

        /// <summary>
        /// A <c>numeric</c>: base-10000 digits (most significant first), the weight of the first digit, the sign and the
        /// display scale (the decimal's scale, so 1234.50 stays 1234.50), leading and trailing zero digits left out.
        /// </summary>
        public void Numeric(decimal value)
        {
            int[] bits = decimal.GetBits(value);
            int scale = (bits[3] >> 16) & 0xFF;
            bool negative = bits[3] < 0;

            // The 96-bit mantissa times 10^pad, so that the fraction has whole groups of four digits: 128 bits, 4 limbs.
            int pad = (4 - scale % 4) % 4;
            uint multiplier = pad == 0 ? 1u : pad == 1 ? 10u : pad == 2 ? 100u : 1000u;
            ulong p0 = (ulong)(uint)bits[0] * multiplier;
            ulong p1 = (ulong)(uint)bits[1] * multiplier + (p0 >> 32);
            ulong p2 = (ulong)(uint)bits[2] * multiplier + (p1 >> 32);
            uint l0 = (uint)p0, l1 = (uint)p1, l2 = (uint)p2, l3 = (uint)(p2 >> 32);

            // Base-10000 groups, least significant first (at most 10: 2^128 < 10^39).
            Span<short> groups = stackalloc short[12];
            int count = 0;
            while ((l0 | l1 | l2 | l3) != 0)
            {
                ulong current = l3;
                l3 = (uint)(current / 10000);
                current = ((current % 10000) << 32) | l2;
                l2 = (uint)(current / 10000);
                current = ((current % 10000) << 32) | l1;
                l1 = (uint)(current / 10000);
                current = ((current % 10000) << 32) | l0;
                l0 = (uint)(current / 10000);
                groups[count++] = (short)(current % 10000);
            }

            int fractionGroups = (scale + pad) / 4;
            int low = 0;
            while (low < count && groups[low] == 0) low++; // trailing zero groups are implied by the scale
            int digits = count - low;
            int weight = count - fractionGroups - 1; // of the most significant group (leading zero groups never made)
            if (digits == 0)
            {
                weight = 0;
                negative = false;
            }

            Ensure(4 + 8 + 2 * digits);
            WriteInt32(8 + 2 * digits);
            WriteInt16((short)digits);
            WriteInt16((short)weight);
            WriteInt16(negative ? (short)0x4000 : (short)0);
            WriteInt16((short)scale);
            for (int i = count - 1; i >= low; i--) WriteInt16(groups[i]);
        }

        private void Ensure(int more)
        {
            if (length + more <= bytes.Length) return;
            Array.Resize(ref bytes, Math.Max(bytes.Length * 2, length + more));
        }

        private void WriteInt16(short value)
        {
            bytes[length] = (byte)(value >> 8);
            bytes[length + 1] = (byte)value;
            length += 2;
        }

        private void WriteInt32(int value)
        {
            bytes[length] = (byte)(value >> 24);
            bytes[length + 1] = (byte)(value >> 16);
            bytes[length + 2] = (byte)(value >> 8);
            bytes[length + 3] = (byte)value;
            length += 4;
        }

        private void WriteInt64(long value)
        {
            WriteInt32((int)(value >> 32));
            WriteInt32((int)value);
        }
    }
}
