using System;
using System.Text.RegularExpressions;
using OfflineData.Core.Findings;

namespace OfflineData.Core.Store
{
    /// <summary>
    /// Validates report suite IDs. A report suite ID is 1 to 100 characters: ASCII letters, digits,
    /// '.', '_' and '-', starting with a letter or digit (e.g. <c>acme.prod</c>). Comparison is ordinal
    /// and case-sensitive, as the IDs are keys sent by the website.
    /// </summary>
    public static class ReportSuiteId
    {
        /// <summary>The longest report suite ID accepted.</summary>
        public const int MaxLength = 100;

        /// <summary>The documented pattern every report suite ID must match.</summary>
        public const string Pattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$";

        private static readonly Regex Validator = new Regex(Pattern, RegexOptions.CultureInvariant);

        /// <summary>Whether <paramref name="value"/> is a valid report suite ID.</summary>
        public static bool IsValid(string? value) => value != null && Validator.IsMatch(value);

        /// <summary>Throws <see cref="ArgumentException"/> with a message naming the rule when the ID is invalid.</summary>
        public static void Validate(string? value, string parameterName)
        {
            if (!IsValid(value))
            {
                throw new ArgumentException(
                    $"'{DisplayText.Escape(value)}' is not a valid report suite ID: use 1 to {MaxLength} characters from A-Z, a-z, 0-9, '.', '_' and '-', starting with a letter or digit (pattern {Pattern}).",
                    parameterName);
            }
        }
    }
}
