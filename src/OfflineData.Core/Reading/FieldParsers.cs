using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OfflineData.Core.Reading
{
    /// <summary>
    /// Checks and parses the typed columns straight from their UTF-8 bytes: the formats are fixed and
    /// ASCII, so a hand-written check is exact and several times faster than DateTime.TryParseExact.
    /// </summary>
    internal static class FieldParsers
    {
        // Digit and separator layout of "dddd-dd-" and "dd dd:dd" read as little-endian 64-bit words.
        private const ulong DateDigits = 0x00FFFF00FFFFFFFFUL;
        private const ulong DateSeparators = 0x2D00002D00000000UL;
        private const ulong TimeDigits = 0xFFFF00FFFF00FFFFUL;
        private const ulong TimeSeparators = 0x00003A0000200000UL;

        /// <summary>Whether the bytes have the shape <c>dddd-dd-dd dd:dd:dd</c> (the date need not be real).</summary>
        [MethodImpl(RecordTokenizer.FullyOptimized)]
        public static bool LooksLikeTimestamp(ReadOnlySpan<byte> s)
        {
            if (s.Length != 19) return false;
            if (BitConverter.IsLittleEndian)
            {
                // 16 of the 19 bytes as two words, every byte checked at once (SWAR), then the last three.
                ulong date = MemoryMarshal.Read<ulong>(s);
                ulong time = MemoryMarshal.Read<ulong>(s.Slice(8));
                return (date & ~DateDigits) == DateSeparators && AreDigits(date, DateDigits)
                    && (time & ~TimeDigits) == TimeSeparators && AreDigits(time, TimeDigits)
                    && s[16] == (byte)':' && (uint)(s[17] - '0') <= 9 && (uint)(s[18] - '0') <= 9;
            }

            for (int i = 0; i < 19; i++)
            {
                byte c = s[i];
                switch (i)
                {
                    case 4:
                    case 7:
                        if (c != (byte)'-') return false;
                        break;
                    case 10:
                        if (c != (byte)' ') return false;
                        break;
                    case 13:
                    case 16:
                        if (c != (byte)':') return false;
                        break;
                    default:
                        if ((uint)(c - '0') > 9) return false;
                        break;
                }
            }

            return true;
        }

        /// <summary>
        /// Whether a value, written as a quoted field, holds a line that the reader takes for the start of a new row
        /// (a line feed, then <c>dddd-dd-dd dd:dd:dd;</c>): the rule by which it ends a quote that is never closed.
        /// Such a value cannot be written so that it reads back as one field. (A line starting with a quoted
        /// timestamp cannot be: the quote is doubled inside the field.)
        /// </summary>
        public static bool HasLineThatStartsLikeARow(string value)
        {
            int lf = value.IndexOf('\n');
            if (lf < 0) return false; // nearly every value: no line break at all
            Span<byte> ascii = stackalloc byte[19];
            for (; lf >= 0 && value.Length - lf > 20; lf = value.IndexOf('\n', lf + 1))
            {
                int start = lf + 1;
                if (value[start + 19] != ';') continue;
                int k = 0;
                while (k < 19 && value[start + k] < 128)
                {
                    ascii[k] = (byte)value[start + k];
                    k++;
                }

                if (k == 19 && LooksLikeTimestamp(ascii)) return true;
            }

            return false;
        }

        /// <summary>Parses <c>yyyy-MM-dd HH:mm:ss</c> exactly, rejecting dates that do not exist (e.g. 2023-02-29).</summary>
        public static bool TryParseTimestamp(ReadOnlySpan<byte> s, out DateTime value)
        {
            value = default;
            if (!TryParseTimestampKey(s, out _)) return false;
            value = new DateTime(Digits(s, 0, 4), Digits(s, 5, 2), Digits(s, 8, 2), Digits(s, 11, 2), Digits(s, 14, 2), Digits(s, 17, 2), DateTimeKind.Unspecified);
            return true;
        }

        /// <summary>
        /// Checks <c>yyyy-MM-dd HH:mm:ss</c> exactly as <see cref="TryParseTimestamp"/> does and gives it as the number
        /// yyyyMMddHHmmss, which orders as the time does: the row check compares it with <see cref="TimestampKey"/>
        /// of "now" without building a <see cref="DateTime"/> per row.
        /// </summary>
        [MethodImpl(RecordTokenizer.FullyOptimized)]
        public static bool TryParseTimestampKey(ReadOnlySpan<byte> s, out long key)
        {
            key = 0;
            if (!LooksLikeTimestamp(s)) return false;
            int year = Digits(s, 0, 4);
            int month = Digits(s, 5, 2);
            int day = Digits(s, 8, 2);
            int hour = Digits(s, 11, 2);
            int minute = Digits(s, 14, 2);
            int second = Digits(s, 17, 2);
            if (year < 1 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
            if (day > DateTime.DaysInMonth(year, month)) return false;
            key = (((((((((year * 100L) + month) * 100) + day) * 100) + hour) * 100) + minute) * 100) + second;
            return true;
        }

        /// <summary>A time as yyyyMMddHHmmss (whole seconds: a timestamp equal to "now" to the second is not in the future).</summary>
        public static long TimestampKey(DateTime t) =>
            (((((((((t.Year * 100L) + t.Month) * 100) + t.Day) * 100) + t.Hour) * 100) + t.Minute) * 100) + t.Second;

        /// <summary>Parses a non-negative decimal integer that fits an <see cref="int"/>.</summary>
        public static bool TryParseEventType(ReadOnlySpan<byte> s, out int value)
        {
            value = 0;
            if (s.Length == 0 || s.Length > 10) return false;
            long v = 0;
            foreach (var c in s)
            {
                uint d = (uint)(c - '0');
                if (d > 9) return false;
                v = (v * 10) + d;
            }

            if (v > int.MaxValue) return false;
            value = (int)v;
            return true;
        }

        /// <summary>
        /// Whether the bytes are a number in the invariant culture: optional sign, digits, optional '.'
        /// and digits, at least one digit, at most 28 significant digits (what <see cref="decimal"/> holds).
        /// <c>1,5</c>, <c>1e5</c>, <c>1 000</c> and a lone <c>.</c> are not numbers.
        /// </summary>
        [MethodImpl(RecordTokenizer.FullyOptimized)]
        public static bool IsNumber(ReadOnlySpan<byte> s)
        {
            int i = 0;
            if (s.Length > 0 && (s[0] == (byte)'-' || s[0] == (byte)'+')) i++;
            int digits = 0;
            bool point = false;
            for (; i < s.Length; i++)
            {
                byte c = s[i];
                if ((uint)(c - '0') <= 9)
                {
                    digits++;
                    continue;
                }

                if (c == (byte)'.' && !point)
                {
                    point = true;
                    continue;
                }

                return false;
            }

            return digits > 0 && digits <= 28;
        }

        /// <summary>
        /// The value of a number <see cref="IsNumber"/> accepted, as <see cref="decimal.Parse(string, System.Globalization.NumberStyles, IFormatProvider)"/>
        /// gives it (scale = digits after the point, so <c>12.50</c> keeps its two places), without decoding to a string.
        /// </summary>
        /// <exception cref="FormatException">The bytes are not a number.</exception>
        public static decimal ParseNumber(ReadOnlySpan<byte> s)
        {
            if (!IsNumber(s)) throw new FormatException("Not a number in the invariant culture.");
            return ParseCheckedNumber(s);
        }

        /// <summary><see cref="ParseNumber"/> of a value <see cref="IsNumber"/> already accepted (the row rules did): one pass.</summary>
        public static decimal ParseCheckedNumber(ReadOnlySpan<byte> s)
        {
            int i = 0;
            bool negative = s[0] == (byte)'-';
            if (s[0] == (byte)'-' || s[0] == (byte)'+') i++;
            ulong mantissa = 0;
            int digits = 0;
            int scale = -1;
            for (; i < s.Length; i++)
            {
                byte c = s[i];
                if (c == (byte)'.')
                {
                    scale = 0;
                    continue;
                }

                mantissa = (mantissa * 10) + (uint)(c - '0');
                if (scale >= 0) scale++;
                if (++digits > 19) return ParseSlow(s); // past what a ulong holds exactly
            }

            // Zero keeps decimal.Parse's sign and scale rules; it is rare.
            if (mantissa == 0) return ParseSlow(s);
            return new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, (byte)Math.Max(scale, 0));
        }

        private static decimal ParseSlow(ReadOnlySpan<byte> s) => decimal.Parse(
            System.Text.Encoding.ASCII.GetString(s.ToArray()),
            System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint,
            System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>Whether every byte under <paramref name="mask"/> is an ASCII digit: high nibble 3, low nibble at most 9.</summary>
        private static bool AreDigits(ulong word, ulong mask) =>
            (word & mask & 0xF0F0F0F0F0F0F0F0UL) == (0x3030303030303030UL & mask)
            && (((word & 0x0F0F0F0F0F0F0F0FUL) + 0x0606060606060606UL) & 0xF0F0F0F0F0F0F0F0UL & mask) == 0;

        private static int Digits(ReadOnlySpan<byte> s, int offset, int count)
        {
            int v = 0;
            for (int i = 0; i < count; i++) v = (v * 10) + (s[offset + i] - '0');
            return v;
        }
    }
}
