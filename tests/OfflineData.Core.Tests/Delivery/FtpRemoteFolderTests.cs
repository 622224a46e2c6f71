using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using OfflineData.Core.Delivery;
using Xunit;

namespace OfflineData.Core.Tests.Delivery
{
    /// <summary>FTP and FTPS (explicit TLS) against the real vsftpd servers of .ci/ftp.sh.</summary>
    public sealed class FtpRemoteFolderTests
    {
        [FtpFact]
        public void Upload_over_FTP_shows_only_the_temporary_name_until_the_rename() => Upload_shows_only_the_temporary_name_until_the_rename_then_only_the_final_name_with_the_full_size("ftp");

        [FtpsTransferFact]
        [Trait(NetCoreOnly.Trait, NetCoreOnly.Value)]
        public void Upload_over_FTPS_shows_only_the_temporary_name_until_the_rename() => Upload_shows_only_the_temporary_name_until_the_rename_then_only_the_final_name_with_the_full_size("ftps");

        private static void Upload_shows_only_the_temporary_name_until_the_rename_then_only_the_final_name_with_the_full_size(string scheme)
        {
            var destination = FtpTestServer.FreshDestination(scheme, out var local);
            var data = new byte[3 * 1024 * 1024 + 17];
            new Random(10).NextBytes(data);
            var finalSeenDuringUpload = false;
            var partSeenDuringUpload = false;
            var progressCalls = 0;
            long lastProgress = 0;

            using (var folder = RemoteFolders.Connect(destination, FtpTestServer.Login(scheme)))
            {
                Assert.IsType<FtpRemoteFolder>(folder);
                var sent = RemoteHandover.Send(folder, new MemoryStream(data), "offline.txt", false, progress: bytes =>
                {
                    progressCalls++;
                    lastProgress = bytes;
                    finalSeenDuringUpload |= File.Exists(Path.Combine(local, "offline.txt"));
                    partSeenDuringUpload |= File.Exists(Path.Combine(local, "offline.txt.part"));
                });
                Assert.Equal(data.Length, sent);
                Assert.Equal(data.Length, folder.Size("offline.txt"));
            }

            Assert.True(partSeenDuringUpload);
            Assert.False(finalSeenDuringUpload);
            Assert.True(progressCalls > 1, progressCalls.ToString());
            Assert.Equal(data.Length, lastProgress);
            Assert.Equal(data, File.ReadAllBytes(Path.Combine(local, "offline.txt")));
            Assert.Equal(new[] { "offline.txt" }, Directory.GetFiles(local).Select(Path.GetFileName).ToArray());
        }

        [FtpFact]
        public void FTP_does_not_overwrite_unless_asked_and_replaces_a_stale_temporary_file() => An_existing_remote_file_is_not_overwritten_unless_asked_and_a_stale_temporary_file_is_replaced("ftp");

        [FtpsTransferFact]
        [Trait(NetCoreOnly.Trait, NetCoreOnly.Value)]
        public void FTPS_does_not_overwrite_unless_asked_and_replaces_a_stale_temporary_file() => An_existing_remote_file_is_not_overwritten_unless_asked_and_a_stale_temporary_file_is_replaced("ftps");

        private static void An_existing_remote_file_is_not_overwritten_unless_asked_and_a_stale_temporary_file_is_replaced(string scheme)
        {
            var destination = FtpTestServer.FreshDestination(scheme, out var local);
            File.WriteAllText(Path.Combine(local, "day.txt"), "already delivered");

            using var folder = RemoteFolders.Connect(destination, FtpTestServer.Login(scheme));
            // what a run killed mid-upload leaves: a temporary file owned by the FTP user, longer than the new content
            folder.Upload(new MemoryStream(System.Text.Encoding.UTF8.GetBytes("left by a killed run, longer than the new content")), "next.txt.part", null);
            var error = Assert.Throws<DeliveryException>(() => RemoteHandover.Send(folder, new MemoryStream(System.Text.Encoding.UTF8.GetBytes("new")), "day.txt", false));

            Assert.Equal(DeliveryFailureKind.RemoteExists, error.Kind);
            Assert.Contains("day.txt", error.Message);
            Assert.Equal("already delivered", File.ReadAllText(Path.Combine(local, "day.txt")));
            Assert.False(File.Exists(Path.Combine(local, "day.txt.part")));

            RemoteHandover.Send(folder, new MemoryStream(System.Text.Encoding.UTF8.GetBytes("new")), "day.txt", true);
            Assert.Equal("new", File.ReadAllText(Path.Combine(local, "day.txt")));

            RemoteHandover.Send(folder, new MemoryStream(System.Text.Encoding.UTF8.GetBytes("next")), "next.txt", false);
            Assert.Equal("next", File.ReadAllText(Path.Combine(local, "next.txt")));
            Assert.False(File.Exists(Path.Combine(local, "next.txt.part")));
        }

