using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using OfflineData.Core.Delivery;
using Xunit;

namespace OfflineData.Core.Tests.Delivery
{
    /// <summary>The SFTP remote folder and the safe handover against a real OpenSSH server (chrooted sftp-only user).</summary>
    public sealed class SftpRemoteFolderTests
    {
        [SftpFact]
        public void Host_key_fingerprint_is_the_one_ssh_keygen_prints()
        {
            var key = SftpHostKeyReader.Read(DeliveryDestination.Parse($"sftp://{SftpTestServer.Host}:{SftpTestServer.Port}/"), TimeSpan.FromSeconds(10));

            Assert.Equal(SftpTestServer.Fingerprint, key.Fingerprint);
            Assert.Equal("ssh-ed25519", key.KeyType);
            Assert.Equal(256, key.KeyLength);
            // known_hosts written by .ci/sftp.sh from the host key's .pub file: the same line
            Assert.Equal(File.ReadAllText(SftpTestServer.KnownHosts).Trim(), key.KnownHostsLine);
        }

        [SftpFact]
        public void Reading_the_host_key_logs_no_one_in()
        {
            var before = LoginAttempts();

            SftpHostKeyReader.Read(DeliveryDestination.Parse($"sftp://{SftpTestServer.Host}:{SftpTestServer.Port}/"), TimeSpan.FromSeconds(10));

            Assert.Equal(before, LoginAttempts());
        }

        [SftpFact]
        public void A_wrong_pinned_key_is_refused_before_any_credential_is_sent()
        {
            var destination = SftpTestServer.FreshDestination(out _);
            var wrong = "SHA256:" + Convert.ToBase64String(new byte[32]).TrimEnd('=');
            var options = new DeliveryConnectOptions(HostKeyPolicy.Pinned(new[] { wrong })) { Credential = new NetworkCredential(SftpTestServer.User, "not-the-password-xyz") };
            var before = LoginAttempts();

            var error = Assert.Throws<DeliveryException>(() => SftpRemoteFolder.Connect(destination, options).Dispose());

            Assert.Equal(DeliveryFailureKind.HostKeyMismatch, error.Kind);
            Assert.Equal(SftpTestServer.Fingerprint, error.PresentedFingerprint);
            Assert.Contains(SftpTestServer.Fingerprint, error.Message);
            Assert.Contains(wrong, error.Message);
            Assert.DoesNotContain("not-the-password-xyz", error.Message);
            // the wrong password would have been logged as a failed login had it been sent
            Assert.Equal(before, LoginAttempts());
        }

        [SftpFact]
        public void One_of_several_pinned_keys_is_enough()
        {
            var destination = SftpTestServer.FreshDestination(out _);
            var other = "SHA256:" + Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray()).TrimEnd('=');

            using var folder = SftpRemoteFolder.Connect(destination, SftpTestServer.PasswordLogin(HostKeyPolicy.Pinned(new[] { other, SftpTestServer.Fingerprint })));

            Assert.False(folder.Exists("nothing.txt"));
        }

        [SftpFact]
        public void Known_hosts_entry_for_host_and_port_is_accepted()
        {
            var destination = SftpTestServer.FreshDestination(out _);

            using var folder = SftpRemoteFolder.Connect(destination, SftpTestServer.PasswordLogin(HostKeyPolicy.KnownHosts(SftpTestServer.KnownHosts)));

            Assert.False(folder.Exists("nothing.txt"));
        }

        [SftpFact]
        public void Hashed_known_hosts_entry_made_by_ssh_keygen_is_accepted()
        {
            var destination = SftpTestServer.FreshDestination(out _);
            var file = Path.GetTempFileName();
            try
            {
                File.Copy(SftpTestServer.KnownHosts, file, true);
                Run("ssh-keygen", $"-H -f \"{file}\"");
                Assert.StartsWith("|1|", File.ReadAllText(file));

                using var folder = SftpRemoteFolder.Connect(destination, SftpTestServer.PasswordLogin(HostKeyPolicy.KnownHosts(file)));

                Assert.False(folder.Exists("nothing.txt"));
            }
            finally
            {
                File.Delete(file);
                File.Delete(file + ".old");
            }
        }

