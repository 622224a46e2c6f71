using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace OfflineData.Core.Delivery
{
    /// <summary>
    /// An OpenSSH known_hosts file, read-only: host patterns (comma lists, <c>*</c>/<c>?</c> wildcards, <c>!</c>
    /// negation, <c>[host]:port</c>), hashed names (<c>|1|salt|hash</c>, HMAC-SHA1) and the <c>@revoked</c> marker.
    /// <c>@cert-authority</c> lines are ignored (certificates are not checked here).
    /// </summary>
    internal sealed class KnownHostsFile
    {
        private readonly List<Entry> _entries;

        private KnownHostsFile(string path, List<Entry> entries)
        {
            Path = path;
            _entries = entries;
        }

        public string Path { get; }

        public static KnownHostsFile Load(string path)
        {
            var entries = new List<Entry>();
            foreach (var raw in File.ReadAllLines(path))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line[0] == '#') continue;
                var fields = Regex.Split(line, @"\s+");
                var marker = string.Empty;
                var index = 0;
                if (fields[0].StartsWith("@", StringComparison.Ordinal))
                {
                    marker = fields[0];
                    index = 1;
                }

                if (fields.Length < index + 3 || marker == "@cert-authority") continue;
                byte[] blob;
                try
                {
                    blob = Convert.FromBase64String(fields[index + 2]);
                }
                catch (FormatException)
                {
                    continue; // ssh skips malformed lines too
                }

                entries.Add(new Entry(fields[index], fields[index + 1], blob, marker == "@revoked"));
            }

            return new KnownHostsFile(path, entries);
        }

        /// <summary>Checks a presented key: Trusted, Revoked, Mismatch (host known with other keys) or Unknown.</summary>
        public KnownHostsVerdict Check(string host, int port, byte[] keyBlob)
        {
            var name = SshHostKey.KnownHostsNameOf(host, port);
            var matching = _entries.Where(e => e.Matches(name)).ToList();
            if (matching.Any(e => e.Revoked && e.Key.SequenceEqual(keyBlob))) return KnownHostsVerdict.Revoked;
            if (matching.Any(e => !e.Revoked && e.Key.SequenceEqual(keyBlob))) return KnownHostsVerdict.Trusted;
            return matching.Any(e => !e.Revoked) ? KnownHostsVerdict.Mismatch : KnownHostsVerdict.Unknown;
        }

        private sealed class Entry
        {
            private readonly string _hosts;

            public Entry(string hosts, string keyType, byte[] key, bool revoked)
            {
                _hosts = hosts;
                KeyType = keyType;
                Key = key;
                Revoked = revoked;
            }

            public string KeyType { get; }

            public byte[] Key { get; }

            public bool Revoked { get; }

            public bool Matches(string name)
            {
                if (_hosts.StartsWith("|1|", StringComparison.Ordinal)) return HashedMatches(name);
                var matched = false;
                foreach (var pattern in _hosts.Split(','))
                {
                    var negated = pattern.StartsWith("!", StringComparison.Ordinal);
                    var body = negated ? pattern.Substring(1) : pattern;
                    if (!WildcardMatches(body, name)) continue;
                    if (negated) return false; // a matching negation wins over any positive pattern
                    matched = true;
                }

                return matched;
            }

            private bool HashedMatches(string name)
            {
                var parts = _hosts.Split('|'); // "", "1", salt, hash
                if (parts.Length != 4) return false;
                try
                {
                    using var hmac = new HMACSHA1(Convert.FromBase64String(parts[2]));
                    var hash = hmac.ComputeHash(Encoding.UTF8.GetBytes(name));
                    return hash.SequenceEqual(Convert.FromBase64String(parts[3]));
                }
                catch (FormatException)
                {
                    return false;
                }
            }

            private static bool WildcardMatches(string pattern, string name)
            {
                var regex = "^" + Regex.Escape(pattern.ToLowerInvariant()).Replace(@"\*", ".*").Replace(@"\?", ".") + "$";
                return Regex.IsMatch(name.ToLowerInvariant(), regex);
            }
        }
    }
}