        [FtpFact]
        public void FTP_rename_refuses_a_final_name_that_appeared_during_the_upload() => The_rename_refuses_a_final_name_that_appeared_during_the_upload("ftp");

        [FtpsTransferFact]
        [Trait(NetCoreOnly.Trait, NetCoreOnly.Value)]
        public void FTPS_rename_refuses_a_final_name_that_appeared_during_the_upload() => The_rename_refuses_a_final_name_that_appeared_during_the_upload("ftps");

        private static void The_rename_refuses_a_final_name_that_appeared_during_the_upload(string scheme)
        {
            var destination = FtpTestServer.FreshDestination(scheme, out var local);
            using var folder = RemoteFolders.Connect(destination, FtpTestServer.Login(scheme));
            folder.Upload(new MemoryStream(System.Text.Encoding.UTF8.GetBytes("mine")), "race.txt.part", null);
            File.WriteAllText(Path.Combine(local, "race.txt"), "someone else's");

            var error = Assert.Throws<DeliveryException>(() => folder.Rename("race.txt.part", "race.txt", false));

            Assert.Equal(DeliveryFailureKind.RemoteExists, error.Kind);
            Assert.Equal("someone else's", File.ReadAllText(Path.Combine(local, "race.txt")));
            Assert.Equal("mine", File.ReadAllText(Path.Combine(local, "race.txt.part")));
        }

        [FtpFact]
        public void FTP_List_Size_Exists_and_Delete_agree() => List_gives_the_files_only_by_name_with_sizes_and_Size_Exists_and_Delete_agree("ftp");

        [FtpsTransferFact]
        [Trait(NetCoreOnly.Trait, NetCoreOnly.Value)]
        public void FTPS_List_Size_Exists_and_Delete_agree() => List_gives_the_files_only_by_name_with_sizes_and_Size_Exists_and_Delete_agree("ftps");

        private static void List_gives_the_files_only_by_name_with_sizes_and_Size_Exists_and_Delete_agree(string scheme)
        {
            var destination = FtpTestServer.FreshDestination(scheme, out var local);
            File.WriteAllText(Path.Combine(local, "b.txt"), "bb");
            File.WriteAllText(Path.Combine(local, "a b.txt"), "a with a space");
            File.WriteAllText(Path.Combine(local, "C.fin"), string.Empty);
            Directory.CreateDirectory(Path.Combine(local, "files_with_errors"));

            using var folder = RemoteFolders.Connect(destination, FtpTestServer.Login(scheme));
            var files = folder.List();

            Assert.Equal(new[] { "C.fin", "a b.txt", "b.txt" }, files.Select(f => f.Name).ToArray());
            Assert.Equal(new long[] { 0, 14, 2 }, files.Select(f => f.Size).ToArray());
            Assert.Equal(2, folder.Size("b.txt"));
            Assert.Null(folder.Size("missing.txt"));
            Assert.Null(folder.Size("files_with_errors"));
            Assert.True(folder.Exists("a b.txt"));
            Assert.False(folder.Exists("missing.txt"));

            folder.Delete("b.txt");
            folder.Delete("missing.txt");
            Assert.False(File.Exists(Path.Combine(local, "b.txt")));
            Assert.Equal(new[] { "C.fin", "a b.txt" }, folder.List().Select(f => f.Name).ToArray());
        }

        [FtpFact]
        public void A_wrong_pinned_certificate_is_refused_before_the_user_name_is_sent()
        {
            var destination = FtpTestServer.FreshDestination("ftps", out _);
            // A user name made for this test: vsftpd's protocol log shows every USER command it received.
            var user = "nobody" + Guid.NewGuid().ToString("N").Substring(0, 12);
            var options = new DeliveryConnectOptions { Credential = new NetworkCredential(user, "Secr3t-never-sent"), Timeout = TimeSpan.FromSeconds(10) };
            options.TrustedCertificateFingerprints.Add(string.Join(":", Enumerable.Repeat("AB", 32)));

            var error = Assert.Throws<DeliveryException>(() => RemoteFolders.Connect(destination, options).Dispose());

            Assert.Equal(DeliveryFailureKind.HostKeyMismatch, error.Kind);
            Assert.Equal(FtpTestServer.CertificateFingerprint, error.PresentedFingerprint);
            Assert.Contains(FtpTestServer.CertificateFingerprint, error.Message);
            Assert.Contains($"port {FtpTestServer.TlsPort}", error.Message);
            Assert.Contains($"user {user}", error.Message);
            Assert.DoesNotContain("Secr3t", error.Message);
            var log = ReadShared(FtpTestServer.TlsLog);
            Assert.Contains("AUTH TLS", log);
            Assert.DoesNotContain(user, log);
        }

