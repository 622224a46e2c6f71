using System.Text;

namespace OfflineData.Core.Store.Sqlite
{
    /// <summary>
    /// Turns a PowerShell wildcard pattern into an SQLite GLOB pattern. Both know * ? and [..], but GLOB has no escape
    /// character, so PowerShell's backtick escape (`[ `* `?) becomes a one-character class ([[] [*] [?]); without this a
    /// customer ID such as 'A[1]' could not be asked for at all.
    /// </summary>
    internal static class WildcardGlob
    {
        /// <summary>
        /// The GLOB pattern for <paramref name="pattern"/>, or, when it has no unescaped wildcard character
        /// (<paramref name="hasWildcard"/> false), the literal value it stands for, escapes removed, to compare with =.
        /// </summary>
        public static string Translate(string pattern, out bool hasWildcard)
        {
            hasWildcard = false;
            var glob = new StringBuilder(pattern.Length + 4);
            var literal = new StringBuilder(pattern.Length);
            bool inClass = false;
            for (int i = 0; i < pattern.Length; i++)
            {
                char c = pattern[i];
                if (c == '`' && i + 1 < pattern.Length)
                {
                    char escaped = pattern[++i];
                    literal.Append(escaped);
                    bool special = escaped == '*' || escaped == '?' || escaped == '[';
                    glob.Append(special && !inClass ? "[" + escaped + "]" : escaped.ToString());
                    continue;
                }

                literal.Append(c);
                glob.Append(c);
                if (inClass)
                {
                    if (c == ']') inClass = false;
                }
                else if (c == '*' || c == '?')
                {
                    hasWildcard = true;
                }
                else if (c == '[')
                {
                    hasWildcard = true;
                    inClass = true;
                }
            }

            return hasWildcard ? glob.ToString() : literal.ToString();
        }
    }
}
