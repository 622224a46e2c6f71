using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace OfflineData.Core.Delivery
{
    /// <summary>
    /// The trust in an FTPS server's certificate, checked by this connection's own SslStream callback (never the
    /// process-wide ServicePointManager one, which would change trust for everything else in the user's session):
    /// pinned SHA-256 fingerprints, any certificate when asked for explicitly, or else the system's chain. Remembers what
    /// was presented and why it was refused, for the error.
    /// </summary>
    internal sealed class FtpCertificateCheck
    {
        private readonly HashSet<string> _pins;
        private readonly bool _acceptAny;

        private FtpCertificateCheck(HashSet<string> pins, bool acceptAny)
        {
            _pins = pins;
            _acceptAny = acceptAny;
        }

        /// <summary>The SHA-256 fingerprint of the certificate the server presented (<c>AB:CD:…</c>), once it did.</summary>
        public string? Presented { get; private set; }

        /// <summary>The certificate the server presented, once it did.</summary>
        public X509Certificate2? PresentedCertificate { get; private set; }

        /// <summary>What the system's chain check found wrong with the presented certificate (<see cref="SslPolicyErrors.None"/>: it trusts it).</summary>
        public SslPolicyErrors PresentedErrors { get; private set; }

        /// <summary>Why the certificate was refused, or null.</summary>
        public string? Refusal { get; private set; }

        /// <summary>Builds the check from the options; a malformed fingerprint is a <see cref="FormatException"/>.</summary>
        public static FtpCertificateCheck From(DeliveryConnectOptions options)
        {
            var pins = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pin in options.TrustedCertificateFingerprints ?? (IList<string>)Array.Empty<string>()) pins.Add(Normalize(pin));
            return new FtpCertificateCheck(pins, options.AcceptAnyCertificate);
        }

        /// <summary>A check for reading a certificate (Get-OfflineDataHostKey): takes any, remembering it and the system's verdict; no login follows.</summary>
        public static FtpCertificateCheck Reading() => new FtpCertificateCheck(new HashSet<string>(StringComparer.Ordinal), true);

        /// <summary>The fingerprint as <c>AB:CD:…</c> (64 hex digits), from hex with or without separators (also openssl's whole <c>sha256 Fingerprint=…</c> line), or <c>SHA256:base64</c>.</summary>
        public static string Normalize(string fingerprint)
        {
            var value = (fingerprint ?? string.Empty).Trim();
            var body = value.StartsWith("SHA256:", StringComparison.OrdinalIgnoreCase) ? value.Substring(7) : value;
            // openssl's own output line: "sha256 Fingerprint=AB:CD:..." (OpenSSL 3) or "SHA256 Fingerprint=..." (1.1)
            if (body.StartsWith("SHA256 Fingerprint=", StringComparison.OrdinalIgnoreCase)) body = body.Substring(19);
            var hex = new StringBuilder();
            foreach (var c in body)
            {
                if (c == ':' || c == ' ' || c == '-') continue;
                hex.Append(char.ToUpperInvariant(c));
            }

            if (hex.Length == 64 && hex.ToString().All(c => (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) return Format(hex.ToString());
            try
            {
                var trimmed = body.TrimEnd('=');
                var bytes = Convert.FromBase64String(trimmed.PadRight(trimmed.Length + ((4 - trimmed.Length % 4) % 4), '='));
                if (bytes.Length == 32) return Format(BitConverter.ToString(bytes).Replace("-", string.Empty));
            }
            catch (FormatException)
            {
                // not base64 either: the message below
            }

            throw new FormatException($"The certificate fingerprint '{value}' is not a SHA-256 fingerprint: 64 hex digits as 'openssl x509 -noout -fingerprint -sha256' prints them (AB:CD:...).");
        }

        /// <summary>The SslStream callback (for the control and every data connection).</summary>
        public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (certificate == null)
            {
                Refusal = "the server presented no certificate";
                return false;
            }

            using (var sha = SHA256.Create())
            {
                Presented = Format(BitConverter.ToString(sha.ComputeHash(certificate.GetRawCertData())).Replace("-", string.Empty));
            }

            PresentedCertificate = new X509Certificate2(certificate);
            PresentedErrors = errors;

            if (_acceptAny) return Accept();
            if (_pins.Count > 0)
            {
                // A pin replaces the chain: a self-signed certificate is trusted when it is the pinned one.
                if (_pins.Contains(Presented)) return Accept();
                Refusal = $"the server presented the certificate {Presented} ({certificate.Subject}), which is not a pinned fingerprint ({string.Join(", ", _pins)})";
                return false;
            }

            if (errors == SslPolicyErrors.None) return Accept();
            Refusal = $"the server's certificate {Presented} ({certificate.Subject}) is not trusted by this system ({errors}); pin its fingerprint or accept any certificate explicitly";
            return false;
        }

        private bool Accept()
        {
            Refusal = null;
            return true;
        }

        private static string Format(string hex)
        {
            var result = new StringBuilder(hex.Length * 3 / 2);
            for (var i = 0; i < hex.Length; i += 2)
            {
                if (i > 0) result.Append(':');
                result.Append(hex, i, 2);
            }

            return result.ToString();
        }
    }
}
