using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using Renci.SshNet;
using Renci.SshNet.Common;
using Renci.SshNet.Sftp;

namespace OfflineData.Core.Delivery
{
    /// <summary>
    /// A remote folder on an SFTP server, over SSH.NET. The host key is checked in SSH.NET's HostKeyReceived event, which
    /// runs during key exchange, before the user-authentication request: a refused key means no credential left.
    /// </summary>
    public sealed class SftpRemoteFolder : IRemoteFolder
    {
        private readonly SftpClient _client;
        private readonly string _user;

        private SftpRemoteFolder(DeliveryDestination destination, SftpClient client, string user)
        {
            Destination = destination;
            _client = client;
            _user = user;
        }

        /// <inheritdoc />
        public DeliveryDestination Destination { get; }

        /// <summary>Connects and logs in; the remote folder must exist.</summary>
        /// <exception cref="DeliveryException">Any failure, of the kind that says why.</exception>
        public static SftpRemoteFolder Connect(DeliveryDestination destination, DeliveryConnectOptions options)
        {
            if (destination == null) throw new ArgumentNullException(nameof(destination));
            if (options == null) throw new ArgumentNullException(nameof(options));
            var user = options.Credential?.UserName is string u && u.Length > 0 ? u : destination.UserName;
            if (string.IsNullOrEmpty(user)) throw new DeliveryException($"No user for {destination.DisplayName}: name one in the URI (sftp://user@host/...) or in the credential.", DeliveryFailureKind.Authentication);
            if (options.HostKeyPolicy == null) throw new DeliveryException($"{Describe(destination, user)}: no host key is trusted: pin a fingerprint, name a known_hosts file, or accept any key explicitly.", DeliveryFailureKind.HostKeyMismatch);

            AuthenticationMethod method;
            if (options.KeyFilePath != null)
            {
                PrivateKeyFile key;
                try
                {
                    var passphrase = options.Credential?.Password;
                    key = string.IsNullOrEmpty(passphrase) ? new PrivateKeyFile(options.KeyFilePath) : new PrivateKeyFile(options.KeyFilePath, passphrase);
                }
                catch (Exception ex) when (ex is SshException || ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException)
                {
                    // SSH.NET says "Private key is encrypted but passphrase is empty." or similar: no secret in it.
                    throw new DeliveryException($"{Describe(destination, user)}: the key file '{options.KeyFilePath}' could not be read: {ex.Message}", DeliveryFailureKind.Authentication, ex);
                }

                method = new PrivateKeyAuthenticationMethod(user, key);
            }
            else
            {
                method = new PasswordAuthenticationMethod(user, options.Credential?.Password ?? string.Empty);
            }

            var info = new ConnectionInfo(destination.Host, destination.Port, user!, method) { Timeout = options.Timeout };
            var client = new SftpClient(info) { OperationTimeout = options.Timeout };
            var check = new HostKeyCheck(destination, options.HostKeyPolicy);
            client.HostKeyReceived += check.OnHostKeyReceived;
            try
            {
                client.Connect();
            }
            catch (Exception ex) when (IsConnectFailure(ex))
            {
                client.Dispose();
                throw Translate(ex, destination, user, check, info);
            }

            var folder = new SftpRemoteFolder(destination, client, user!);
            try
            {
                var attributes = client.GetAttributes(destination.Directory);
                if (!attributes.IsDirectory) throw new DeliveryException($"{folder.Describe()}: '{destination.Directory}' is not a folder.", DeliveryFailureKind.FolderNotFound);
            }
            catch (SftpPathNotFoundException ex)
            {
                folder.Dispose();
                throw new DeliveryException($"{folder.Describe()}: the remote folder '{destination.Directory}' does not exist.", DeliveryFailureKind.FolderNotFound, ex);
            }
            catch (DeliveryException)
            {
                folder.Dispose();
                throw;
            }

            return folder;
        }

        /// <inheritdoc />
        public bool Exists(string name) => Size(name) != null;

        /// <inheritdoc />
        public long? Size(string name) => Io(name, () =>
        {
            try
            {
                return (long?)_client.GetAttributes(Destination.PathOf(name)).Size;
            }
            catch (SftpPathNotFoundException)
            {
                return null;
            }
        });

