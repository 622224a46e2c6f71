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

        /// <inheritdoc/>
        public override string ToString() => string.Join(", ", Scopes) + " = " + string.Join("|", SuppressingValues);
    }
}
