using System.Globalization;

namespace OfflineData.Core.Format
{
    /// <summary>
    /// One rule for identifiers (visitor IDs, transaction IDs): surrounding white space and invisible format
    /// characters (zero-width space, zero-width joiner, BOM, bidi marks) are not part of the ID, and an ID made
    /// only of them is no ID at all, exactly like an ID of spaces.
    /// </summary>
    internal static class IdentifierText
    {
        /// <summary>Whether <paramref name="value"/> is null, empty, or only white space, control and invisible format characters.</summary>
        public static bool IsBlank(string? value) => Normalize(value) == null;

        /// <summary>
        /// <paramref name="value"/> without leading and trailing white space, control and invisible format characters;
        /// null when nothing is left.
        /// </summary>
        public static string? Normalize(string? value)
        {
            if (value == null) return null;
            int start = 0;
            int end = value.Length - 1;
            while (start <= end && IsInvisible(value[start])) start++;
            while (end >= start && IsInvisible(value[end])) end--;
            if (start > end) return null;
            return start == 0 && end == value.Length - 1 ? value : value.Substring(start, end - start + 1);
        }

        private static bool IsInvisible(char c) =>
            char.IsWhiteSpace(c) || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;
    }
}
