using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OfflineData.Core.Findings;

namespace OfflineData.Core.Conversion
{
    /// <summary>
    /// The culture names this machine knows (<see cref="CultureInfo.GetCultures(CultureTypes)"/> with all cultures).
    /// On Linux and macOS (ICU) <c>new CultureInfo("xx-YY")</c> succeeds for any well-formed name and gives a culture
    /// with invariant formats, so a misspelt <c>-Culture</c> would silently read numbers the invariant way.
    /// </summary>
    public static class KnownCultures
    {
        private static readonly Lazy<HashSet<string>> Names = new Lazy<HashSet<string>>(() =>
            new HashSet<string>(CultureInfo.GetCultures(CultureTypes.AllCultures).Select(c => c.Name), StringComparer.OrdinalIgnoreCase));

        /// <summary>
        /// Whether <paramref name="culture"/> is one of the machine's cultures (the invariant one included). True for
        /// every culture when the runtime lists none but the invariant one (globalization-invariant mode), where
        /// nothing can be told apart.
        /// </summary>
        public static bool IsKnown(CultureInfo culture)
        {
            if (culture == null) throw new ArgumentNullException(nameof(culture));
            var names = Names.Value;
            return names.Count <= 1 || names.Contains(culture.Name);
        }

        /// <summary>Throws an <see cref="ArgumentException"/> naming the value when <paramref name="culture"/> is not known.</summary>
        public static CultureInfo Require(CultureInfo culture)
        {
            if (IsKnown(culture)) return culture;
            throw new ArgumentException($"'{DisplayText.Escape(culture.Name)}' is not a culture this machine knows (e.g. sv-SE, de-DE, en-US; Get-Culture -ListAvailable lists them); a made-up name would read numbers and dates the invariant way.");
        }
    }
}
