using System;

namespace OfflineData.Core.Delivery
{
    /// <summary>Opens the remote folder of a destination with the protocol its scheme names, so callers never name one.</summary>
    public static class RemoteFolders
    {
        /// <summary>Connects (and logs in) to the destination's folder, which must exist: SFTP, FTP, FTPS (explicit TLS), or a local or UNC folder.</summary>
        /// <exception cref="DeliveryException">Any failure, of the kind that says why.</exception>
        public static IRemoteFolder Connect(DeliveryDestination destination, DeliveryConnectOptions options)
        {
            if (destination == null) throw new ArgumentNullException(nameof(destination));
            if (options == null) throw new ArgumentNullException(nameof(options));
            switch (destination.Scheme)
            {
                case "sftp":
                    return SftpRemoteFolder.Connect(destination, options);
                case "ftp":
                case "ftps":
                    return FtpRemoteFolder.Connect(destination, options);
                case DeliveryDestination.FolderScheme:
                    return FileSystemRemoteFolder.Connect(destination);
                default:
                    throw new DeliveryException($"{destination.DisplayName}: the scheme '{destination.Scheme}' is not supported.", DeliveryFailureKind.Unavailable);
            }
        }
    }
}