        [FtpFact]
        public void A_self_signed_certificate_needs_a_pin_or_an_explicit_accept_any()
        {
            var destination = FtpTestServer.FreshDestination("ftps", out var local);
            var chainOnly = new DeliveryConnectOptions { Credential = new NetworkCredential(FtpTestServer.User, FtpTestServer.Password), Timeout = TimeSpan.FromSeconds(10) };

            var error = Assert.Throws<DeliveryException>(() => RemoteFolders.Connect(destination, chainOnly).Dispose());
            Assert.Equal(DeliveryFailureKind.HostKeyMismatch, error.Kind);
            Assert.Contains("not trusted by this system", error.Message);

            // Control-connection operations only (SIZE, RNFR/RNTO): this test runs on Mono too, see FtpsTransferFact.
            File.WriteAllText(Path.Combine(local, "any.txt.part"), "any");
            var anyCertificate = new DeliveryConnectOptions { Credential = chainOnly.Credential, Timeout = chainOnly.Timeout, AcceptAnyCertificate = true };
            using (var folder = RemoteFolders.Connect(destination, anyCertificate))
            {
                folder.Rename("any.txt.part", "any.txt", false);
            }

            // One of several pins (load-balanced hosts), in another spelling (lowercase, no colons), is enough.
            var pinned = new DeliveryConnectOptions { Credential = chainOnly.Credential, Timeout = chainOnly.Timeout };
            pinned.TrustedCertificateFingerprints.Add(string.Join(":", Enumerable.Repeat("AB", 32)));
            pinned.TrustedCertificateFingerprints.Add(FtpTestServer.CertificateFingerprint.Replace(":", string.Empty).ToLowerInvariant());
            using (var folder = RemoteFolders.Connect(destination, pinned))
            {
                Assert.Equal(3, folder.Size("any.txt"));
            }

            Assert.Equal("any", File.ReadAllText(Path.Combine(local, "any.txt")));
        }

        [FtpTheory]
        [InlineData("ftp")]
        [InlineData("ftps")]
        public void A_bad_password_is_an_authentication_error_naming_host_port_and_user_but_not_the_password(string scheme)
        {
            var destination = FtpTestServer.FreshDestination(scheme, out _);
            var options = FtpTestServer.Login(scheme);
            options.Credential = new NetworkCredential(FtpTestServer.User, "Wr0ng-Passw0rd");

            var error = Assert.Throws<DeliveryException>(() => RemoteFolders.Connect(destination, options).Dispose());

            Assert.Equal(DeliveryFailureKind.Authentication, error.Kind);
            Assert.Contains("530", error.Message);
            Assert.Contains($"host {FtpTestServer.Host}", error.Message);
            Assert.Contains($"port {destination.Port}", error.Message);
            Assert.Contains($"user {FtpTestServer.User}", error.Message);
            Assert.DoesNotContain("Wr0ng", error.Message);
        }

        [FtpFact]
        public void An_FTPS_host_given_by_IP_address_against_a_server_requiring_session_reuse_is_told_to_name_the_host()
        {
            // vsftpd requires every data connection to resume the control connection's TLS session; on Linux neither .NET
            // (which resumes only for a named host) nor Mono (which never resumes) does so for 127.0.0.1.
            var name = "t" + Guid.NewGuid().ToString("N");
            var local = Path.Combine(FtpTestServer.Root, FtpTestServer.Directory.TrimStart('/'), name);
            Directory.CreateDirectory(local);
            FtpTestServer.OpenUp(local);
            var destination = DeliveryDestination.Parse($"ftps://127.0.0.1:{FtpTestServer.TlsPort}{FtpTestServer.Directory}/{name}");

            using var folder = RemoteFolders.Connect(destination, FtpTestServer.Login("ftps"));
            var error = Assert.Throws<DeliveryException>(() => folder.Upload(new MemoryStream(new byte[] { 1, 2, 3 }), "a.txt.part", null));

            Assert.Equal(DeliveryFailureKind.IO, error.Kind);
            Assert.Contains("522", error.Message);
            Assert.Contains("name the host by its DNS name rather than its IP address", error.Message);
            // vsftpd ends the session after a 522, so the empty temporary file cannot be deleted: the message says so.
            Assert.Contains("the partial 'a.txt.part' may be left", error.Message);
            Assert.False(File.Exists(Path.Combine(local, "a.txt")));
        }

