using System;

namespace OfflineData.Core.Delivery
{
    /// <summary>Reads an FTPS server's certificate without logging in: the greeting, <c>AUTH TLS</c>, the TLS handshake, <c>QUIT</c>.</summary>
    public static class FtpsCertificateReader
    {
        /// <summary>The certificate <paramref name="destination"/> (an <c>ftps://</c> URI; its folder and user are ignored) presents.</summary>
        /// <exception cref="DeliveryException">The server cannot be reached, does not offer <c>AUTH TLS</c>, or no TLS handshake could be agreed.</exception>
        public static FtpsCertificate Read(DeliveryDestination destination, TimeSpan timeout)
        {
            if (destination == null) throw new ArgumentNullException(nameof(destination));
            return FtpRemoteFolder.ReadCertificate(destination, timeout);
        }

        /// <summary>
        /// A certificate fingerprint as <c>AB:CD:…</c> (64 hex digits): from hex with or without separators, openssl's
        /// whole <c>sha256 Fingerprint=…</c> line, or <c>SHA256:base64</c>; throws <see cref="FormatException"/> saying the form.
        /// </summary>
        public static string NormalizeFingerprint(string fingerprint) => FtpCertificateCheck.Normalize(fingerprint);
    }
}
