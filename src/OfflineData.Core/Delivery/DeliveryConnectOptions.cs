using System;
using System.Collections.Generic;
using System.Net;

namespace OfflineData.Core.Delivery
{
    /// <summary>
    /// How to reach and log in to a destination, whatever its protocol: user and password (or, with
    /// <see cref="KeyFilePath"/>, an SFTP key and its passphrase), the trust in the server, and the timeout.
    /// Nothing here is ever shown: messages name the destination and the user only.
    /// </summary>
    public sealed class DeliveryConnectOptions
    {
        /// <summary>Creates options without a host-key policy (enough for a folder or FTP destination).</summary>
        public DeliveryConnectOptions()
        {
        }

        /// <summary>Creates options with a host-key policy (an SFTP destination needs one: there is no implicit trust).</summary>
        public DeliveryConnectOptions(HostKeyPolicy hostKeyPolicy)
        {
            HostKeyPolicy = hostKeyPolicy ?? throw new ArgumentNullException(nameof(hostKeyPolicy));
        }

        /// <summary>Which SSH host keys are trusted; required for SFTP.</summary>
        public HostKeyPolicy? HostKeyPolicy { get; set; }

        /// <summary>User and password (or, with <see cref="KeyFilePath"/>, the key's passphrase). The user defaults to the URI's.</summary>
        public NetworkCredential? Credential { get; set; }

        /// <summary>An OpenSSH/PEM private key file for SFTP key login, or null for password login.</summary>
        public string? KeyFilePath { get; set; }

        /// <summary>
        /// For <c>ftps://</c>: SHA-256 fingerprints of server certificates to trust instead of the system's certificate
        /// chain (several for load-balanced hosts), as <c>openssl x509 -noout -fingerprint -sha256</c> prints them
        /// (<c>AB:CD:…</c>; colons, spaces and case do not matter; a <c>SHA256:</c> prefix, openssl's whole <c>sha256 Fingerprint=…</c> line and <c>SHA256:base64</c> are understood). The certificate is
        /// checked before the user name and password are sent. Empty: the system chain decides.
        /// </summary>
        public IList<string> TrustedCertificateFingerprints { get; set; } = new List<string>();

        /// <summary>
        /// For <c>ftps://</c>: trusts any server certificate (no protection against a man in the middle; the channel is
        /// still encrypted). Only for an explicit user choice: the caller should warn.
        /// </summary>
        public bool AcceptAnyCertificate { get; set; }

        /// <summary>Connect and per-operation timeout.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
    }
}
