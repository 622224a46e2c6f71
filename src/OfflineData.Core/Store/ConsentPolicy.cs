using System;
using System.Collections.Generic;
using System.Linq;

namespace OfflineData.Core.Store
{
    /// <summary>
    /// Which recorded consent suppresses a customer's rows. The default is seed 003's rule: only an explicit opt-out
    /// (<c>n</c>) of <c>collect</c> suppresses; pending (<c>p</c>) and unknown (<c>u</c>) suppress only when asked.
    /// </summary>
    public sealed class ConsentPolicy
    {
        /// <summary>The consent field a plain one-ID-per-line opt-out file records, and the default scope.</summary>
        public const string DefaultScope = "collect";

        /// <summary>The explicit opt-out value.</summary>
        public const string OptOutValue = "n";

        /// <summary>The default policy: <c>collect</c> = <c>n</c>.</summary>
        public static ConsentPolicy Default { get; } = new ConsentPolicy(new[] { DefaultScope }, new[] { OptOutValue });

        /// <summary>Creates a policy; scopes are compared lowercase, values as given (y/n/p/u lowercase).</summary>
        public ConsentPolicy(IEnumerable<string> scopes, IEnumerable<string> suppressingValues)
        {
            if (scopes == null) throw new ArgumentNullException(nameof(scopes));
            if (suppressingValues == null) throw new ArgumentNullException(nameof(suppressingValues));
            Scopes = scopes.Select(s => s.Trim().ToLowerInvariant()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
            SuppressingValues = suppressingValues.Select(ConsentValues.Normalize).Distinct(StringComparer.Ordinal).ToArray();
            if (Scopes.Count == 0) throw new ArgumentException("A consent policy needs at least one scope.", nameof(scopes));
            if (SuppressingValues.Count == 0) throw new ArgumentException("A consent policy needs at least one suppressing value.", nameof(suppressingValues));
        }

        /// <summary>Consent fields that count (lowercase).</summary>
        public IReadOnlyList<string> Scopes { get; }

        /// <summary>Values that suppress (normalised, see <see cref="ConsentValues.Normalize"/>).</summary>
        public IReadOnlyList<string> SuppressingValues { get; }

        /// <summary>
        /// Adobe's consent fields (seed 003): the scopes a policy may name without the store having recorded them. Any
        /// other scope must be one the store has recorded, or a typo would silently suppress nothing.
        /// </summary>
        public static IReadOnlyList<string> AdobeScopes { get; } = new[] { "collect", "share", "personalize.content", "marketing.any", "marketing.email", "marketing.push", "marketing.sms" };

        /// <summary>
        /// True when <paramref name="other"/> suppresses exactly the same: the same scopes and values as sets, in any
        /// order (scopes lowercase, values as <see cref="ConsentValues.Normalize"/> spells them).
        /// </summary>
        public bool IsSameAs(ConsentPolicy? other) =>
            other != null
            && new HashSet<string>(Scopes, StringComparer.Ordinal).SetEquals(other.Scopes)
            && new HashSet<string>(SuppressingValues, StringComparer.Ordinal).SetEquals(other.SuppressingValues);

        /// <summary>
        /// Reads a policy as <see cref="ToString"/> writes it ("collect, share = n|p"); false for any other text (an
        /// unknown value, no scope or no value).
        /// </summary>
        public static bool TryParse(string? text, out ConsentPolicy? policy)
        {
            policy = null;
            if (string.IsNullOrWhiteSpace(text)) return false;
            int at = text!.LastIndexOf('=');
            if (at <= 0) return false;
            var values = text.Substring(at + 1).Split('|').Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
            if (values.Count == 0 || !values.All(ConsentValues.IsKnown)) return false;
            try
            {
                policy = new ConsentPolicy(text.Substring(0, at).Split(','), values);
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        /// <inheritdoc/>
        public override string ToString() => string.Join(", ", Scopes) + " = " + string.Join("|", SuppressingValues);
    }
}