        [SftpFact]
        public void Known_hosts_with_another_key_for_the_host_is_refused()
        {
            var destination = SftpTestServer.FreshDestination(out _);
            var folder = Path.Combine(Path.GetTempPath(), "od-kh-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                Run("ssh-keygen", $"-q -t ed25519 -N \"\" -f \"{Path.Combine(folder, "other")}\"");
                var other = File.ReadAllText(Path.Combine(folder, "other.pub")).Split(' ');
                var knownHosts = Path.Combine(folder, "known_hosts");
                File.WriteAllText(knownHosts, $"[{SftpTestServer.Host}]:{SftpTestServer.Port} {other[0]} {other[1]}\n");
                var before = LoginAttempts();

                var error = Assert.Throws<DeliveryException>(() => SftpRemoteFolder.Connect(destination, SftpTestServer.PasswordLogin(HostKeyPolicy.KnownHosts(knownHosts))).Dispose());

                Assert.Equal(DeliveryFailureKind.HostKeyMismatch, error.Kind);
                Assert.Contains(SftpTestServer.Fingerprint, error.Message);
                Assert.Equal(before, LoginAttempts());

                // an entry for the host on port 22 is another host: unknown, also refused
                File.WriteAllText(knownHosts, File.ReadAllText(SftpTestServer.KnownHosts).Replace($"[{SftpTestServer.Host}]:{SftpTestServer.Port}", SftpTestServer.Host));
                error = Assert.Throws<DeliveryException>(() => SftpRemoteFolder.Connect(destination, SftpTestServer.PasswordLogin(HostKeyPolicy.KnownHosts(knownHosts))).Dispose());
                Assert.Equal(DeliveryFailureKind.HostKeyMismatch, error.Kind);
                Assert.Contains("has no entry", error.Message);
            }
            finally
            {
                Directory.Delete(folder, true);
            }
        }

        [SftpFact]
        public void A_bad_password_is_an_authentication_error_naming_host_port_and_user_but_not_the_password()
        {
            var destination = SftpTestServer.FreshDestination(out _);
            var options = SftpTestServer.PasswordLogin();
            options.Credential = new NetworkCredential(SftpTestServer.User, "Wr0ng-Secret-42");

            var error = Assert.Throws<DeliveryException>(() => SftpRemoteFolder.Connect(destination, options).Dispose());

            Assert.Equal(DeliveryFailureKind.Authentication, error.Kind);
            Assert.Contains(SftpTestServer.Host, error.Message);
            Assert.Contains(SftpTestServer.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
            Assert.Contains(SftpTestServer.User, error.Message);
            Assert.DoesNotContain("Wr0ng-Secret-42", error.ToString());
        }

        [SftpFact]
        public void Key_login_works_with_a_plain_key_and_with_a_passphrase_protected_key()
        {
            var destination = SftpTestServer.FreshDestination(out var local);
            var pinned = HostKeyPolicy.Pinned(new[] { SftpTestServer.Fingerprint });

            using (var folder = SftpRemoteFolder.Connect(destination, new DeliveryConnectOptions(pinned) { Credential = new NetworkCredential(SftpTestServer.User, string.Empty), KeyFilePath = SftpTestServer.KeyFile }))
            {
                RemoteHandover.Send(folder, new MemoryStream(System.Text.Encoding.UTF8.GetBytes("plain key")), "a.txt", false);
            }

            using (var folder = SftpRemoteFolder.Connect(destination, new DeliveryConnectOptions(pinned) { Credential = new NetworkCredential(SftpTestServer.User, SftpTestServer.KeyPassphrase), KeyFilePath = SftpTestServer.EncryptedKeyFile }))
            {
                RemoteHandover.Send(folder, new MemoryStream(System.Text.Encoding.UTF8.GetBytes("encrypted key")), "b.txt", false);
            }

            Assert.Equal("plain key", File.ReadAllText(Path.Combine(local, "a.txt")));
            Assert.Equal("encrypted key", File.ReadAllText(Path.Combine(local, "b.txt")));

            var wrong = Assert.Throws<DeliveryException>(() => SftpRemoteFolder.Connect(destination, new DeliveryConnectOptions(pinned) { Credential = new NetworkCredential(SftpTestServer.User, "not-it"), KeyFilePath = SftpTestServer.EncryptedKeyFile }).Dispose());
            Assert.Equal(DeliveryFailureKind.Authentication, wrong.Kind);
            Assert.DoesNotContain("not-it", wrong.Message);
        }

        [SftpFact]
        public void Upload_shows_only_the_temporary_name_until_the_rename_then_only_the_final_name_with_the_full_size()
        {
            var destination = SftpTestServer.FreshDestination(out var local);
            var data = new byte[3 * 1024 * 1024 + 17];
            new Random(10).NextBytes(data);
            var reads = 0;
            var finalSeenDuringUpload = false;
            var partMissingDuringUpload = false;

            // Watched from the reads of the content, not from the progress callback: SSH.NET runs that callback on the
            // thread pool, so on a fast machine it can run after the rename. The remote file is opened before the
            // first read, so every read happens while the upload is under way.
            var content = new ObservedStream(data, () =>
            {
                reads++;
                finalSeenDuringUpload |= File.Exists(Path.Combine(local, "offline.txt"));
                partMissingDuringUpload |= !File.Exists(Path.Combine(local, "offline.txt.part"));
            });
            using (var folder = SftpRemoteFolder.Connect(destination, SftpTestServer.PasswordLogin()))
            {
                var sent = RemoteHandover.Send(folder, content, "offline.txt", false);
                Assert.Equal(data.Length, sent);
                Assert.Equal(data.Length, folder.Size("offline.txt"));
            }

            Assert.True(reads > 1, "the content was read in one piece; the test watched nothing");
            Assert.False(partMissingDuringUpload);
            Assert.False(finalSeenDuringUpload);
            Assert.Equal(data, File.ReadAllBytes(Path.Combine(local, "offline.txt")));
            Assert.Equal(new[] { "offline.txt" }, Directory.GetFiles(local).Select(Path.GetFileName).ToArray());
        }

        /// <summary>Content that calls back on every read, so a test can look at the server while the upload runs.</summary>
        private sealed class ObservedStream : MemoryStream
        {
            private readonly Action _onRead;

            public ObservedStream(byte[] data, Action onRead)
                : base(data, writable: false) => _onRead = onRead;

            public override int Read(byte[] buffer, int offset, int count)
            {
                _onRead();
                return base.Read(buffer, offset, count);
            }
        }

        [SftpFact]
        public void An_existing_remote_file_is_not_overwritten_unless_asked_and_a_stale_temporary_file_is_replaced()
        {
            var destination = SftpTestServer.FreshDestination(out var local);
            File.WriteAllText(Path.Combine(local, "day.txt"), "already delivered");

            using var folder = SftpRemoteFolder.Connect(destination, SftpTestServer.PasswordLogin());
            // what a run killed mid-upload leaves: a temporary file owned by the SFTP user, longer than the new content
            folder.Upload(new MemoryStream(System.Text.Encoding.UTF8.GetBytes("left by a killed run, longer than the new content")), "next.txt.part", null);
            var error = Assert.Throws<DeliveryException>(() => RemoteHandover.Send(folder, new MemoryStream(System.Text.Encoding.UTF8.GetBytes("new")), "day.txt", false));

            Assert.Equal(DeliveryFailureKind.RemoteExists, error.Kind);
            Assert.Equal("already delivered", File.ReadAllText(Path.Combine(local, "day.txt")));
            Assert.False(File.Exists(Path.Combine(local, "day.txt.part")));

            RemoteHandover.Send(folder, new MemoryStream(System.Text.Encoding.UTF8.GetBytes("new")), "day.txt", true);
            Assert.Equal("new", File.ReadAllText(Path.Combine(local, "day.txt")));

            RemoteHandover.Send(folder, new MemoryStream(System.Text.Encoding.UTF8.GetBytes("next")), "next.txt", false);
            Assert.Equal("next", File.ReadAllText(Path.Combine(local, "next.txt")));
            Assert.False(File.Exists(Path.Combine(local, "next.txt.part")));
        }

        [SftpFact]
        public void The_rename_refuses_a_final_name_that_appeared_during_the_upload()
        {
            var destination = SftpTestServer.FreshDestination(out var local);
            using var folder = SftpRemoteFolder.Connect(destination, SftpTestServer.PasswordLogin());
            folder.Upload(new MemoryStream(System.Text.Encoding.UTF8.GetBytes("mine")), "race.txt.part", null);
            File.WriteAllText(Path.Combine(local, "race.txt"), "someone else's");

            var error = Assert.Throws<DeliveryException>(() => folder.Rename("race.txt.part", "race.txt", false));

            Assert.Equal(DeliveryFailureKind.RemoteExists, error.Kind);
            Assert.Equal("someone else's", File.ReadAllText(Path.Combine(local, "race.txt")));
        }

        [SftpFact]
        public void A_missing_remote_folder_is_FolderNotFound()
        {
            var destination = DeliveryDestination.Parse($"sftp://{SftpTestServer.Host}:{SftpTestServer.Port}/upload/no-such-folder-{Guid.NewGuid():N}");

            var error = Assert.Throws<DeliveryException>(() => SftpRemoteFolder.Connect(destination, SftpTestServer.PasswordLogin()).Dispose());

            Assert.Equal(DeliveryFailureKind.FolderNotFound, error.Kind);
            Assert.Contains("does not exist", error.Message);
        }

        [SftpFact]
        public void A_port_without_a_server_is_unavailable_within_the_timeout()
        {
            var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var destination = DeliveryDestination.Parse($"sftp://127.0.0.1:{port}/upload");
            var watch = Stopwatch.StartNew();

            var error = Assert.Throws<DeliveryException>(() => SftpRemoteFolder.Connect(destination, SftpTestServer.PasswordLogin()).Dispose());

            Assert.Equal(DeliveryFailureKind.Unavailable, error.Kind);
            Assert.Contains($"port {port}", error.Message);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
        }

        [SftpFact]
        public void A_server_without_a_common_MAC_is_a_negotiation_error_naming_both_sides_offers()
        {
            var destination = DeliveryDestination.Parse($"sftp://{SftpTestServer.Host}:{SftpTestServer.UmacPort}/upload");

            var error = Assert.Throws<DeliveryException>(() => SftpRemoteFolder.Connect(destination, SftpTestServer.PasswordLogin()).Dispose());

            Assert.Equal(DeliveryFailureKind.Negotiation, error.Kind);
            Assert.Contains($"port {SftpTestServer.UmacPort}", error.Message);
            Assert.Contains("umac-128-etm@openssh.com", error.Message); // the server's offer
            Assert.Contains("hmac-sha2-256", error.Message); // ours
            Assert.DoesNotContain(SftpTestServer.Password, error.Message);
        }

        /// <summary>Login attempts sshd logged so far (accepted or failed, any method).</summary>
        private static int LoginAttempts() =>
            ReadShared(SftpTestServer.Log).Split('\n').Count(line => line.Contains("Failed ") || line.Contains("Accepted ") || line.Contains("Invalid user"));

        private static string ReadShared(string path)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd();
        }

        private static void Run(string file, string arguments)
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { UseShellExecute = false })!;
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
        }
    }
}
