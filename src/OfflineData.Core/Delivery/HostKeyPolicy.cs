using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace OfflineData.Core.Delivery
{
    /// <summary>
    /// How a server's host key is trusted before any credential is sent: pinned <c>SHA256:</c> fingerprints (several
    /// for load-balanced hosts), an OpenSSH known_hosts file, or, only when asked for explicitly, any key.
    /// </summary>
    public sealed class HostKeyPolicy
    {
        private readonly string[] _fingerprints;
        private readonly KnownHostsFile? _knownHosts;

        private HostKeyPolicy(string[] fingerprints, KnownHostsFile? knownHosts, bool acceptAny)
        {
            _fingerprints = fingerprints;
            _knownHosts = knownHosts;
            AcceptsAny = acceptAny;
        }

        /// <summary>Whether any key is accepted (no protection against a man in the middle).</summary>
        public bool AcceptsAny { get; }

        /// <summary>Trusts only keys with one of these fingerprints (<c>SHA256:base64</c>, as <c>ssh-keygen -lf</c> prints; padding optional).</summary>
        public static HostKeyPolicy Pinned(IEnumerable<string> fingerprints)
        {
            var list = (fingerprints ?? throw new ArgumentNullException(nameof(fingerprints))).Select(Normalize).ToArray();
            if (list.Length == 0) throw new ArgumentException("At least one host key fingerprint is needed.", nameof(fingerprints));
            return new HostKeyPolicy(list, null, false);
        }

        /// <summary>Trusts the keys an OpenSSH known_hosts file lists for the host (hashed names and <c>[host]:port</c> understood).</summary>
        /// <exception cref="FileNotFoundException">The file does not exist.</exception>
        public static HostKeyPolicy KnownHosts(string path)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"The known_hosts file '{path}' does not exist.", path);
            return new HostKeyPolicy(Array.Empty<string>(), KnownHostsFile.Load(path), false);
        }

        /// <summary>Trusts any key. Only for an explicit user choice: the caller should warn.</summary>
        public static HostKeyPolicy AcceptAny() => new HostKeyPolicy(Array.Empty<string>(), null, true);

        /// <summary>Whether the key is trusted; otherwise <paramref name="reason"/> says why (naming the presented fingerprint).</summary>
        public bool IsTrusted(SshHostKey key, out string? reason)
        {
            reason = null;
            if (AcceptsAny) return true;
            if (_knownHosts != null)
            {
                switch (_knownHosts.Check(key.Host, key.Port, key.KeyBlob))
                {
                    case KnownHostsVerdict.Trusted:
                        return true;
                    case KnownHostsVerdict.Revoked:
                        reason = $"the host key {key.KeyType} {key.Fingerprint} is marked @revoked in '{_knownHosts.Path}'";
                        return false;
                    case KnownHostsVerdict.Mismatch:
                        reason = $"the server presented {key.KeyType} {key.Fingerprint}, which is not the key '{_knownHosts.Path}' lists for {key.KnownHostsName} (the key changed, or someone is in the middle)";
                        return false;
                    default:
                        reason = $"'{_knownHosts.Path}' has no entry for {key.KnownHostsName}; the server presented {key.KeyType} {key.Fingerprint}";
                        return false;
                }
            }

            if (_fingerprints.Contains(key.Fingerprint, StringComparer.Ordinal)) return true;
            reason = $"the server presented {key.KeyType} {key.Fingerprint}, which is not the pinned fingerprint ({string.Join(", ", _fingerprints)})";
            return false;
        }

        private static string Normalize(string fingerprint)
        {
            var value = (fingerprint ?? string.Empty).Trim();
            if (!value.StartsWith("SHA256:", StringComparison.OrdinalIgnoreCase))
            {
                throw new FormatException($"The host key fingerprint '{value}' is not of the form SHA256:<base64> (as ssh-keygen -lf prints it).");
            }

            var body = value.Substring(7).TrimEnd('=');
            try
            {
                if (Convert.FromBase64String(body.PadRight(body.Length + ((4 - body.Length % 4) % 4), '=')).Length != 32) throw new FormatException();
            }
            catch (FormatException)
            {
                throw new FormatException($"The host key fingerprint '{value}' is not of the form SHA256:<base64> (43 base64 characters, as ssh-keygen -lf prints it).");
            }

            return "SHA256:" + body;
        }
    }
}