        [FtpFact]
        public void Plain_FTP_to_a_server_that_requires_TLS_is_refused_at_login()
        {
            var destination = DeliveryDestination.Parse($"ftp://{FtpTestServer.Host}:{FtpTestServer.TlsPort}{FtpTestServer.Directory}");

            var error = Assert.Throws<DeliveryException>(() => RemoteFolders.Connect(destination, FtpTestServer.Login("ftp")).Dispose());

            Assert.Equal(DeliveryFailureKind.Authentication, error.Kind);
            Assert.Contains("encryption", error.Message);
        }

        [FtpTheory]
        [InlineData("ftp")]
        [InlineData("ftps")]
        public void A_missing_remote_folder_is_FolderNotFound(string scheme)
        {
            var port = scheme == "ftps" ? FtpTestServer.TlsPort : FtpTestServer.Port;
            var destination = DeliveryDestination.Parse($"{scheme}://{FtpTestServer.Host}:{port}{FtpTestServer.Directory}/no-such-folder-{Guid.NewGuid():N}");

            var error = Assert.Throws<DeliveryException>(() => RemoteFolders.Connect(destination, FtpTestServer.Login(scheme)).Dispose());

            Assert.Equal(DeliveryFailureKind.FolderNotFound, error.Kind);
            Assert.Contains("no-such-folder", error.Message);
            Assert.Contains("550", error.Message);
        }

