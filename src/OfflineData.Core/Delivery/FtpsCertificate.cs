using System;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace OfflineData.Core.Delivery
{
    /// <summary>
    /// An FTPS server's certificate as presented after <c>AUTH TLS</c>: its SHA-256 fingerprint in the form
    /// <c>Send-OfflineDataFile -CertificateFingerprint</c> takes (and <c>openssl x509 -noout -fingerprint -sha256</c>
    /// prints), who it names and who signed it, when it is valid, and whether this system's chain trusts it for the host.
    /// </summary>
    public sealed class FtpsCertificate
    {
        /// <summary>Describes the certificate <paramref name="host"/>:<paramref name="port"/> presented.</summary>
        public FtpsCertificate(string host, int port, X509Certificate2 certificate, string fingerprint, SslPolicyErrors systemErrors)
        {
            if (certificate == null) throw new ArgumentNullException(nameof(certificate));
            Host = host ?? throw new ArgumentNullException(nameof(host));
            Port = port;
            Fingerprint = fingerprint ?? throw new ArgumentNullException(nameof(fingerprint));
            Subject = certificate.Subject;
            Issuer = certificate.Issuer;
            NotBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
            NotAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            TrustedBySystem = systemErrors == SslPolicyErrors.None;
            SystemTrustProblem = TrustedBySystem ? string.Empty : Describe(systemErrors);
        }

        /// <summary>The host as asked for.</summary>
        public string Host { get; }

        /// <summary>The port (the FTP control port: explicit TLS starts on it).</summary>
        public int Port { get; }

        /// <summary>The SHA-256 fingerprint, <c>AB:CD:…</c> (64 hex digits): what <c>-CertificateFingerprint</c> pins.</summary>
        public string Fingerprint { get; }

        /// <summary>The certificate's subject, e.g. <c>CN=ftp.example.com</c>.</summary>
        public string Subject { get; }

        /// <summary>Who signed it (the subject again for a self-signed certificate).</summary>
        public string Issuer { get; }

        /// <summary>Valid from (UTC).</summary>
        public DateTimeOffset NotBefore { get; }

        /// <summary>Valid until (UTC): a pinned certificate must be pinned anew when the server's is renewed.</summary>
        public DateTimeOffset NotAfter { get; }

        /// <summary>Whether this system's certificate chain trusts it for this host name (then no pin is needed).</summary>
        public bool TrustedBySystem { get; }

        /// <summary>Why the system does not trust it (name mismatch, unknown issuer or self-signed chain), or empty.</summary>
        public string SystemTrustProblem { get; }

        private static string Describe(SslPolicyErrors errors)
        {
            var parts = new System.Collections.Generic.List<string>();
            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0) parts.Add("the certificate does not name this host");
            if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0) parts.Add("its chain does not lead to a trusted root (self-signed or unknown issuer)");
            if ((errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0) parts.Add("no certificate");
            return string.Join("; ", parts);
        }
    }
}
