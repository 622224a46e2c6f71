using System;
using System.Globalization;
using System.Text;

namespace OfflineData.Core.Conversion
{
    /// <summary>
    /// Parses source numbers in a given culture strictly: the culture's decimal separator, its group separator
    /// only in groups of three (so <c>1.234,56</c> under de-DE is 1234.56), an optional leading sign (<c>-</c>,
    /// <c>+</c> or the culture's sign, e.g. U+2212 in sv-SE). Under the invariant culture — no culture given —
    /// no group separator is accepted at all, as in the offline data format itself: <c>1,5</c> is never 15 and a
    /// Swedish <c>1,500</c> is never silently 1500.
    /// </summary>
    internal static class NumberParser
    {
        /// <summary>Parses <paramref name="text"/>; false when it is not a number in <paramref name="culture"/>.</summary>
        public static bool TryParse(string text, CultureInfo culture, out decimal value)
        {
            return TryParseSimple(text, culture.NumberFormat, culture.Name.Length > 0, out value) || TryParseGeneral(text, culture, out value);
        }

        /// <summary>The general parser: every form <see cref="TryParse"/> accepts, at the cost of a few allocations.</summary>
        internal static bool TryParseGeneral(string text, CultureInfo culture, out decimal value)
        {
            value = 0;
            var nf = culture.NumberFormat;
            var s = text.Trim();
            if (s.Length == 0) return false;

            bool negative = false;
            if (s[0] == '-' || s[0] == '\u2212' || s.StartsWith(nf.NegativeSign, StringComparison.Ordinal))
            {
                negative = true;
                s = s.Substring(s[0] == '-' || s[0] == '\u2212' ? 1 : nf.NegativeSign.Length);
            }
            else if (s[0] == '+' || s.StartsWith(nf.PositiveSign, StringComparison.Ordinal))
            {
                s = s.Substring(s[0] == '+' ? 1 : nf.PositiveSign.Length);
            }

            if (s.Length == 0) return false;
            string dec = nf.NumberDecimalSeparator;
            string group = nf.NumberGroupSeparator;
            // Cultures whose group separator is a (narrow) no-break space are typed with a plain space too.
            bool spaceGroups = group == "\u00A0" || group == "\u202F" || group == " ";
            bool groupsAllowed = culture.Name.Length > 0;

            int decAt = s.IndexOf(dec, StringComparison.Ordinal);
            if (decAt >= 0 && s.IndexOf(dec, decAt + dec.Length, StringComparison.Ordinal) >= 0) return false;
            string intPart = decAt >= 0 ? s.Substring(0, decAt) : s;
            string fracPart = decAt >= 0 ? s.Substring(decAt + dec.Length) : string.Empty;
            if (intPart.Length == 0 && fracPart.Length == 0) return false;
            if (decAt >= 0 && fracPart.Length == 0 && intPart.Length == 0) return false;

            var digits = new StringBuilder(s.Length + 2);
            if (negative) digits.Append('-');
            if (!AppendInteger(intPart, groupsAllowed ? group : string.Empty, groupsAllowed && spaceGroups, digits)) return false;
            if (fracPart.Length > 0)
            {
                digits.Append('.');
                foreach (char c in fracPart)
                {
                    if (c < '0' || c > '9') return false;
                    digits.Append(c);
                }
            }

            return decimal.TryParse(digits.ToString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
        }

        /// <summary>
        /// The common case without allocating: an optional '-', up to 18 digits with group separators (single
        /// characters) in threes, an optional single-character decimal separator. False for anything else — then
        /// the general parser decides, so the outcome never differs from it.
        /// </summary>
        internal static bool TryParseSimple(string s, NumberFormatInfo nf, bool groupsAllowed, out decimal value)
        {
            value = 0;
            string dec = nf.NumberDecimalSeparator;
            string group = nf.NumberGroupSeparator;
            if (dec.Length != 1 || group.Length != 1) return false;
            char decimalSeparator = dec[0];
            char groupSeparator = group[0];
            bool spaceGroups = groupSeparator == '\u00A0' || groupSeparator == '\u202F' || groupSeparator == ' ';
            int i = 0;
            int end = s.Length;
            bool negative = false;
            if (end > 0 && s[0] == '-')
            {
                negative = true;
                i = 1;
            }

            ulong mantissa = 0;
            int digits = 0;
            int scale = 0;
            int groupLength = -1; // digits since the last group separator; -1 before the first one
            int firstGroup = 0;
            bool point = false;
            for (; i < end; i++)
            {
                char c = s[i];
                if (c >= '0' && c <= '9')
                {
                    if (++digits > 18) return false;
                    mantissa = (mantissa * 10) + (ulong)(c - '0');
                    if (point) scale++;
                    else if (groupLength >= 0) groupLength++;
                    else firstGroup++;
                    continue;
                }

                if (c == decimalSeparator && !point)
                {
                    if (groupLength >= 0 && groupLength != 3) return false;
                    point = true;
                    continue;
                }

                bool isGroup = c == groupSeparator || (spaceGroups && (c == ' ' || c == '\u00A0' || c == '\u202F'));
                if (isGroup && groupsAllowed && !point && (groupLength < 0 ? firstGroup >= 1 && firstGroup <= 3 : groupLength == 3))
                {
                    groupLength = 0;
                    continue;
                }

                return false;
            }

            if (groupLength >= 0 && !point && groupLength != 3) return false;
            // A lone sign or separator, or zero (whose sign the general parser settles), is left to it.
            if (digits == 0 || mantissa == 0 || (point && scale == 0)) return false;
            value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, (byte)scale);
            return true;
        }

        private static bool AppendInteger(string part, string group, bool spaceGroups, StringBuilder digits)
        {
            if (part.Length == 0)
            {
                digits.Append('0');
                return true;
            }

            // Split on the group separator; every group after the first must have exactly three digits.
            var groups = spaceGroups
                ? part.Split(new[] { group, " ", "\u00A0", "\u202F" }, StringSplitOptions.None)
                : (group.Length > 0 ? part.Split(new[] { group }, StringSplitOptions.None) : new[] { part });
            for (int g = 0; g < groups.Length; g++)
            {
                var chunk = groups[g];
                if (chunk.Length == 0) return false;
                if (g > 0 && chunk.Length != 3) return false;
                if (g == 0 && groups.Length > 1 && chunk.Length > 3) return false;
                foreach (char c in chunk)
                {
                    if (c < '0' || c > '9') return false;
                }

                digits.Append(chunk);
            }

            return true;
        }
    }
}
