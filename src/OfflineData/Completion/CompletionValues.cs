using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace OfflineData.Commands.Completion
{
    /// <summary>
    /// Shared by the argument completers: matches candidate values against what was typed and turns them into
    /// completion results, quoted when PowerShell needs it (spaces, quotes, special characters), in the quote
    /// style the user started with.
    /// </summary>
    internal static class CompletionValues
    {
        /// <summary>The most results a completer returns; the list stays short and the completer quick.</summary>
        public const int MaxResults = 200;

        /// <summary>
        /// The results for the <paramref name="candidates"/> (value, tooltip) that match <paramref name="wordToComplete"/>
        /// as a prefix (case-insensitive; wildcards allowed), or, when <paramref name="alsoAfter"/> is given, as a prefix
        /// of the part after the last <paramref name="alsoAfter"/> (so "Stock" finds "Europe/Stockholm").
        /// </summary>
        public static IEnumerable<CompletionResult> Complete(string? wordToComplete, IEnumerable<(string Value, string? ToolTip)> candidates, char? alsoAfter = null)
        {
            var typed = Unquote(wordToComplete ?? string.Empty, out var quote);
            var pattern = new WildcardPattern(WildcardPattern.Escape(typed).Replace("`*", "*").Replace("`?", "?") + "*", WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var results = new List<CompletionResult>();
            foreach (var (value, toolTip) in candidates)
            {
                if (string.IsNullOrEmpty(value) || !seen.Add(value)) continue;
                bool matches = pattern.IsMatch(value);
                if (!matches && alsoAfter != null)
                {
                    int cut = value.LastIndexOf(alsoAfter.Value);
                    matches = cut >= 0 && pattern.IsMatch(value.Substring(cut + 1));
                }

                if (!matches) continue;
                results.Add(new CompletionResult(Quote(value, quote), value, CompletionResultType.ParameterValue, string.IsNullOrEmpty(toolTip) ? value : toolTip));
                if (results.Count >= MaxResults) break;
            }

            return results;
        }

        /// <summary>
        /// <paramref name="value"/> as PowerShell source text: as it is when it needs no quotes, else in the
        /// quote the user typed (single quotes by default), with embedded quotes doubled.
        /// </summary>
        public static string Quote(string value, char? quote)
        {
            bool needsQuotes = quote != null || value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || "'\"`$&@(){}[];,|<>#".IndexOf(c) >= 0) || value[0] == '-';
            if (!needsQuotes) return value;
            if (quote == '"')
            {
                return "\"" + value.Replace("`", "``").Replace("\"", "`\"").Replace("$", "`$") + "\"";
            }

            return "'" + value.Replace("'", "''") + "'";
        }

        /// <summary>The text typed so far without its opening (and closing) quote; <paramref name="quote"/> is that quote.</summary>
        public static string Unquote(string word, out char? quote)
        {
            quote = null;
            if (word.Length > 0 && (word[0] == '\'' || word[0] == '"'))
            {
                quote = word[0];
                word = word.Substring(1);
                if (word.Length > 0 && word[word.Length - 1] == quote) word = word.Substring(0, word.Length - 1);
            }

            return word;
        }

        /// <summary>Runs <paramref name="complete"/>; a completer must never throw, so any failure completes to nothing.</summary>
        public static IEnumerable<CompletionResult> Safely(Func<IEnumerable<CompletionResult>> complete)
        {
            try
            {
                return complete().ToList();
            }
            catch (Exception)
            {
                // Completion is a convenience: a broken store, an odd culture list or a bad typed value means no suggestions.
                return Array.Empty<CompletionResult>();
            }
        }
    }
}
