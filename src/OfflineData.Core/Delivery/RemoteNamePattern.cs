using System;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;

namespace OfflineData.Core.Delivery
{
    /// <summary>
    /// Turns a local file into its remote name by a pattern of tokens: <c>{Name}</c> (file name with extension),
    /// <c>{BaseName}</c> (without), <c>{Extension}</c> (with its dot, e.g. <c>.csv</c>), <c>{Timestamp}</c>
    /// (the run's start in UTC, <c>yyyyMMddHHmmss</c>, or <c>{Timestamp:format}</c> with a .NET format),
    /// <c>{Sequence}</c> (the file's number in the run, from 1, four digits, or <c>{Sequence:N}</c> for N digits) and
    /// <c>{ReportSuite}</c>. <c>{{</c> and <c>}}</c> stand for braces. The extension of the result is always lowercase.
    /// </summary>
    internal sealed class RemoteNamePattern
    {
        /// <summary>The pattern used when none is given: the local file name.</summary>
        public const string Default = "{Name}";

        private static readonly Regex Token = new Regex(@"\{\{|\}\}|\{(?<name>[A-Za-z]+)(?::(?<format>[^{}]*))?\}|[{}]", RegexOptions.CultureInvariant);

        private readonly string pattern;

        public RemoteNamePattern(string? pattern, string? reportSuite)
        {
            this.pattern = string.IsNullOrWhiteSpace(pattern) ? Default : pattern!;
            ReportSuite = reportSuite;
            // Every token is checked now, so a typo fails before anything is sent.
            Apply("x.txt", DateTime.UtcNow, 1);
        }

        public string? ReportSuite { get; }

        /// <summary>The remote name of <paramref name="localName"/>, the file numbered <paramref name="sequence"/> of a run started at <paramref name="runStartUtc"/>.</summary>
        /// <exception cref="FormatException">An unknown token, a bad format, or a result that is no plain file name.</exception>
        public string Apply(string localName, DateTime runStartUtc, int sequence)
        {
            var result = Token.Replace(pattern, m => Expand(m, localName, runStartUtc, sequence));
            if (result.Trim().Length == 0 || result.IndexOfAny(new[] { '/', '\\', '\0' }) >= 0 || result == "." || result == "..")
            {
                throw new FormatException($"The name pattern '{pattern}' gives '{result}' for '{localName}', which is not a plain file name (no '/' or '\\', not empty).");
            }

            return LowercaseExtension(result);
        }

        /// <summary>The name with its extension (after the last dot) in lowercase: Adobe never processes <c>.TXT</c> or <c>.FIN</c>.</summary>
        public static string LowercaseExtension(string name)
        {
            var dot = name.LastIndexOf('.');
            return dot <= 0 ? name : name.Substring(0, dot) + name.Substring(dot).ToLowerInvariant();
        }

        private string Expand(Match m, string localName, DateTime runStartUtc, int sequence)
        {
            switch (m.Value)
            {
                case "{{": return "{";
                case "}}": return "}";
                case "{":
                case "}":
                    throw new FormatException($"The name pattern '{pattern}' has an unmatched '{m.Value}' (write {{{{ or }}}} for a brace).");
            }

            var format = m.Groups["format"].Success ? m.Groups["format"].Value : null;
            switch (m.Groups["name"].Value.ToLowerInvariant())
            {
                case "name":
                    NoFormat(m, format);
                    return localName;
                case "basename":
                    NoFormat(m, format);
                    return Path.GetFileNameWithoutExtension(localName);
                case "extension":
                    NoFormat(m, format);
                    return Path.GetExtension(localName);
                case "timestamp":
                    try
                    {
                        return runStartUtc.ToString(string.IsNullOrEmpty(format) ? "yyyyMMddHHmmss" : format, CultureInfo.InvariantCulture);
                    }
                    catch (FormatException)
                    {
                        throw new FormatException($"The name pattern '{pattern}': '{format}' is not a date and time format (e.g. yyyyMMdd-HHmmss).");
                    }

                case "sequence":
                    var digits = 4;
                    if (!string.IsNullOrEmpty(format) && (!int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out digits) || digits < 1 || digits > 9))
                    {
                        throw new FormatException($"The name pattern '{pattern}': {{Sequence:{format}}} needs a number of digits from 1 to 9.");
                    }

                    return sequence.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
                case "reportsuite":
                    NoFormat(m, format);
                    if (string.IsNullOrEmpty(ReportSuite)) throw new FormatException($"The name pattern '{pattern}' uses {{ReportSuite}}, but no report suite was given.");
                    return ReportSuite!;
                default:
                    throw new FormatException($"The name pattern '{pattern}' has an unknown token {m.Value}; known: {{Name}}, {{BaseName}}, {{Extension}}, {{Timestamp}}, {{Timestamp:format}}, {{Sequence}}, {{Sequence:digits}}, {{ReportSuite}}.");
            }
        }

        private void NoFormat(Match m, string? format)
        {
            if (format != null) throw new FormatException($"The name pattern '{pattern}': {m.Value} takes no format.");
        }
    }
}
