using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using PhoneNumbers;

namespace OfflineData.Core.Hashing
{
    /// <summary>
    /// Normalises identifiers by a profile's rules (docs: README "Hashing identifiers", DOMAIN §7) and hashes them with
    /// SHA-256: trim, lowercase, Unicode NFC; emails checked (Google: gmail.com/googlemail.com dots and +tag removed);
    /// phones parsed by libphonenumber into E.164 (Google hashes <c>+46701234567</c>, Meta <c>46701234567</c>); names
    /// without punctuation. A value that already is a hash (64 hex characters; for Google also the 44-character Base64
    /// of 32 bytes) passes through, so hashing twice equals hashing once. Safe to share between threads.
    /// </summary>
    public sealed class IdentifierHasher
    {
        private static readonly Lazy<PhoneNumberUtil> Phones = new Lazy<PhoneNumberUtil>(PhoneNumberUtil.GetInstance);
        private static readonly char[] HexDigits = "0123456789abcdef".ToCharArray();
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);

        [ThreadStatic]
        private static SHA256? threadSha;
        private readonly string? region;

        /// <summary>Creates a hasher.</summary>
        /// <param name="profile">Whose rules: Google or Meta.</param>
        /// <param name="encoding">Hex (both) or Base64 (Google only).</param>
        /// <param name="defaultRegion">ISO 3166-1 alpha-2 region (e.g. SE) of phone numbers written without a country code; null when every number has one.</param>
        /// <exception cref="ArgumentException">Base64 for Meta, or a region libphonenumber does not know.</exception>
        public IdentifierHasher(HashProfile profile, HashEncoding encoding = HashEncoding.Hex, string? defaultRegion = null)
        {
            if (!Enum.IsDefined(typeof(HashProfile), profile)) throw new ArgumentException($"'{profile}' is not a hash profile; use Google or Meta.", nameof(profile));
            if (!Enum.IsDefined(typeof(HashEncoding), encoding)) throw new ArgumentException($"'{encoding}' is not a hash encoding; use Hex or Base64.", nameof(encoding));
            if (encoding == HashEncoding.Base64 && profile != HashProfile.Google)
            {
                throw new ArgumentException($"Base64 hashes are Google's option only; {profile} takes lowercase hex (-HashEncoding Hex).", nameof(encoding));
            }

            Profile = profile;
            Encoding = encoding;
            if (!string.IsNullOrWhiteSpace(defaultRegion))
            {
                region = RequireRegion(defaultRegion!);
            }
        }

        /// <summary>The profile.</summary>
        public HashProfile Profile { get; }

        /// <summary>The encoding of the hashes.</summary>
        public HashEncoding Encoding { get; }

        /// <summary>The region of numbers without a country code (upper case), or null.</summary>
        public string? DefaultRegion => region;

        /// <summary>The regions libphonenumber knows (ISO 3166-1 alpha-2, upper case), sorted.</summary>
        public static IReadOnlyList<string> SupportedRegions { get; } = Phones.Value.GetSupportedRegions().OrderBy(r => r, StringComparer.Ordinal).ToArray();

        /// <summary>Whether libphonenumber knows <paramref name="regionCode"/> (case-insensitive).</summary>
        public static bool IsKnownRegion(string? regionCode) =>
            !string.IsNullOrWhiteSpace(regionCode) && Phones.Value.GetSupportedRegions().Contains(regionCode!.Trim().ToUpperInvariant());

        /// <summary>The region in upper case.</summary>
        /// <exception cref="ArgumentException">libphonenumber does not know it.</exception>
        public static string RequireRegion(string regionCode)
        {
            if (!IsKnownRegion(regionCode))
            {
                throw new ArgumentException($"'{regionCode}' is not a region libphonenumber knows; give an ISO 3166-1 alpha-2 code such as SE, DE or US.", nameof(regionCode));
            }

            return regionCode.Trim().ToUpperInvariant();
        }

        /// <summary>The normalised value and its SHA-256 hash; a value that already is a hash is returned as it is (hex lowercased).</summary>
        /// <exception cref="IdentifierHashException">Not a valid email, phone or name; the message does not hold the value.</exception>
        public string Hash(string value, IdentifierKind kind)
        {
            if (!TryHash(value, kind, out var hash, out var failure)) throw new IdentifierHashException(failure, Describe(failure, region));
            return hash;
        }

        /// <summary>Hashes <paramref name="value"/>; false with the code when it cannot be normalised. A blank value gives an empty string.</summary>
        public bool TryHash(string? value, IdentifierKind kind, out string hash, out IdentifierFailure failure)
        {
            hash = string.Empty;
            failure = IdentifierFailure.None;
            if (value == null) return true;
            var trimmed = value.Trim();
            if (trimmed.Length == 0) return true;
            if (IsHash(trimmed))
            {
                hash = trimmed.Length == 64 ? trimmed.ToLowerInvariant() : trimmed;
                return true;
            }

            if (!TryNormalize(trimmed, kind, out var normalized, out failure)) return false;
            hash = HashNormalized(normalized);
            return true;
        }

        /// <summary>The value as this profile hashes it (what goes into SHA-256), without hashing it.</summary>
        /// <exception cref="IdentifierHashException">Not a valid email, phone or name.</exception>
        public string Normalize(string value, IdentifierKind kind)
        {
            if (!TryNormalize((value ?? string.Empty).Trim(), kind, out var normalized, out var failure)) throw new IdentifierHashException(failure, Describe(failure, region));
            return normalized;
        }

