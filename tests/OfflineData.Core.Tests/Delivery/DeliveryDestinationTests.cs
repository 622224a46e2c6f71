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
        [InlineData("ftp://host/in", "not supported")]
        [InlineData("/local/folder", "not supported")]
        [InlineData("", "absolute URI")]
        [InlineData("sftp://host/in?x=1", "query")]
        public void Other_forms_are_refused_with_the_reason(string uri, string reason)
        {
            var error = Assert.Throws<FormatException>(() => DeliveryDestination.Parse(uri));

            Assert.Contains(reason, error.Message);
        }
    }
}
