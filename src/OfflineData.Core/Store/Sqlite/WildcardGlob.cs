using System.Text;

namespace OfflineData.Core.Store.Sqlite
{
    /// <summary>
    /// SQLite's translation of a <see cref="StoreWildcard"/>: a GLOB pattern (case-sensitive; * ? and [..] as in
    /// PowerShell). GLOB has no escape character, so a literal <c>*</c>, <c>?</c> or <c>[</c> becomes a one-character
    /// class ([*] [?] [[]); without this a customer ID such as 'A[1]' could not be asked for at all. <c>%</c> and
    /// <c>_</c> mean nothing to GLOB and stay as written.
    /// </summary>
    internal static class WildcardGlob
    {
        /// <summary>
        /// The GLOB pattern for <paramref name="pattern"/>, or, when it has no unescaped wildcard character
        /// (<paramref name="hasWildcard"/> false), the literal value it stands for, escapes removed, to compare with =.
        /// </summary>
        public static string Translate(string pattern, out bool hasWildcard)
        {
            var wildcard = StoreWildcard.Parse(pattern);
            hasWildcard = wildcard.HasWildcard;
            return hasWildcard ? ToGlob(wildcard) : wildcard.Literal;
        }

        /// <summary>The GLOB pattern for a parsed wildcard.</summary>
        public static string ToGlob(StoreWildcard wildcard)
        {
            var glob = new StringBuilder();
            foreach (var part in wildcard.Parts)
            {
                switch (part.Kind)
                {
                    case StoreWildcard.PartKind.AnyString: glob.Append('*'); break;
                    case StoreWildcard.PartKind.AnyChar: glob.Append('?'); break;
                    case StoreWildcard.PartKind.Class: glob.Append('[').Append(part.Text).Append(']'); break;
                    case StoreWildcard.PartKind.UnclosedClass: glob.Append('[').Append(part.Text); break;
                    default:
                        foreach (char c in part.Text)
                        {
                            if (c == '*' || c == '?' || c == '[') glob.Append('[').Append(c).Append(']');
                            else glob.Append(c);
                        }

                        break;
                }
            }

            return glob.ToString();
        }
    }
}
