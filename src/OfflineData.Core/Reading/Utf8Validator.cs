using System;
using System.Runtime.InteropServices;

namespace OfflineData.Core.Reading
{
    /// <summary>
    /// Finds byte sequences that are not valid UTF-8. Readers replace them with U+FFFD without a word,
    /// so the check runs on the bytes, per record, where the line is known.
    /// </summary>
    internal static class Utf8Validator
    {
        private const ulong HighBits = 0x8080808080808080UL;

        /// <summary>The index of the first byte of the first invalid sequence, or -1 when all is valid.</summary>
        public static int IndexOfInvalid(ReadOnlySpan<byte> s)
        {
            int i = 0;
            while (i < s.Length)
            {
                // ASCII runs, 8 bytes at a time: the common case for this format.
                while (i + 8 <= s.Length && (MemoryMarshal.Read<ulong>(s.Slice(i)) & HighBits) == 0) i += 8;
                if (i >= s.Length) break;
                byte b = s[i];
                if (b < 0x80)
                {
                    i++;
                    continue;
                }

                int length;
                byte min = 0x80, max = 0xBF;
                if (b >= 0xC2 && b <= 0xDF) length = 2;
                else if (b >= 0xE0 && b <= 0xEF)
                {
                    length = 3;
                    if (b == 0xE0) min = 0xA0; // overlong
                    if (b == 0xED) max = 0x9F; // UTF-16 surrogates
                }
                else if (b >= 0xF0 && b <= 0xF4)
                {
                    length = 4;
                    if (b == 0xF0) min = 0x90; // overlong
                    if (b == 0xF4) max = 0x8F; // above U+10FFFF
                }
                else
                {
                    return i;
                }

                if (i + length > s.Length) return i;
                byte second = s[i + 1];
                if (second < min || second > max) return i;
                for (int k = 2; k < length; k++)
                {
                    if ((s[i + k] & 0xC0) != 0x80) return i;
                }

                i += length;
            }

            return -1;
        }
    }
}