        [Fact]
        public void A_port_without_a_server_is_unavailable_at_once_naming_host_and_port()
        {
            var port = FreePort();
            var destination = DeliveryDestination.Parse($"ftp://127.0.0.1:{port}/upload");
            var watch = Stopwatch.StartNew();

            var error = Assert.Throws<DeliveryException>(() => RemoteFolders.Connect(destination, new DeliveryConnectOptions { Credential = new NetworkCredential("u", "Secr3t"), Timeout = TimeSpan.FromSeconds(5) }).Dispose());

            Assert.Equal(DeliveryFailureKind.Unavailable, error.Kind);
            Assert.Contains("host 127.0.0.1", error.Message);
            Assert.Contains($"port {port}", error.Message);
            Assert.Contains("user u", error.Message);
            Assert.DoesNotContain("Secr3t", error.Message);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), watch.Elapsed.ToString());
        }

        [NetCoreOnlyTheory("Mono's blocking socket reads do not keep to the receive timeout in the busy net472 run (a 2 s timeout took 13 to 25 s there, about 2 s when run alone): the wait is Mono's, not the client's (as for PostgresLoginFailureTests)")]
        [Trait(NetCoreOnly.Trait, NetCoreOnly.Value)]
        [InlineData("ftp")]
        [InlineData("ftps")]
        public void A_server_that_accepts_but_never_answers_fails_within_the_timeout(string scheme)
        {
            // A TCP listener that never sends the FTP greeting (a hung server, a firewall that swallows traffic).
            var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                var destination = DeliveryDestination.Parse($"{scheme}://127.0.0.1:{port}/upload");
                var options = new DeliveryConnectOptions { Credential = new NetworkCredential("u", "p"), Timeout = TimeSpan.FromSeconds(2), AcceptAnyCertificate = true };
                var watch = Stopwatch.StartNew();

                var error = Assert.Throws<DeliveryException>(() => RemoteFolders.Connect(destination, options).Dispose());

                Assert.Equal(DeliveryFailureKind.Unavailable, error.Kind);
                Assert.Contains("within 2 s", error.Message);
                Assert.Contains($"port {port}", error.Message);
                Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.5) && watch.Elapsed < TimeSpan.FromSeconds(6), watch.Elapsed.ToString());
            }
            finally
            {
                listener.Stop();
            }
        }

        [Fact]
        public void An_FTP_destination_without_a_user_is_refused_before_connecting()
        {
            var error = Assert.Throws<DeliveryException>(() => RemoteFolders.Connect(DeliveryDestination.Parse($"ftp://127.0.0.1:{FreePort()}/in"), new DeliveryConnectOptions()).Dispose());

            Assert.Equal(DeliveryFailureKind.Authentication, error.Kind);
            Assert.Contains("No user", error.Message);
        }

        [Fact]
        public void A_password_with_a_line_break_is_refused_before_connecting_without_showing_it()
        {
            var options = new DeliveryConnectOptions { Credential = new NetworkCredential("u", "Secr3t\r\nDELE x"), Timeout = TimeSpan.FromSeconds(5) };
            var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                var error = Assert.Throws<DeliveryException>(() => RemoteFolders.Connect(DeliveryDestination.Parse($"ftp://127.0.0.1:{port}/in"), options).Dispose());

                Assert.Equal(DeliveryFailureKind.Authentication, error.Kind);
                Assert.Contains("line break", error.Message);
                Assert.DoesNotContain("Secr3t", error.Message);
                Assert.False(listener.Pending(), "nothing should have connected");
            }
            finally
            {
                listener.Stop();
            }
        }

        [Fact]
        public void A_malformed_pinned_certificate_fingerprint_is_refused_before_connecting()
        {
            var options = new DeliveryConnectOptions { Credential = new NetworkCredential("u", "p") };
            options.TrustedCertificateFingerprints.Add("AB:CD");

            var error = Assert.Throws<DeliveryException>(() => RemoteFolders.Connect(DeliveryDestination.Parse($"ftps://127.0.0.1:{FreePort()}/in"), options).Dispose());

            Assert.Equal(DeliveryFailureKind.HostKeyMismatch, error.Kind);
            Assert.Contains("'AB:CD' is not a SHA-256 fingerprint", error.Message);
        }

        [Theory]
        [InlineData("1c:b9:4e:71:74:27:9f:82:8b:e6:f8:37:78:3c:28:53:bf:88:62:34:4a:64:72:58:7c:cc:76:29:5e:a6:ad:31")]
        [InlineData("1CB94E7174279F828BE6F837783C2853BF8862344A6472587CCC76295EA6AD31")]
        [InlineData("SHA256:1C:B9:4E:71:74:27:9F:82:8B:E6:F8:37:78:3C:28:53:BF:88:62:34:4A:64:72:58:7C:CC:76:29:5E:A6:AD:31")]
        [InlineData("SHA256:HLlOcXQnn4KL5vg3eDwoU7+IYjRKZHJYfMx2KV6mrTE")]
        [InlineData("sha256 Fingerprint=1C:B9:4E:71:74:27:9F:82:8B:E6:F8:37:78:3C:28:53:BF:88:62:34:4A:64:72:58:7C:CC:76:29:5E:A6:AD:31")]
        public void Certificate_fingerprints_are_read_in_openssl_hex_or_base64_form(string given)
        {
            Assert.Equal("1C:B9:4E:71:74:27:9F:82:8B:E6:F8:37:78:3C:28:53:BF:88:62:34:4A:64:72:58:7C:CC:76:29:5E:A6:AD:31", FtpCertificateCheck.Normalize(given));
        }

        [Theory]
        [InlineData("-rw-------    1 999      995          1234 Nov 29 19:46 offline.txt", "offline.txt", 1234L)]
        [InlineData("-rw-r--r--    1 ftp      ftp             0 Jan 01  2025 a b.fin", "a b.fin", 0L)]
        [InlineData("drwxr-xr-x    2 ftp      ftp          4096 Nov 29 19:46 files_with_errors", null, 0L)]
        [InlineData("lrwxrwxrwx    1 ftp      ftp             5 Nov 29 19:46 link -> x", null, 0L)]
        [InlineData("11-29-26  07:46PM                 1234 offline.txt", "offline.txt", 1234L)]
        [InlineData("11-29-26  07:46PM       <DIR>          sub", null, 0L)]
        [InlineData("total 12", null, 0L)]
        public void LIST_lines_of_Unix_and_Windows_servers_give_files_only(string line, string? name, long size)
        {
            var file = FtpRemoteFolder.ParseList(line);

            Assert.Equal(name, file?.Name);
            if (name != null) Assert.Equal(size, file!.Size);
        }

        [Fact]
        public void MLSD_lines_give_files_with_size_and_UTC_time()
        {
            var file = FtpRemoteFolder.ParseMlsd("type=file;size=1234;modify=20261129194600.123;perm=r; offline data.txt");

            Assert.Equal("offline data.txt", file!.Name);
            Assert.Equal(1234, file.Size);
            Assert.Equal(new DateTimeOffset(2026, 11, 29, 19, 46, 0, TimeSpan.Zero), file.LastWriteTime);
            Assert.Null(FtpRemoteFolder.ParseMlsd("type=dir;modify=20261129194600; files_with_errors"));
            Assert.Null(FtpRemoteFolder.ParseMlsd("type=cdir; ."));
        }

        internal static string ReadShared(string path)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        private static int FreePort()
        {
            var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }
    }
}
