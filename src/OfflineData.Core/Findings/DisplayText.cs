using System.Globalization;
using System.Text;

namespace OfflineData.Core.Findings
{
    /// <summary>
    /// Text from a file or a user (a header cell, a zip entry name, a value) shown inside a message: control
    /// characters and invisible format characters are escaped, so a CR in a header cell cannot break the message
    /// line and a zero-width space is visible.
    /// </summary>
    public static class DisplayText
    {
        /// <summary>
        /// <paramref name="value"/> with control characters (CR, LF, tab, NUL ...) and invisible format characters
        /// (zero-width space, BOM, bidi marks) written as PowerShell escapes (`r, `n, `t, `0) or `u{XXXX}.
        /// </summary>
        public static string Escape(string? value)
        {
            if (string.IsNullOrEmpty(value)) return value ?? string.Empty;
            int i = 0;
            while (i < value!.Length && !NeedsEscape(value[i])) i++;
            if (i == value.Length) return value;

            var text = new StringBuilder(value.Length + 8);
            text.Append(value, 0, i);
            for (; i < value.Length; i++)
            {
                char c = value[i];
                if (!NeedsEscape(c)) { text.Append(c); continue; }
                switch (c)
                {
                    case '\r': text.Append("`r"); break;
                    case '\n': text.Append("`n"); break;
                    case '\t': text.Append("`t"); break;
                    case '\0': text.Append("`0"); break;
                    default: text.Append("`u{").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('}'); break;
                }
            }

            return text.ToString();
        }

        /// <summary>
        /// <paramref name="text"/> ended by exactly one period, for a message built from another message that may
        /// already end with one ("... is not a number." must not become "... is not a number..").
        /// </summary>
        public static string EndSentence(string text)
        {
            text = text.TrimEnd();
            if (text.Length == 0) return text;
            char last = text[text.Length - 1];
            return last == '.' || last == '!' || last == '?' ? text : text + ".";
        }

        private static bool NeedsEscape(char c)
        {
            if (char.IsControl(c)) return true;
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            return category == UnicodeCategory.Format || category == UnicodeCategory.LineSeparator || category == UnicodeCategory.ParagraphSeparator;
        }
    }
}
