namespace OfflineData.Core.Delivery
{
    /// <summary>Why a delivery failed; the cmdlets choose the error id and category from it.</summary>
    public enum DeliveryFailureKind
    {
        /// <summary>The server could not be reached, refused the connection, or did not answer within the timeout.</summary>
        Unavailable,

        /// <summary>The server rejected the login (user, password, key or passphrase).</summary>
        Authentication,

        /// <summary>The server presented a host key (SFTP) or certificate (FTPS) that is not trusted: no credential was sent.</summary>
        HostKeyMismatch,

        /// <summary>Client and server share no key exchange, host key, cipher or MAC algorithm (SSH), or TLS could not be agreed (FTPS).</summary>
        Negotiation,

        /// <summary>The remote file already exists and overwriting was not asked for.</summary>
        RemoteExists,

        /// <summary>Reading or writing the remote folder failed (permission, disk full, size mismatch); retried.</summary>
        IO,
        /// <summary>The destination folder does not exist (or is a file): permanent, so it is not retried.</summary>
        FolderNotFound,

        /// <summary>The remote folder held too much unprocessed data for longer than the maximum wait (Adobe pauses processing at 50 MB).</summary>
        Busy,

        /// <summary>Another live run was sending the same content to the same destination for longer than the maximum wait: not sent, so it is not sent twice.</summary>
        InProgress,

        /// <summary>
        /// The store records opt-outs, but the file's rows cannot be checked against them (not an offline data file, not
        /// an Adobe Data Sources file with a customer column, not a zip of those): not sent, so no opted-out customer leaks.
        /// </summary>
        ConsentUnverifiable,
    }
}
