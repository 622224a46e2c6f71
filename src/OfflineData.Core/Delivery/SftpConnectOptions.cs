using System;
using System.Net;

namespace OfflineData.Core.Delivery
{
    /// <summary>How to log in to an SFTP server: user and password, or a private key file (the password is then its passphrase).</summary>
    public sealed class SftpConnectOptions
    {
        /// <summary>Creates options with a host-key policy (required: there is no implicit trust).</summary>
        public SftpConnectOptions(HostKeyPolicy hostKeyPolicy)
        {
            HostKeyPolicy = hostKeyPolicy ?? throw new ArgumentNullException(nameof(hostKeyPolicy));
        }

        /// <summary>Which host keys are trusted.</summary>
        public HostKeyPolicy HostKeyPolicy { get; }

        /// <summary>User and password (or, with <see cref="KeyFilePath"/>, the key's passphrase). The user defaults to the URI's.</summary>
        public NetworkCredential? Credential { get; set; }

        /// <summary>An OpenSSH/PEM private key file for key login, or null for password login.</summary>
        public string? KeyFilePath { get; set; }

        /// <summary>Connect and per-operation timeout.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
    }
}
