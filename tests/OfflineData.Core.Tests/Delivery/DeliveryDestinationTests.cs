using System;
using OfflineData.Core.Delivery;
using Xunit;

namespace OfflineData.Core.Tests.Delivery
{
    public sealed class DeliveryDestinationTests
    {
        [Fact]
        public void Parses_host_port_user_and_folder()
        {
            var destination = DeliveryDestination.Parse("SFTP://upload@Example.com:2222/in/offline/");

            Assert.Equal("sftp", destination.Scheme);
            Assert.Equal("example.com", destination.Host);
            Assert.Equal(2222, destination.Port);
            Assert.Equal("upload", destination.UserName);
            Assert.Equal("/in/offline", destination.Directory);
            Assert.Equal("/in/offline/a.txt", destination.PathOf("a.txt"));
            Assert.Equal("sftp://upload@example.com:2222/in/offline", destination.DisplayName);
        }

        [Fact]
        public void Defaults_to_port_22_and_the_root_folder()
        {
            var destination = DeliveryDestination.Parse("sftp://host");

            Assert.Equal(22, destination.Port);
            Assert.Null(destination.UserName);
            Assert.Equal("/", destination.Directory);
            Assert.Equal("/a.txt", destination.PathOf("a.txt"));
            Assert.Equal("sftp://bob@host/", destination.DisplayNameFor("bob"));
        }

        [Fact]
        public void IPv6_hosts_keep_their_brackets_in_the_display_name_only()
        {
            var destination = DeliveryDestination.Parse("sftp://[::1]:2222/in");

            Assert.Equal("::1", destination.Host);
            Assert.Equal("sftp://[::1]:2222/in", destination.DisplayName);
        }

        [Fact]
        public void A_password_in_the_uri_is_refused_without_echoing_it()
        {
            Assert.False(DeliveryDestination.TryParse("sftp://user:Secr3t@host/in", out var destination, out var error));

            Assert.Null(destination);
            Assert.Contains("password", error);
            Assert.DoesNotContain("Secr3t", error);
        }

        [Theory]
        [InlineData("sftp://user:Secr3t@host/in", "sftp://user:***@host/in")]
        [InlineData("sftp://:Secr3t@host", "sftp://:***@host")]
        [InlineData("sftp://user@host:22/a:b@c", "sftp://user@host:22/a:b@c")]
        [InlineData("sftp://host/in", "sftp://host/in")]
        public void Redact_hides_a_password_only(string uri, string expected)
        {
            Assert.Equal(expected, DeliveryDestination.Redact(uri));
        }

        [Theory]
        [InlineData("http://host/in", "'http' is not supported")]
        [InlineData("", "empty")]
        [InlineData("sftp://host/in?x=1", "query")]
        [InlineData("ftp://host/in#x", "query or fragment")]
        [InlineData("ftp:///in", "not a valid URI")]
        [InlineData("ftp://", "not a valid URI")]
        [InlineData("file://localhost?x", "query")]
        public void Other_forms_are_refused_with_the_reason_and_the_supported_forms(string uri, string reason)
        {
            var error = Assert.Throws<FormatException>(() => DeliveryDestination.Parse(uri));

            Assert.Contains(reason, error.Message);
            if (!reason.Contains("query")) Assert.Contains("sftp://[user@]host[:port]/folder, ftp://[user@]host[:port]/folder, ftps://[user@]host[:port]/folder (explicit TLS), or an absolute local or UNC folder (/mnt/drop, C:\\drop, \\\\server\\share\\in, file:///mnt/drop)", error.Message);
        }

        [Theory]
        [InlineData("ftp://upload@Example.com/in/", "ftp", 21, "upload", "/in", "ftp://upload@example.com/in")]
        [InlineData("FTP://host:2121", "ftp", 2121, null, "/", "ftp://host:2121/")]
        [InlineData("ftp://host:21/in", "ftp", 21, null, "/in", "ftp://host/in")]
        [InlineData("ftps://host/in", "ftps", 21, null, "/in", "ftps://host/in")]
        [InlineData("ftps://u%40corp@host:990/in%20box", "ftps", 990, "u@corp", "/in box", "ftps://u%40corp@host:990/in box")]
        [InlineData("ftp://[::1]:2121/in", "ftp", 2121, null, "/in", "ftp://[::1]:2121/in")]
        public void FTP_and_explicit_TLS_FTP_default_to_port_21(string uri, string scheme, int port, string? user, string directory, string display)
        {
            var destination = DeliveryDestination.Parse(uri);

            Assert.Equal(scheme, destination.Scheme);
            Assert.False(destination.IsFolder);
            Assert.Equal(port, destination.Port);
            Assert.Equal(user, destination.UserName);
            Assert.Equal(directory, destination.Directory);
            Assert.Equal(display, destination.DisplayName);
        }

        [Theory]
        [InlineData("ftp://user:Secr3t@host/in")]
        [InlineData("ftps://user:Secr3t@host/in")]
        [InlineData("ftps://:Secr3t@host")]
        [InlineData("file://user:Secr3t@server/share/in")]
        public void A_password_in_any_uri_is_refused_without_echoing_it(string uri)
        {
            Assert.False(DeliveryDestination.TryParse(uri, out var destination, out var error));

            Assert.Null(destination);
            Assert.Contains("password", error);
            Assert.DoesNotContain("Secr3t", error);
        }

        [Theory]
        [InlineData("/mnt/drop", "/mnt/drop", "/mnt/drop/a.txt")]
        [InlineData("/mnt/drop/", "/mnt/drop", "/mnt/drop/a.txt")]
        [InlineData("/", "/", "/a.txt")]
        [InlineData(@"C:\drop\", @"C:\drop", @"C:\drop\a.txt")]
        [InlineData(@"C:\", @"C:\", @"C:\a.txt")]
        [InlineData("c:/drop", "c:/drop", "c:/drop/a.txt")]
        [InlineData(@"\\server\share\in", @"\\server\share\in", @"\\server\share\in\a.txt")]
        [InlineData("file:///mnt/drop", "/mnt/drop", "/mnt/drop/a.txt")]
        [InlineData("file:///mnt/in%20box/", "/mnt/in box", "/mnt/in box/a.txt")]
        [InlineData("file:///C:/drop", @"C:\drop", @"C:\drop\a.txt")]
        [InlineData("file://server/share/in", @"\\server\share\in", @"\\server\share\in\a.txt")]
        public void Absolute_local_and_UNC_folders_and_file_URIs_are_folder_destinations(string given, string directory, string path)
        {
            var destination = DeliveryDestination.Parse(given);

            Assert.Equal("file", destination.Scheme);
            Assert.True(destination.IsFolder);
            Assert.Equal(directory, destination.Directory);
            Assert.Equal(directory, destination.DisplayName);
            Assert.Equal(path, destination.PathOf("a.txt"));
            Assert.Null(destination.UserName);
        }

        [Theory]
        [InlineData("drop")]
        [InlineData("./drop")]
        [InlineData(@"..\drop")]
        [InlineData("~/drop")]
        public void A_relative_folder_is_refused_saying_the_path_must_be_absolute(string given)
        {
            var error = Assert.Throws<FormatException>(() => DeliveryDestination.Parse(given));

            Assert.Contains("relative path", error.Message);
            Assert.Contains("absolute", error.Message);
        }
    }
}
