using System;
using System.Collections.Generic;

namespace OfflineData.Core.Store
{
    /// <summary>Adobe's consent values (seed 003) and their one spelling.</summary>
    public static class ConsentValues
    {
        /// <summary>Every known value in its canonical spelling.</summary>
        public static IReadOnlyList<string> All { get; } = new[] { "y", "n", "p", "u", "LI", "CT", "CP", "VI", "PI" };

        /// <summary>True when <paramref name="value"/> (any case, trimmed) is a known consent value.</summary>
        public static bool IsKnown(string? value) => value != null && Array.IndexOf((string[])All, Canonical(value)) >= 0;

        /// <summary>
        /// The canonical spelling: y/n/p/u lowercase, the two-letter values uppercase.
        /// Throws <see cref="ArgumentException"/> for an unknown value.
        /// </summary>
        public static string Normalize(string value)
        {
            if (!IsKnown(value)) throw new ArgumentException($"'{value}' is not a consent value (expected one of {string.Join(", ", All)}).", nameof(value));
            return Canonical(value);
        }

        private static string Canonical(string value)
        {
            var trimmed = value.Trim();
            return trimmed.Length == 1 ? trimmed.ToLowerInvariant() : trimmed.ToUpperInvariant();
        }
    }
}
