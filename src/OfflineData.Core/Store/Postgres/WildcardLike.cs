using System.Text;

namespace OfflineData.Core.Store.Postgres
{
    /// <summary>
    /// PostgreSQL's translation of a <see cref="StoreWildcard"/>: LIKE with <c>ESCAPE '\'</c> (case-sensitive), where a
    /// literal <c>%</c>, <c>_</c> and <c>\</c> are escaped (a customer ID 'C%_3' is asked for as written); a POSIX regular
    /// expression (<c>~</c>) only where a character class (<c>[abc]</c>, <c>[a-c]</c>) occurs, as LIKE has none. An
    /// unclosed class matches nothing, as in PowerShell and SQLite's GLOB.
    /// </summary>
    internal static class WildcardLike
    {
        /// <summary>How a pattern is compared.</summary>
        internal enum Operator
        {
            /// <summary>= the literal.</summary>
            Equal,

            /// <summary>LIKE … ESCAPE '\'.</summary>
            Like,

            /// <summary>~ (POSIX regular expression, anchored).</summary>
            Regex,

            /// <summary>Matches nothing.</summary>
            Nothing,
        }

        /// <summary>The operator and the value to compare <paramref name="wildcard"/> with.</summary>
        public static Operator Translate(StoreWildcard wildcard, out string value)
        {
            value = wildcard.Literal;
            if (!wildcard.HasWildcard) return Operator.Equal;
            bool hasClass = false;
            foreach (var part in wildcard.Parts)
            {
                if (part.Kind == StoreWildcard.PartKind.UnclosedClass) return Operator.Nothing;
                if (part.Kind == StoreWildcard.PartKind.Class) hasClass = true;
            }

            value = hasClass ? ToRegex(wildcard) : ToLike(wildcard);
            return hasClass ? Operator.Regex : Operator.Like;
        }

        /// <summary>The LIKE pattern (escape character <c>\</c>).</summary>
        public static string ToLike(StoreWildcard wildcard)
        {
            var like = new StringBuilder();
            foreach (var part in wildcard.Parts)
            {
                switch (part.Kind)
                {
                    case StoreWildcard.PartKind.AnyString: like.Append('%'); break;
                    case StoreWildcard.PartKind.AnyChar: like.Append('_'); break;
                    default:
                        foreach (char c in part.Text)
                        {
                            if (c == '%' || c == '_' || c == '\\') like.Append('\\');
                            like.Append(c);
                        }

                        break;
                }
            }

            return like.ToString();
        }

        /// <summary>The anchored POSIX regular expression.</summary>
        public static string ToRegex(StoreWildcard wildcard)
        {
            var regex = new StringBuilder("^");
            foreach (var part in wildcard.Parts)
            {
                switch (part.Kind)
                {
                    case StoreWildcard.PartKind.AnyString: regex.Append(".*"); break;
                    case StoreWildcard.PartKind.AnyChar: regex.Append('.'); break;
                    case StoreWildcard.PartKind.Class:
                        regex.Append('[');
                        for (int i = 0; i < part.Text.Length; i++)
                        {
                            char c = part.Text[i];
                            // Inside a bracket expression only \ ] [ and a leading ^ are special; '-' keeps its range meaning.
                            if (c == '\\' || c == ']' || c == '[' || (c == '^' && i == 0)) regex.Append('\\');
                            regex.Append(c);
                        }

                        regex.Append(']');
                        break;
                    default:
                        foreach (char c in part.Text)
                        {
                            if ("\\^$.|?*+()[]{}".IndexOf(c) >= 0) regex.Append('\\');
                            regex.Append(c);
                        }

                        break;
                }
            }

            return regex.Append('$').ToString();
        }
    }
}
