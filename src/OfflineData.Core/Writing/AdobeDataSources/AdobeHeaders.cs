using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace OfflineData.Core.Writing.AdobeDataSources
{
    /// <summary>
    /// The column headers Adobe Data Sources accepts, in Adobe's canonical spelling. Adobe reads headers
    /// case-insensitively but requires the space in <c>Evar 1</c> and <c>Event 1</c>, so every spelling a user gives
    /// (<c>eVar1</c>, <c>evar 1</c>, <c>EVAR1</c>) is written as the canonical one.
    /// </summary>
    public static class AdobeHeaders
    {
        /// <summary>The date column, always first.</summary>
        public const string Date = "Date";

        /// <summary>The transaction ID column of the transaction ID template.</summary>
        public const string TransactionId = "transactionID";

        /// <summary>The visitor column of the customer ID template.</summary>
        public const string VisitorId = "VisitorID";

        /// <summary>The highest eVar number.</summary>
        public const int MaxEvar = 250;

        /// <summary>The highest event number.</summary>
        public const int MaxEvent = 1000;

        private static readonly string[] NamedDimensions =
        {
            "Category", "Marketing Channel", "Marketing Channel Detail", "Product", "Tracking Code", TransactionId, "Zip",
        };

        private static readonly string[] NamedMetrics =
        {
            "Cart Adds", "Cart Removes", "Cart Views", "Cart Opens", "Checkouts", "Orders", "Price", "Quantity",
        };

        /// <summary>The supported headers a mapping may name, as a readable list (for messages and help).</summary>
        public static string SupportedList { get; } =
            string.Join(", ", NamedDimensions) + ", Evar 1..Evar " + MaxEvar + " (dimensions); "
            + string.Join(", ", NamedMetrics) + ", Event 1..Event " + MaxEvent + " (metrics)";

        /// <summary>The canonical spelling of <paramref name="header"/>, or null when Adobe does not support it.</summary>
        public static string? TryCanonicalize(string? header)
        {
            if (header == null) return null;
            var key = Squeeze(header);
            if (key.Length == 0) return null;
            foreach (var name in NamedDimensions)
            {
                if (Squeeze(name) == key) return name;
            }

            foreach (var name in NamedMetrics)
            {
                if (Squeeze(name) == key) return name;
            }

            if (TryNumbered(key, "evar", MaxEvar, out var evar)) return "Evar " + evar.ToString(CultureInfo.InvariantCulture);
            if (TryNumbered(key, "event", MaxEvent, out var evt)) return "Event " + evt.ToString(CultureInfo.InvariantCulture);
            return null;
        }

        /// <summary>The canonical spelling of <paramref name="header"/>.</summary>
        /// <exception cref="ArgumentException">Adobe does not support the header; the message lists the supported ones.</exception>
        public static string Canonicalize(string header)
        {
            var canonical = TryCanonicalize(header);
            if (canonical != null) return canonical;
            throw new ArgumentException($"'{header}' is not a column Adobe Data Sources accepts. Supported: {SupportedList}. (Date and {TransactionId} or {VisitorId} are written by the template.)");
        }

        /// <summary>Whether canonical <paramref name="header"/> is a metric (a number Adobe adds up).</summary>
        public static bool IsMetric(string header)
            => Array.IndexOf(NamedMetrics, header) >= 0 || header.StartsWith("Event ", StringComparison.Ordinal);

        /// <summary>Whether canonical <paramref name="header"/> is a dimension (a value Adobe reports by, <c>;</c> not allowed).</summary>
        public static bool IsDimension(string header)
            => Array.IndexOf(NamedDimensions, header) >= 0 || header.StartsWith("Evar ", StringComparison.Ordinal);

        // Lower case, no spaces, underscores or hyphens: "eVar 1", "EVAR1", "evar_1" all become "evar1".
        private static string Squeeze(string text)
        {
            var sb = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                if (char.IsWhiteSpace(c) || c == '_' || c == '-') continue;
                sb.Append(char.ToLowerInvariant(c));
            }

            return sb.ToString();
        }

        private static bool TryNumbered(string key, string stem, int max, out int number)
        {
            number = 0;
            if (!key.StartsWith(stem, StringComparison.Ordinal) || key.Length == stem.Length) return false;
            var digits = key.Substring(stem.Length);
            if (digits[0] == '0') return false;
            return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number >= 1 && number <= max;
        }

        /// <summary>All named (not numbered) headers, for completion.</summary>
        internal static IEnumerable<string> NamedHeaders()
        {
            foreach (var n in NamedDimensions) if (n != TransactionId) yield return n;
            foreach (var n in NamedMetrics) yield return n;
        }
    }
}
