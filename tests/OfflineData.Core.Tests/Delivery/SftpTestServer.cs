using System;
using System.IO;
using System.Net;
using OfflineData.Core.Delivery;

namespace OfflineData.Core.Tests.Delivery
{
    /// <summary>
    /// The OpenSSH server the SFTP tests use, described by the <c>OFFLINEDATA_TEST_SFTP_*</c> variables that
    /// .ci/sftp.sh exports (host, port, user, password, key files, host fingerprint, known_hosts, remote folder, and the
    /// chroot on the local disk). Without them the tests are skipped with the reason, except in CI (<c>CI=true</c>),
    /// where they fail: a server test that cannot reach its server never passes.
    /// </summary>
    public static class SftpTestServer
    {
        public const string HostVariable = "OFFLINEDATA_TEST_SFTP_HOST";

        public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

        public static string? SkipReason =>
            Get(HostVariable) == null && !InCi
                ? $"No SFTP server for the tests: source .ci/sftp.sh and run start_test_sftp (it exports {HostVariable} and the other OFFLINEDATA_TEST_SFTP_* variables); in CI (CI=true) these tests fail instead."
                : null;

        public static string Host => Require(HostVariable);

        public static int Port => int.Parse(Require("OFFLINEDATA_TEST_SFTP_PORT"), System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>A second sshd with the same key and user that offers only a MAC SSH.NET lacks (umac-128-etm).</summary>
        public static int UmacPort => int.Parse(Require("OFFLINEDATA_TEST_SFTP_UMAC_PORT"), System.Globalization.CultureInfo.InvariantCulture);

        public static string User => Require("OFFLINEDATA_TEST_SFTP_USER");

        public static string Password => Require("OFFLINEDATA_TEST_SFTP_PASSWORD");

        public static string KeyFile => Require("OFFLINEDATA_TEST_SFTP_KEY");

        public static string EncryptedKeyFile => Require("OFFLINEDATA_TEST_SFTP_KEY_ENCRYPTED");

        public static string KeyPassphrase => Require("OFFLINEDATA_TEST_SFTP_KEY_PASSPHRASE");

        public static string Fingerprint => Require("OFFLINEDATA_TEST_SFTP_FINGERPRINT");

        public static string KnownHosts => Require("OFFLINEDATA_TEST_SFTP_KNOWN_HOSTS");

        public static string Directory => Require("OFFLINEDATA_TEST_SFTP_DIR");

        /// <summary>sshd's log (LogLevel INFO): shows whether a login was attempted.</summary>
        public static string Log => Require("OFFLINEDATA_TEST_SFTP_LOG");

        /// <summary>The server's remote folder on the local disk.</summary>
        public static string LocalDirectory => Path.Combine(Require("OFFLINEDATA_TEST_SFTP_ROOT"), Directory.TrimStart('/'));

        /// <summary>A destination in a fresh sub-folder of the upload folder, made on the local disk (owned by the SFTP user like upload/).</summary>
        public static DeliveryDestination FreshDestination(out string localFolder)
        {
            var name = "t" + Guid.NewGuid().ToString("N");
            localFolder = Path.Combine(LocalDirectory, name);
            System.IO.Directory.CreateDirectory(localFolder);
            // The tests run as root; the SFTP user must be able to write: open the folder up (test data only).
#if NET7_0_OR_GREATER
            System.IO.File.SetUnixFileMode(localFolder, (UnixFileMode)0x1FF);
#else
            System.Diagnostics.Process.Start("chmod", "777 \"" + localFolder + "\"")!.WaitForExit();
#endif
            return DeliveryDestination.Parse($"sftp://{Host}:{Port}{Directory.TrimEnd('/')}/{name}");
        }

        public static DeliveryConnectOptions PasswordLogin(HostKeyPolicy? policy = null) =>
            new DeliveryConnectOptions(policy ?? HostKeyPolicy.Pinned(new[] { Fingerprint })) { Credential = new NetworkCredential(User, Password), Timeout = TimeSpan.FromSeconds(10) };

        private static string? Get(string name) => Environment.GetEnvironmentVariable(name) is string value && value.Trim().Length > 0 ? value : null;

        private static string Require(string name) =>
            Get(name) ?? throw new InvalidOperationException($"The SFTP server for the tests is missing: {name} is not set, and CI (CI=true) requires the SFTP tests to run. Source .ci/sftp.sh and run start_test_sftp.");
    }
}
