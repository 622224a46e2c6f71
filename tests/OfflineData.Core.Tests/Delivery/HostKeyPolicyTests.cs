using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using OfflineData.Core.Delivery;
using Xunit;

namespace OfflineData.Core.Tests.Delivery
{
    /// <summary>Host-key trust without a server: pinned fingerprints and known_hosts parsing (patterns, hashes, markers).</summary>
    public sealed class HostKeyPolicyTests : IDisposable
    {
        private static readonly byte[] KeyA = Enumerable.Range(0, 51).Select(i => (byte)i).ToArray();
        private static readonly byte[] KeyB = Enumerable.Range(100, 51).Select(i => (byte)i).ToArray();
        private readonly string _file = Path.GetTempFileName();

        public void Dispose() => File.Delete(_file);

        [Fact]
        public void Fingerprint_is_unpadded_base64_of_sha256_like_ssh_keygen()
        {
            using var sha = SHA256.Create();
            var expected = "SHA256:" + Convert.ToBase64String(sha.ComputeHash(KeyA)).TrimEnd('=');

            Assert.Equal(expected, SshHostKey.FingerprintOf(KeyA));
            Assert.Equal(50, expected.Length);
        }

        [Fact]
        public void Pinned_accepts_any_of_several_fingerprints_with_or_without_padding()
        {
            var policy = HostKeyPolicy.Pinned(new[] { SshHostKey.FingerprintOf(KeyB), SshHostKey.FingerprintOf(KeyA) + "=" });

            Assert.True(policy.IsTrusted(Key("h", 22, KeyA), out _));
            Assert.True(policy.IsTrusted(Key("h", 22, KeyB), out _));
        }

        [Fact]
        public void Pinned_refusal_names_the_presented_fingerprint()
        {
            var policy = HostKeyPolicy.Pinned(new[] { SshHostKey.FingerprintOf(KeyB) });

            Assert.False(policy.IsTrusted(Key("h", 22, KeyA), out var reason));
            Assert.Contains(SshHostKey.FingerprintOf(KeyA), reason);
        }

        [Theory]
        [InlineData("MD5:aa:bb")]
        [InlineData("SHA256:tooshort")]
        public void Malformed_fingerprints_are_refused(string fingerprint)
        {
            Assert.Throws<FormatException>(() => HostKeyPolicy.Pinned(new[] { fingerprint }));
        }

        [Fact]
        public void Known_hosts_matches_port_22_by_name_and_other_ports_by_bracketed_name()
        {
            File.WriteAllText(_file, $"# comment\nexample.com,10.0.0.1 ssh-ed25519 {B64(KeyA)} comment\n[example.com]:2222 ssh-ed25519 {B64(KeyB)}\n");
            var policy = HostKeyPolicy.KnownHosts(_file);

            Assert.True(policy.IsTrusted(Key("example.com", 22, KeyA), out _));
            Assert.True(policy.IsTrusted(Key("10.0.0.1", 22, KeyA), out _));
            Assert.True(policy.IsTrusted(Key("example.com", 2222, KeyB), out _));
            Assert.False(policy.IsTrusted(Key("example.com", 2222, KeyA), out var mismatch));
            Assert.Contains("not the key", mismatch);
            Assert.False(policy.IsTrusted(Key("other.com", 22, KeyA), out var unknown));
            Assert.Contains("has no entry", unknown);
        }

        [Fact]
        public void Known_hosts_hashed_names_wildcards_negation_and_revoked()
        {
            var salt = Enumerable.Range(1, 20).Select(i => (byte)i).ToArray();
            using var hmac = new HMACSHA1(salt);
            var hashed = $"|1|{B64(salt)}|{B64(hmac.ComputeHash(System.Text.Encoding.UTF8.GetBytes("[secret.example]:2222")))}";
            File.WriteAllText(_file, string.Join("\n",
                $"{hashed} ssh-ed25519 {B64(KeyA)}",
                $"*.farm.example,!bad.farm.example ssh-ed25519 {B64(KeyB)}",
                $"@revoked * ssh-ed25519 {B64(KeyA)}x"));
            File.AppendAllText(_file, $"\n@cert-authority *.farm.example ssh-ed25519 {B64(KeyA)}\n");
            var policy = HostKeyPolicy.KnownHosts(_file);

            Assert.True(policy.IsTrusted(Key("secret.example", 2222, KeyA), out _));
            Assert.False(policy.IsTrusted(Key("secret.example", 22, KeyA), out _));
            Assert.True(policy.IsTrusted(Key("web1.farm.example", 22, KeyB), out _));
            Assert.False(policy.IsTrusted(Key("bad.farm.example", 22, KeyB), out _));
            // the CA line is not a host key
            Assert.False(policy.IsTrusted(Key("web1.farm.example", 22, KeyA), out _));
        }

        [Fact]
        public void Known_hosts_revoked_key_is_refused_even_when_also_listed()
        {
            File.WriteAllText(_file, $"host ssh-ed25519 {B64(KeyA)}\n@revoked host ssh-ed25519 {B64(KeyA)}\n");

            Assert.False(HostKeyPolicy.KnownHosts(_file).IsTrusted(Key("host", 22, KeyA), out var reason));
            Assert.Contains("@revoked", reason);
        }

        [Fact]
        public void Accept_any_trusts_everything()
        {
            Assert.True(HostKeyPolicy.AcceptAny().IsTrusted(Key("h", 1, KeyA), out _));
        }

        private static SshHostKey Key(string host, int port, byte[] blob) => new SshHostKey(host, port, "ssh-ed25519", blob, 256);

        private static string B64(byte[] bytes) => Convert.ToBase64String(bytes);
    }
}
