using System;
using System.IO;
using System.IO.Compression;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Unicode;

namespace OfflineData.Benchmarks
{
    /// <summary>
    /// THE REFERENCE, NOT PRODUCT CODE: the "limit" the validator is compared with in docs/performance.md. A
    /// hand-written SIMD byte reader that does the same checks on the same file, with nothing else: every row split
    /// into fields (quotes followed), at least 7 fields, a calendar-checked <c>yyyy-MM-dd HH:mm:ss</c> timestamp, a
    /// non-empty Customer ID, a whole-number event type, two decimals (Num1, Num2) and the whole text checked as UTF-8.
    /// It keeps no findings (it only counts bad rows), reports nothing, does no duplicate check, has no limits, no
    /// recovery from an unclosed quote and no line numbers: what is left when all of that is taken away.
    /// </summary>
    /// <remarks>
    /// Structural bytes (';', '"', line feed) are found 32 (AVX2) or 16 bytes at a time with
    /// <see cref="Vector256"/>/<see cref="Vector128"/> compares and a movemask; fields are cut where those bits are.
    /// Zip and gzip are inflated by the runtime's native zlib (<see cref="ZipArchive"/>, <see cref="GZipStream"/>).
    /// </remarks>
    internal sealed class ReferenceReader
    {
        private const int ChunkSize = 1 << 20;
        private readonly byte[] buffer = new byte[ChunkSize * 2];
        private readonly int[] fieldStarts = new int[4096];
        private readonly int[] fieldEnds = new int[4096];

        public long Rows { get; private set; }

        public long BadRows { get; private set; }

        public long TextBytes { get; private set; }

        /// <summary>Line feeds outside quotes (the validator numbers lines; the reference only counts them).</summary>
        public long Lines { get; private set; }

        /// <summary>Reads a plain, zip (first entry) or gzip file, recognised by its first bytes.</summary>
        public static ReferenceReader Run(string path)
        {
            var reader = new ReferenceReader();
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            Span<byte> head = stackalloc byte[2];
            int n = file.Read(head);
            file.Position = 0;
            if (n == 2 && head[0] == 0x1F && head[1] == 0x8B)
            {
                using var gzip = new GZipStream(file, CompressionMode.Decompress);
                reader.Read(gzip);
            }
            else if (n == 2 && head[0] == (byte)'P' && head[1] == (byte)'K')
            {
                using var zip = new ZipArchive(file, ZipArchiveMode.Read);
                using var entry = zip.Entries[0].Open();
                reader.Read(entry);
            }
            else
            {
                reader.Read(file);
            }

            return reader;
        }

        private void Read(Stream stream)
        {
            int carry = 0;
            bool header = true;
            while (true)
            {
                int read = ReadFull(stream, buffer.AsSpan(carry, ChunkSize));
                int length = carry + read;
                if (length == 0) break;
                TextBytes += read;
                bool last = read == 0;
                int consumed = Rows == 0 && header ? SkipHeader(length) : 0;
                header = false;
                int end = Split(consumed, length, last);
                if (!Utf8.IsValid(buffer.AsSpan(consumed, end - consumed))) BadRows++;
                carry = length - end;
                Buffer.BlockCopy(buffer, end, buffer, 0, carry);
                if (last) break;
            }
        }

        private static int ReadFull(Stream stream, Span<byte> target)
        {
            int total = 0;
            while (total < target.Length)
            {
                int n = stream.Read(target.Slice(total));
                if (n == 0) break;
                total += n;
            }

            return total;
        }

        private int SkipHeader(int length)
        {
            var span = buffer.AsSpan(0, length);
            int offset = span.Length >= 3 && span[0] == 0xEF && span[1] == 0xBB && span[2] == 0xBF ? 3 : 0;
            if (span.Length - offset > 0 && span[offset] != (byte)'2') return span.IndexOf((byte)'\n') + 1;
            return offset;
        }

