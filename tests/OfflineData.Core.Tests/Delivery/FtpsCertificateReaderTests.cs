using System;
using System.Linq;
using System.Text.RegularExpressions;
using OfflineData.Core.Delivery;
using Xunit;

namespace OfflineData.Core.Tests.Delivery
{
    /// <summary>Reading an FTPS server's certificate without logging in, against the real vsftpd servers of .ci/ftp.sh.</summary>
    public sealed class FtpsCertificateReaderTests
    {
        [FtpFact]
        public void Reads_the_certificate_openssl_fingerprints_and_sends_no_user_name()
        {
            var destination = DeliveryDestination.Parse($"ftps://reader@{FtpTestServer.Host}:{FtpTestServer.TlsPort}/upload");
            var logBefore = FtpRemoteFolderTests.ReadShared(FtpTestServer.TlsLog);

            var certificate = FtpsCertificateReader.Read(destination, TimeSpan.FromSeconds(10));

            // What .ci/ftp.sh got from 'openssl x509 -noout -fingerprint -sha256', and what the pin takes as it is.
            Assert.Equal(FtpTestServer.CertificateFingerprint, certificate.Fingerprint);
            Assert.Equal(FtpsCertificateReader.NormalizeFingerprint(certificate.Fingerprint), certificate.Fingerprint);
            Assert.Equal(FtpTestServer.Host, certificate.Host);
            Assert.Equal(FtpTestServer.TlsPort, certificate.Port);
            Assert.Equal("CN=127.0.0.1", certificate.Subject);
            Assert.Equal(certificate.Subject, certificate.Issuer);   // self-signed
            Assert.True(certificate.NotBefore <= DateTimeOffset.UtcNow && DateTimeOffset.UtcNow < certificate.NotAfter);
            Assert.Equal(TimeSpan.Zero, certificate.NotAfter.Offset);
            Assert.False(certificate.TrustedBySystem);
            // .NET names the first problem it finds (the host name); Mono's validator names the untrusted chain.
            Assert.Contains(NetCoreOnly.IsNetFramework ? "does not lead to a trusted root" : "does not name this host", certificate.SystemTrustProblem);
            Assert.Contains("self-signed or unknown issuer", certificate.SystemTrustProblem);

            var added = FtpRemoteFolderTests.ReadShared(FtpTestServer.TlsLog).Substring(logBefore.Length);
            Assert.Contains("AUTH TLS", added);
            Assert.DoesNotContain("USER", added);
            Assert.DoesNotContain("reader", added);
        }

        [FtpFact]
        public void A_plain_FTP_server_that_does_not_offer_AUTH_TLS_is_a_negotiation_error_naming_host_and_port()
        {
            var destination = DeliveryDestination.Parse($"ftps://{FtpTestServer.Host}:{FtpTestServer.Port}/");

            var error = Assert.Throws<DeliveryException>(() => FtpsCertificateReader.Read(destination, TimeSpan.FromSeconds(10)));

            Assert.Equal(DeliveryFailureKind.Negotiation, error.Kind);
            Assert.Contains("does not offer explicit TLS (AUTH TLS)", error.Message);
            Assert.Contains($"host {FtpTestServer.Host}, port {FtpTestServer.Port}", error.Message);
        }

        [Fact]
        public void Normalizes_the_fingerprint_spellings_users_paste()
        {
            var hex = string.Concat(Enumerable.Range(0, 32).Select(i => i.ToString("X2")));
            var expected = Regex.Replace(hex, "(..)(?!$)", "$1:");

            Assert.Equal(expected, FtpsCertificateReader.NormalizeFingerprint(hex.ToLowerInvariant()));
            Assert.Equal(expected, FtpsCertificateReader.NormalizeFingerprint("sha256 Fingerprint=" + expected));
            Assert.Equal(expected, FtpsCertificateReader.NormalizeFingerprint(" " + expected.Replace(':', ' ') + " "));
            Assert.Throws<FormatException>(() => FtpsCertificateReader.NormalizeFingerprint("AB:CD"));
        }

        [Fact]
        public void Refuses_a_destination_that_is_not_ftps()
        {
            Assert.Throws<ArgumentException>(() => FtpsCertificateReader.Read(DeliveryDestination.Parse("ftp://example.com/in"), TimeSpan.FromSeconds(1)));
        }
    }
}