        /// <inheritdoc />
        public IReadOnlyList<RemoteFile> List() => Io(".", () =>
            (IReadOnlyList<RemoteFile>)_client.ListDirectory(Destination.Directory)
                .Where(f => f.IsRegularFile)
                .Select(f => new RemoteFile(f.Name, f.Length, new DateTimeOffset(f.LastWriteTimeUtc, TimeSpan.Zero)))
                .OrderBy(f => f.Name, StringComparer.Ordinal)
                .ToList());

        /// <inheritdoc />
        public void Upload(Stream content, string name, Action<long>? progress) => Io(name, () =>
        {
            // UploadFile pipelines its writes; a copy loop into an SftpFileStream waits one round trip per 32 KB packet.
            _client.UploadFile(content, Destination.PathOf(name), true, progress == null ? null : (Action<ulong>)(sent => progress((long)sent)));
            return true;
        });

        /// <inheritdoc />
        public void Rename(string from, string to, bool overwrite) => Io(to, () =>
        {
            if (overwrite)
            {
                // posix-rename@openssh.com replaces the target atomically: no moment without a final file.
                _client.RenameFile(Destination.PathOf(from), Destination.PathOf(to), true);
                return true;
            }

            // A plain SFTP rename fails when the target exists: the server decides, so two senders cannot both win.
            try
            {
                _client.RenameFile(Destination.PathOf(from), Destination.PathOf(to), false);
            }
            catch (SshException) when (Exists(to))
            {
                throw new DeliveryException($"{Describe()}: the remote file '{to}' already exists; it was not overwritten ('{from}' is left in place).", DeliveryFailureKind.RemoteExists);
            }

            return true;
        });

        /// <inheritdoc />
        public void Delete(string name) => Io(name, () =>
        {
            try
            {
                _client.DeleteFile(Destination.PathOf(name));
            }
            catch (SftpPathNotFoundException)
            {
            }

            return true;
        });

        /// <inheritdoc />
        public void Dispose()
        {
            try
            {
                if (_client.IsConnected) _client.Disconnect();
            }
            catch (Exception ex) when (ex is SshException || ex is SocketException || ex is ObjectDisposedException)
            {
                // the transfer is over; a failing goodbye changes nothing
            }

            _client.Dispose();
        }

        internal static string Describe(DeliveryDestination destination, string? user) =>
            string.IsNullOrEmpty(user)
                ? $"{destination.DisplayName} (host {destination.Host}, port {destination.Port})"
                : $"{destination.DisplayNameFor(user)} (host {destination.Host}, port {destination.Port}, user {user})";

        private string Describe() => Describe(Destination, _user);

        private T Io<T>(string name, Func<T> action)
        {
            try
            {
                return action();
            }
            catch (SftpPermissionDeniedException ex)
            {
                throw new DeliveryException($"{Describe()}: permission denied for '{Destination.PathOf(name)}': {ex.Message}", DeliveryFailureKind.IO, ex);
            }
            catch (SftpPathNotFoundException ex)
            {
                throw new DeliveryException($"{Describe()}: '{Destination.PathOf(name)}' was not found: {ex.Message}", DeliveryFailureKind.IO, ex);
            }
            catch (SshOperationTimeoutException ex)
            {
                throw new DeliveryException($"{Describe()}: no answer within the timeout while working on '{Destination.PathOf(name)}'.", DeliveryFailureKind.Unavailable, ex);
            }
            catch (SshConnectionException ex)
            {
                throw new DeliveryException($"{Describe()}: the connection was lost while working on '{Destination.PathOf(name)}': {ex.Message}", DeliveryFailureKind.Unavailable, ex);
            }
            catch (Exception ex) when (ex is SshException || ex is IOException || ex is SocketException)
            {
                // e.g. "Failure" (SSH_FX_FAILURE) for a full disk: the server's own words
                throw new DeliveryException($"{Describe()}: '{Destination.PathOf(name)}': {ex.Message}", DeliveryFailureKind.IO, ex);
            }
        }

        private static bool IsConnectFailure(Exception ex) =>
            ex is SshException || ex is SocketException || ex is IOException || ex is TimeoutException || ex is InvalidOperationException;

