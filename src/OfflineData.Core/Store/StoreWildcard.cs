using System.Collections.Generic;
using System.Text;

namespace OfflineData.Core.Store
{
    /// <summary>
    /// A query filter in the store contract's own terms: a PowerShell wildcard (<c>*</c>, <c>?</c>, <c>[abc]</c>,
    /// backtick escapes; case-sensitive) parsed once into parts no database dialect has shaped. Each store translates
    /// the parts into its own pattern language with its own escaping, so no dialect's special characters leak into
    /// another's: SQLite writes GLOB (<c>Sqlite/WildcardGlob</c>, literal <c>* ? [</c> as one-character classes); a
    /// PostgreSQL store would write LIKE with an <c>ESCAPE</c> character for literal <c>% _</c> and the escape itself
    /// (SIMILAR TO or a regular expression only where a class part occurs) in a <c>Postgres/</c> translator beside it.
    /// A pattern without wildcard parts is a plain value (<see cref="Literal"/>), compared with equality everywhere.
    /// </summary>
    internal sealed class StoreWildcard
    {
        private StoreWildcard(IReadOnlyList<Part> parts, bool hasWildcard, string literal)
        {
            Parts = parts;
            HasWildcard = hasWildcard;
            Literal = literal;
        }

        /// <summary>The pattern's parts in order; adjacent literal characters are one part.</summary>
        public IReadOnlyList<Part> Parts { get; }

        /// <summary>Whether any part is a wildcard (<c>*</c>, <c>?</c> or a class); false: compare <see cref="Literal"/> with equality.</summary>
        public bool HasWildcard { get; }

        /// <summary>The value the pattern stands for with escapes removed (meaningful when <see cref="HasWildcard"/> is false).</summary>
        public string Literal { get; }

        /// <summary>
        /// Parses a PowerShell wildcard. A backtick makes the next character literal (a final backtick is itself literal);
        /// inside a class, characters are taken as written up to the closing <c>]</c>; an unclosed class runs to the end.
        /// </summary>
        public static StoreWildcard Parse(string pattern)
        {
            var parts = new List<Part>();
            var literal = new StringBuilder(pattern.Length);
            var run = new StringBuilder();
            bool hasWildcard = false;

            void EndRun()
            {
                if (run.Length == 0) return;
                parts.Add(new Part(PartKind.Literal, run.ToString()));
                run.Clear();
            }

            for (int i = 0; i < pattern.Length; i++)
            {
                char c = pattern[i];
                if (c == '`' && i + 1 < pattern.Length)
                {
                    char escaped = pattern[++i];
                    run.Append(escaped);
                    literal.Append(escaped);
                    continue;
                }

                literal.Append(c);
                if (c == '*' || c == '?')
                {
                    hasWildcard = true;
                    EndRun();
                    parts.Add(new Part(c == '*' ? PartKind.AnyString : PartKind.AnyChar, string.Empty));
                }
                else if (c == '[')
                {
                    hasWildcard = true;
                    EndRun();
                    var members = new StringBuilder();
                    bool closed = false;
                    for (i++; i < pattern.Length; i++)
                    {
                        char m = pattern[i];
                        literal.Append(m);
                        if (m == '`' && i + 1 < pattern.Length)
                        {
                            // As before: an escaped character inside a class stands for itself.
                            members.Append(pattern[++i]);
                            literal.Append(pattern[i]);
                            continue;
                        }

                        if (m == ']')
                        {
                            closed = true;
                            break;
                        }

                        members.Append(m);
                    }

                    parts.Add(new Part(closed ? PartKind.Class : PartKind.UnclosedClass, members.ToString()));
                }
                else
                {
                    run.Append(c);
                }
            }

            EndRun();
            return new StoreWildcard(parts, hasWildcard, literal.ToString());
        }

        /// <summary>What a part matches.</summary>
        internal enum PartKind
        {
            /// <summary>Exactly <see cref="Part.Text"/>, every character literal.</summary>
            Literal,

            /// <summary>Any run of characters, empty included (<c>*</c>).</summary>
            AnyString,

            /// <summary>Exactly one character (<c>?</c>).</summary>
            AnyChar,

            /// <summary>One character of the class whose members (and ranges such as <c>a-c</c>) are <see cref="Part.Text"/>.</summary>
            Class,

            /// <summary>A <c>[</c> never closed: its members run to the end of the pattern (kept as written, as PowerShell would fail to match it).</summary>
            UnclosedClass,
        }

        /// <summary>One part of a pattern.</summary>
        internal readonly struct Part
        {
            public Part(PartKind kind, string text)
            {
                Kind = kind;
                Text = text;
            }

            /// <summary>What the part matches.</summary>
            public PartKind Kind { get; }

            /// <summary>The literal text or the class members; empty for * and ?.</summary>
            public string Text { get; }
        }
    }
}
