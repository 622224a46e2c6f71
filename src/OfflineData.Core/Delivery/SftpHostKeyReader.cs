using System;
using Renci.SshNet;

namespace OfflineData.Core.Delivery
{
    /// <summary>Reads a server's host key without logging in: the key exchange runs, then the connection is dropped before authentication.</summary>
    public static class SftpHostKeyReader
    {
        /// <summary>The host key <paramref name="destination"/> presents.</summary>
        /// <exception cref="DeliveryException">The server cannot be reached or shares no algorithm with this client.</exception>
        public static SshHostKey Read(DeliveryDestination destination, TimeSpan timeout)
        {
            if (destination == null) throw new ArgumentNullException(nameof(destination));

            // The user name is never sent: the connection ends at the host-key check, before the authentication request.
            var info = new ConnectionInfo(destination.Host, destination.Port, "offlinedata", new NoneAuthenticationMethod("offlinedata")) { Timeout = timeout };
            var check = new SftpRemoteFolder.HostKeyCheck(destination, null);
            using var client = new SshClient(info);
            client.HostKeyReceived += check.OnHostKeyReceived;
            try
            {
                client.Connect();
            }
            catch (Exception ex) when (check.Presented != null)
            {
                _ = ex; // expected: the key was refused on purpose
                return check.Presented;
            }
            catch (Exception ex) when (ex is Renci.SshNet.Common.SshException || ex is System.Net.Sockets.SocketException || ex is System.IO.IOException || ex is TimeoutException || ex is InvalidOperationException)
            {
                throw SftpRemoteFolder.Translate(ex, destination, null, new SftpRemoteFolder.HostKeyCheck(destination, HostKeyPolicy.AcceptAny()), info);
            }

            // Not reached: the handler refuses every key. Should SSH.NET ever connect anyway, do not stay connected.
            client.Disconnect();
            return check.Presented ?? throw new DeliveryException($"{destination.DisplayName}: the server presented no host key.", DeliveryFailureKind.Unavailable);
        }
    }
}
