using System;
using System.Globalization;
using System.Security.Cryptography;

namespace OfflineData.Core.Delivery
{
    /// <summary>A server's SSH host key as presented during key exchange, with its fingerprint and a known_hosts line.</summary>
    public sealed class SshHostKey
    {
        /// <summary>Creates the description of a key presented by <paramref name="host"/>:<paramref name="port"/>.</summary>
        public SshHostKey(string host, int port, string keyType, byte[] keyBlob, int keyLength)
        {
            Host = host ?? throw new ArgumentNullException(nameof(host));
            Port = port;
            KeyType = keyType ?? throw new ArgumentNullException(nameof(keyType));
            KeyBlob = keyBlob ?? throw new ArgumentNullException(nameof(keyBlob));
            KeyLength = keyLength;
            Fingerprint = FingerprintOf(keyBlob);
        }

        /// <summary>The host as asked for.</summary>
        public string Host { get; }

        /// <summary>The port.</summary>
        public int Port { get; }

        /// <summary>The key's algorithm name, e.g. <c>ssh-ed25519</c>.</summary>
        public string KeyType { get; }

        /// <summary>The key size in bits (256 for Ed25519).</summary>
        public int KeyLength { get; }

        /// <summary>The public key in SSH wire format (what known_hosts stores, base64-encoded).</summary>
        internal byte[] KeyBlob { get; }

        /// <summary>The fingerprint as <c>ssh-keygen -lf</c> prints it: <c>SHA256:</c> and the unpadded base64 SHA-256 of the key.</summary>
        public string Fingerprint { get; }

        /// <summary>The host as a known_hosts entry names it: <c>host</c> on port 22, <c>[host]:port</c> otherwise.</summary>
        public string KnownHostsName => KnownHostsNameOf(Host, Port);

        /// <summary>A line for an OpenSSH known_hosts file (host name in clear).</summary>
        public string KnownHostsLine => KnownHostsName + " " + KeyType + " " + Convert.ToBase64String(KeyBlob);

        /// <summary>The <c>SHA256:</c> fingerprint of a key blob.</summary>
        public static string FingerprintOf(byte[] keyBlob)
        {
            using var sha = SHA256.Create();
            return "SHA256:" + Convert.ToBase64String(sha.ComputeHash(keyBlob)).TrimEnd('=');
        }

        internal static string KnownHostsNameOf(string host, int port) =>
            port == DeliveryDestination.DefaultSftpPort ? host : "[" + host + "]:" + port.ToString(CultureInfo.InvariantCulture);
    }
}