        /// <summary>Cuts [from, to) into rows and fields with SIMD masks, following quotes; checks each row; returns where the last whole row ends.</summary>
        private int Split(int from, int to, bool last)
        {
            ref byte origin = ref MemoryMarshal.GetArrayDataReference(buffer);
            int fields = 0;
            int fieldStart = from;
            bool quoted = false;
            int rowEnd = from;
            int p = from;
            while (p < to)
            {
                uint mask;
                int width;
                if (Vector256.IsHardwareAccelerated && p + 32 <= to)
                {
                    var v = Vector256.LoadUnsafe(ref origin, (nuint)p);
                    mask = (Vector256.Equals(v, Vector256.Create((byte)';')) | Vector256.Equals(v, Vector256.Create((byte)'"')) | Vector256.Equals(v, Vector256.Create((byte)'\n'))).ExtractMostSignificantBits();
                    width = 32;
                }
                else if (p + 16 <= to)
                {
                    var v = Vector128.LoadUnsafe(ref origin, (nuint)p);
                    mask = (Vector128.Equals(v, Vector128.Create((byte)';')) | Vector128.Equals(v, Vector128.Create((byte)'"')) | Vector128.Equals(v, Vector128.Create((byte)'\n'))).ExtractMostSignificantBits();
                    width = 16;
                }
                else
                {
                    mask = 0;
                    width = to - p;
                    for (int i = 0; i < width; i++)
                    {
                        byte c = buffer[p + i];
                        if (c == (byte)';' || c == (byte)'"' || c == (byte)'\n') mask |= 1u << i;
                    }
                }

                while (mask != 0)
                {
                    int at = p + BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                    byte c = Unsafe.Add(ref origin, at);
                    if (c == (byte)'"')
                    {
                        quoted = !quoted; // a doubled quote toggles twice
                        continue;
                    }

                    if (quoted) continue;
                    fieldStarts[fields] = fieldStart;
                    fieldEnds[fields] = at;
                    if (fields < fieldStarts.Length - 1) fields++;
                    fieldStart = at + 1;
                    if (c == (byte)'\n')
                    {
                        Lines++;
                        CheckRow(fields);
                        fields = 0;
                        rowEnd = at + 1;
                    }
                }

                p += width;
            }

            if (last && fieldStart < to)
            {
                fieldStarts[fields] = fieldStart;
                fieldEnds[fields] = to;
                CheckRow(fields + 1);
                return to;
            }

            return last ? to : rowEnd;
        }

        private void CheckRow(int fields)
        {
            Rows++;
            if (fields < 7)
            {
                BadRows++;
                return;
            }

            var b = buffer.AsSpan();
            var timestamp = b.Slice(fieldStarts[0], fieldEnds[0] - fieldStarts[0]);
            bool ok = IsTimestamp(timestamp)
                && fieldEnds[1] > fieldStarts[1]
                && IsWholeNumber(b.Slice(fieldStarts[2], fieldEnds[2] - fieldStarts[2]))
                && IsDecimal(b.Slice(fieldStarts[5], fieldEnds[5] - fieldStarts[5]))
                && IsDecimal(TrimCr(b.Slice(fieldStarts[6], fieldEnds[6] - fieldStarts[6])));
            if (!ok) BadRows++;
        }

        private static Span<byte> TrimCr(Span<byte> s) => s.Length > 0 && s[^1] == (byte)'\r' ? s[..^1] : s;

        /// <summary>yyyy-MM-dd HH:mm:ss, shape checked as one 16-byte vector, then the calendar.</summary>
        private static bool IsTimestamp(Span<byte> s)
        {
            if (s.Length != 19) return false;
            var v = Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(s));
            // Subtract '0' from every byte; digits become 0..9, the separators known values.
            var d = v - Vector128.Create((byte)'0');
            var expected = Vector128.Create(0, 0, 0, 0, unchecked((byte)('-' - '0')), 0, 0, unchecked((byte)('-' - '0')), 0, 0, unchecked((byte)(' ' - '0')), 0, 0, (byte)(':' - '0'), 0, 0);
            var isSeparator = Vector128.Create((byte)0, 0, 0, 0, 0xFF, 0, 0, 0xFF, 0, 0, 0xFF, 0, 0, 0xFF, 0, 0);
            var digitOk = Vector128.LessThanOrEqual(d, Vector128.Create((byte)9));
            var separatorOk = Vector128.Equals(d, expected);
            if (((digitOk & ~isSeparator) | (separatorOk & isSeparator)) != Vector128<byte>.AllBitsSet) return false;
            if (s[16] != (byte)':' || (uint)(s[17] - '0') > 9 || (uint)(s[18] - '0') > 9) return false;
            int year = ((s[0] - '0') * 1000) + ((s[1] - '0') * 100) + ((s[2] - '0') * 10) + (s[3] - '0');
            int month = ((s[5] - '0') * 10) + (s[6] - '0');
            int day = ((s[8] - '0') * 10) + (s[9] - '0');
            int hour = ((s[11] - '0') * 10) + (s[12] - '0');
            int minute = ((s[14] - '0') * 10) + (s[15] - '0');
            int second = ((s[17] - '0') * 10) + (s[18] - '0');
            return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59;
        }

        private static bool IsWholeNumber(Span<byte> s)
        {
            if (s.Length == 0 || s.Length > 10) return false;
            foreach (var c in s)
            {
                if ((uint)(c - '0') > 9) return false;
            }

            return true;
        }

        private static bool IsDecimal(Span<byte> s)
        {
            int i = s.Length > 0 && (s[0] == (byte)'-' || s[0] == (byte)'+') ? 1 : 0;
            int digits = 0;
            bool point = false;
            for (; i < s.Length; i++)
            {
                byte c = s[i];
                if ((uint)(c - '0') <= 9) digits++;
                else if (c == (byte)'.' && !point) point = true;
                else return false;
            }

            return digits > 0 && digits <= 28;
        }
    }
}