        /// <summary>Whether <paramref name="value"/> already is a hash this profile accepts: 64 hex characters, or for Google the Base64 of 32 bytes.</summary>
        public bool IsHash(string value)
        {
            if (value.Length == 64) return value.All(IsHex);
            if (Profile != HashProfile.Google || value.Length != 44 || value[43] != '=' || value[42] == '=') return false;
            try
            {
                return Convert.FromBase64String(value).Length == 32;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        /// <summary>What a failure code means, for messages (never with the value).</summary>
        public static string Describe(IdentifierFailure failure, string? defaultRegion = null)
        {
            switch (failure)
            {
                case IdentifierFailure.InvalidEmail: return "The value is not an email address (one @, a local part, a domain with a dot, no spaces).";
                case IdentifierFailure.InvalidPhone:
                    return defaultRegion == null
                        ? "The value is not a valid phone number with a country code (+46..., 0046...); give -DefaultRegion for numbers without one."
                        : $"The value is not a valid phone number (read with default region {defaultRegion}).";
                case IdentifierFailure.InvalidName: return "The name holds nothing but punctuation and white space.";
                default: return "The value cannot be hashed.";
            }
        }

        private bool TryNormalize(string trimmed, IdentifierKind kind, out string normalized, out IdentifierFailure failure)
        {
            failure = IdentifierFailure.None;
            normalized = string.Empty;
            switch (kind)
            {
                case IdentifierKind.Email:
                    if (TryEmail(Lower(trimmed), out normalized)) return true;
                    failure = IdentifierFailure.InvalidEmail;
                    return false;
                case IdentifierKind.Phone:
                    if (TryPhone(trimmed, out normalized)) return true;
                    failure = IdentifierFailure.InvalidPhone;
                    return false;
                case IdentifierKind.Name:
                    normalized = Name(Lower(trimmed));
                    if (normalized.Length > 0) return true;
                    failure = IdentifierFailure.InvalidName;
                    return false;
                case IdentifierKind.Text:
                    normalized = Lower(trimmed);
                    return true;
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind), kind, "Email, Phone, Name or Text.");
            }
        }

        /// <summary>Lowercase, then NFC (so a decomposed "e" + combining accent and a composed "é" hash alike).</summary>
        private static string Lower(string text)
        {
            var lower = text.ToLowerInvariant();
            // ASCII is always in NFC: skip the normaliser for the common case.
            foreach (char c in lower)
            {
                if (c > 0x7F) return lower.Normalize(NormalizationForm.FormC);
            }

            return lower;
        }

        private bool TryEmail(string email, out string normalized)
        {
            normalized = string.Empty;
            int at = email.IndexOf('@');
            if (at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1) return false;
            foreach (char c in email)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c)) return false;
            }

            var local = email.Substring(0, at);
            var domain = email.Substring(at + 1);
            if (domain.IndexOf('.') <= 0 || domain.EndsWith(".", StringComparison.Ordinal) || domain.Contains("..")) return false;
            if (Profile == HashProfile.Google && (domain == "gmail.com" || domain == "googlemail.com"))
            {
                // Gmail ignores dots in the name and everything after a +: Google matches on the address without them.
                int plus = local.IndexOf('+');
                if (plus >= 0) local = local.Substring(0, plus);
                local = local.Replace(".", string.Empty);
                if (local.Length == 0) return false;
            }

            normalized = local + "@" + domain;
            return true;
        }

        private bool TryPhone(string text, out string normalized)
        {
            normalized = string.Empty;
            var input = text;
            if (region == null)
            {
                // Without a default region a number must carry its country code: +46..., 0046... or Meta's bare 46....
                var compact = input.TrimStart();
                if (compact.StartsWith("00", StringComparison.Ordinal)) input = "+" + compact.Substring(2);
                else if (!compact.StartsWith("+", StringComparison.Ordinal)) input = "+" + compact;
            }

            PhoneNumber number;
            try
            {
                number = Phones.Value.Parse(input, region ?? "ZZ");
            }
            catch (NumberParseException)
            {
                return false;
            }

            if (!Phones.Value.IsValidNumber(number)) return false;
            var e164 = Phones.Value.Format(number, PhoneNumberFormat.E164);
            normalized = Profile == HashProfile.Meta ? e164.TrimStart('+') : e164;
            return true;
        }

        /// <summary>Names (Meta fn/ln): punctuation removed, white space runs made one space.</summary>
        private static string Name(string lower)
        {
            var sb = new StringBuilder(lower.Length);
            bool space = false;
            foreach (char c in lower)
            {
                if (char.IsPunctuation(c)) continue;
                if (char.IsWhiteSpace(c))
                {
                    space = sb.Length > 0;
                    continue;
                }

                if (space) sb.Append(' ');
                space = false;
                sb.Append(c);
            }

            return sb.ToString();
        }

        private string HashNormalized(string normalized)
        {
            // One SHA256 per thread: creating one per value (an OpenSSL context on Linux) cost more than the hashing.
            var sha = threadSha ??= SHA256.Create();
            var digest = sha.ComputeHash(Utf8.GetBytes(normalized));

            if (Encoding == HashEncoding.Base64) return Convert.ToBase64String(digest);
            var chars = new char[64];
            for (int i = 0; i < digest.Length; i++)
            {
                chars[2 * i] = HexDigits[digest[i] >> 4];
                chars[2 * i + 1] = HexDigits[digest[i] & 0xF];
            }

            return new string(chars);
        }

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