        internal static DeliveryException Translate(Exception ex, DeliveryDestination destination, string? user, HostKeyCheck check, ConnectionInfo info)
        {
            var who = Describe(destination, user);
            if (check.Refusal != null)
            {
                return new DeliveryException($"{who}: host key refused before logging in: {check.Refusal}.", DeliveryFailureKind.HostKeyMismatch, ex, check.Presented?.Fingerprint);
            }

            switch (ex)
            {
                case SshAuthenticationException:
                    return new DeliveryException($"{who}: the server rejected the login: {ex.Message}", DeliveryFailureKind.Authentication, ex);
                case SshOperationTimeoutException:
                    return new DeliveryException($"{who}: no answer within {info.Timeout.TotalSeconds:0.#} s.", DeliveryFailureKind.Unavailable, ex);
                case SocketException socket:
                    return new DeliveryException($"{who}: cannot connect: {socket.Message} ({socket.SocketErrorCode}).", DeliveryFailureKind.Unavailable, ex);
                case SshConnectionException connection when connection.DisconnectReason == Renci.SshNet.Messages.Transport.DisconnectReason.KeyExchangeFailed
                                                             || connection.Message.IndexOf("negotiat", StringComparison.OrdinalIgnoreCase) >= 0
                                                             || connection.Message.IndexOf("algorithm", StringComparison.OrdinalIgnoreCase) >= 0:
                    // SSH.NET's message names what failed and what the server offers ("No matching client MAC algorithm
                    // (server offers umac-128-etm@openssh.com)"); we add what this client offers for that step.
                    return new DeliveryException($"{who}: no common algorithm: {ex.Message.TrimEnd('.')}. {ClientOffer(ex.Message, info)}", DeliveryFailureKind.Negotiation, ex);
                default:
                    return new DeliveryException($"{who}: cannot connect: {ex.Message}", DeliveryFailureKind.Unavailable, ex);
            }
        }

        private static string Join(IEnumerable<string> names) => string.Join(",", names);

        /// <summary>What this client offers for the negotiation step a failure message names (all steps when it names none).</summary>
        private static string ClientOffer(string message, ConnectionInfo info)
        {
            bool Names(string word) => message.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0;
            if (Names("MAC")) return $"This client offers MACs {Join(info.HmacAlgorithms.Keys)} (and AEAD ciphers needing none: {Join(info.Encryptions.Keys.Where(k => k.IndexOf("gcm", StringComparison.Ordinal) >= 0 || k.IndexOf("poly1305", StringComparison.Ordinal) >= 0))}).";
            if (Names("encryption") || Names("cipher")) return $"This client offers ciphers {Join(info.Encryptions.Keys)}.";
            if (Names("host key")) return $"This client offers host key algorithms {Join(info.HostKeyAlgorithms.Keys)}.";
            if (Names("key exchange")) return $"This client offers key exchange {Join(info.KeyExchangeAlgorithms.Keys)}.";
            return $"This client offers key exchange {Join(info.KeyExchangeAlgorithms.Keys)}; host keys {Join(info.HostKeyAlgorithms.Keys)}; ciphers {Join(info.Encryptions.Keys)}; MACs {Join(info.HmacAlgorithms.Keys)}.";
        }

        /// <summary>Remembers the key the server presented and whether it was refused, for the error after Connect fails.</summary>
        internal sealed class HostKeyCheck
        {
            private readonly DeliveryDestination _destination;
            private readonly HostKeyPolicy? _policy;

            public HostKeyCheck(DeliveryDestination destination, HostKeyPolicy? policy)
            {
                _destination = destination;
                _policy = policy;
            }

            public SshHostKey? Presented { get; private set; }

            public string? Refusal { get; private set; }

            public void OnHostKeyReceived(object? sender, HostKeyEventArgs e)
            {
                Presented = new SshHostKey(_destination.Host, _destination.Port, e.HostKeyName, e.HostKey, e.KeyLength);
                if (_policy == null)
                {
                    // reading the key only: stop here, before any login
                    Refusal = "read only";
                    e.CanTrust = false;
                    return;
                }

                e.CanTrust = _policy.IsTrusted(Presented, out var reason);
                Refusal = e.CanTrust ? null : reason;
            }
        }
    }
}
