using System;
using System.Globalization;

namespace OfflineData.Core.Delivery
{
    /// <summary>
    /// Where files are delivered: parsed from <c>sftp://[user@]host[:port]/dir</c>. Holds no secret: a URI carrying a
    /// password is refused, so the destination can be shown, logged and stored in a ledger as it is.
    /// </summary>
    public sealed class DeliveryDestination
    {
        /// <summary>The SSH port used when the URI names none.</summary>
        public const int DefaultSftpPort = 22;

        private DeliveryDestination(string scheme, string host, int port, string? userName, string directory)
        {
            Scheme = scheme;
            Host = host;
            Port = port;
            UserName = userName;
            Directory = directory;
        }

        /// <summary>The protocol, lowercase (<c>sftp</c>).</summary>
        public string Scheme { get; }

        /// <summary>The server's host name or address (IPv6 without brackets).</summary>
        public string Host { get; }

        /// <summary>The server's port.</summary>
        public int Port { get; }

        /// <summary>The user named in the URI, or null (the credential then names it).</summary>
        public string? UserName { get; }

        /// <summary>The remote folder, absolute, without a trailing slash except for the root (<c>/</c>).</summary>
        public string Directory { get; }

        /// <summary>The destination as a URI without any secret, e.g. <c>sftp://upload@example.com:2222/in</c>.</summary>
        public string DisplayName => DisplayNameFor(UserName);

        /// <summary>The destination as shown with a given user (the credential's), without any secret.</summary>
        public string DisplayNameFor(string? userName)
        {
            var host = Host.IndexOf(':') >= 0 ? "[" + Host + "]" : Host;
            var user = string.IsNullOrEmpty(userName) ? string.Empty : Uri.EscapeDataString(userName) + "@";
            var port = Port == DefaultSftpPort ? string.Empty : ":" + Port.ToString(CultureInfo.InvariantCulture);
            return $"{Scheme}://{user}{host}{port}{Directory}";
        }

        /// <summary>The remote path of a file in <see cref="Directory"/>.</summary>
        public string PathOf(string fileName) => Directory.EndsWith("/", StringComparison.Ordinal) ? Directory + fileName : Directory + "/" + fileName;

        /// <inheritdoc />
        public override string ToString() => DisplayName;

        /// <summary>The URI as given with any password in it replaced by <c>***</c>, for an error's target.</summary>
        public static string Redact(string? uri) =>
            uri == null ? string.Empty : System.Text.RegularExpressions.Regex.Replace(uri, @"^([A-Za-z][A-Za-z0-9+.\-]*://[^:@/]*):[^@/]*@", "$1:***@");

        /// <summary>Parses an <c>sftp://</c> URI; throws <see cref="FormatException"/> saying what is wrong.</summary>
        public static DeliveryDestination Parse(string uri)
        {
            if (!TryParse(uri, out var destination, out var error)) throw new FormatException(error);
            return destination!;
        }

        /// <summary>Parses an <c>sftp://</c> URI; on failure <paramref name="error"/> says why (without echoing a password).</summary>
        public static bool TryParse(string? uri, out DeliveryDestination? destination, out string? error)
        {
            destination = null;
            error = null;
            if (string.IsNullOrWhiteSpace(uri) || !Uri.TryCreate(uri!.Trim(), UriKind.Absolute, out var parsed))
            {
                error = "The destination is not an absolute URI such as sftp://host[:port]/folder.";
                return false;
            }

            var scheme = parsed.Scheme.ToLowerInvariant();
            if (scheme != "sftp")
            {
                error = $"The destination scheme '{scheme}' is not supported: use sftp://host[:port]/folder.";
                return false;
            }

            if (string.IsNullOrEmpty(parsed.Host))
            {
                error = "The destination names no host: use sftp://host[:port]/folder.";
                return false;
            }

            string? user = null;
            if (!string.IsNullOrEmpty(parsed.UserInfo))
            {
                if (parsed.UserInfo.IndexOf(':') >= 0)
                {
                    // The URI would carry a secret into messages, ledgers and history: the credential carries it instead.
                    error = "The destination URI contains a password: remove it and pass the login as a credential.";
                    return false;
                }

                user = Uri.UnescapeDataString(parsed.UserInfo);
            }

            if (!string.IsNullOrEmpty(parsed.Query) || !string.IsNullOrEmpty(parsed.Fragment))
            {
                error = "The destination URI has a query or fragment: only sftp://host[:port]/folder is understood.";
                return false;
            }

            var directory = Uri.UnescapeDataString(parsed.AbsolutePath);
            if (directory.Length == 0) directory = "/";
            if (directory.Length > 1) directory = directory.TrimEnd('/');
            if (directory.Length == 0) directory = "/";
            var port = parsed.IsDefaultPort || parsed.Port < 0 ? DefaultSftpPort : parsed.Port;
            var host = parsed.HostNameType == UriHostNameType.IPv6 ? parsed.Host.Trim('[', ']') : parsed.Host;
            destination = new DeliveryDestination(scheme, host, port, user, directory);
            return true;
        }
    }
}
