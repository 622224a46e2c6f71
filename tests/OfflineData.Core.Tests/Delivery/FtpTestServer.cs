using System;
using System.Globalization;
using System.IO;
using System.Net;
using OfflineData.Core.Delivery;

namespace OfflineData.Core.Tests.Delivery
{
    /// <summary>
    /// The vsftpd servers the FTP and FTPS tests use, described by the <c>OFFLINEDATA_TEST_FTP_*</c> variables that
    /// .ci/ftp.sh exports (host, plain and TLS port, user, password, remote folders, the chroot on the local disk, the
    /// certificate's fingerprint, the protocol logs). Without them the tests are skipped with the reason, except in CI
    /// (<c>CI=true</c>), where they fail: a server test that cannot reach its server never passes.
    /// </summary>
    public static class FtpTestServer
    {
        public const string HostVariable = "OFFLINEDATA_TEST_FTP_HOST";

        public static string? SkipReason =>
            Get(HostVariable) == null && !SftpTestServer.InCi
                ? $"No FTP server for the tests: source .ci/ftp.sh and run start_test_ftp (it exports {HostVariable} and the other OFFLINEDATA_TEST_FTP_* variables); in CI (CI=true) these tests fail instead."
                : null;

        public static string Host => Require(HostVariable);

        public static int Port => int.Parse(Require("OFFLINEDATA_TEST_FTP_PORT"), CultureInfo.InvariantCulture);

        /// <summary>The explicit-TLS server (AUTH TLS required before login, data encrypted).</summary>
        public static int TlsPort => int.Parse(Require("OFFLINEDATA_TEST_FTP_TLS_PORT"), CultureInfo.InvariantCulture);

        public static string User => Require("OFFLINEDATA_TEST_FTP_USER");

        public static string Password => Require("OFFLINEDATA_TEST_FTP_PASSWORD");

        /// <summary>The TLS server's certificate, as <c>openssl x509 -fingerprint -sha256</c> prints it.</summary>
        public static string CertificateFingerprint => Require("OFFLINEDATA_TEST_FTP_CERT_FINGERPRINT");

        /// <summary>The TLS server's protocol log (every command it received, the password masked by vsftpd).</summary>
        public static string TlsLog => Require("OFFLINEDATA_TEST_FTP_LOG");

        public static string Directory => Require("OFFLINEDATA_TEST_FTP_DIR");

        /// <summary>A remote folder on a 2 MB file system.</summary>
        public static string SmallDirectory => Require("OFFLINEDATA_TEST_FTP_SMALL_DIR");

        /// <summary>The chroot on the local disk.</summary>
        public static string Root => Require("OFFLINEDATA_TEST_FTP_ROOT");

        public static string LocalSmallDirectory => Path.Combine(Root, SmallDirectory.TrimStart('/'));

        /// <summary>A destination (ftp or ftps) in a fresh sub-folder of the upload folder, made on the local disk and writable by the FTP user.</summary>
        public static DeliveryDestination FreshDestination(string scheme, out string localFolder)
        {
            var name = "t" + Guid.NewGuid().ToString("N");
            localFolder = Path.Combine(Root, Directory.TrimStart('/'), name);
            System.IO.Directory.CreateDirectory(localFolder);
            OpenUp(localFolder);
            return DeliveryDestination.Parse($"{scheme}://{Host}:{(scheme == "ftps" ? TlsPort : Port)}{Directory.TrimEnd('/')}/{name}");
        }

        /// <summary>Lets the FTP user write in a folder the tests (root) made: test data only.</summary>
        public static void OpenUp(string folder)
        {
#if NET7_0_OR_GREATER
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, (UnixFileMode)0x1FF);
#else
            System.Diagnostics.Process.Start("chmod", "777 \"" + folder + "\"")!.WaitForExit();
#endif
        }

        /// <summary>Password login; for ftps the test certificate pinned.</summary>
        public static DeliveryConnectOptions Login(string scheme)
        {
            var options = new DeliveryConnectOptions { Credential = new NetworkCredential(User, Password), Timeout = TimeSpan.FromSeconds(10) };
            if (scheme == "ftps") options.TrustedCertificateFingerprints.Add(CertificateFingerprint);
            return options;
        }

        private static string? Get(string name) => Environment.GetEnvironmentVariable(name) is string value && value.Trim().Length > 0 ? value : null;

        private static string Require(string name) =>
            Get(name) ?? throw new InvalidOperationException($"The FTP server for the tests is missing: {name} is not set, and CI (CI=true) requires the FTP tests to run. Source .ci/ftp.sh and run start_test_ftp.");
    }
}
