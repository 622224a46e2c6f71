using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OfflineData.Core.Delivery
{
    /// <summary>
    /// Where files are delivered, parsed from one of:
    /// <list type="bullet">
    /// <item><c>sftp://[user@]host[:port]/dir</c> (SSH, port 22 by default);</item>
    /// <item><c>ftp://[user@]host[:port]/dir</c> (plain FTP, port 21 by default: the password crosses the network unencrypted);</item>
    /// <item><c>ftps://[user@]host[:port]/dir</c>: FTP with <b>explicit</b> TLS (the client connects to port 21 by default
    /// and sends <c>AUTH TLS</c> before logging in; login and data are encrypted). Implicit FTPS (port 990) is not supported;</item>
    /// <item>a local or UNC folder: an absolute path (<c>/mnt/drop</c>, <c>C:\drop</c>, <c>\\server\share\in</c>) or a
    /// <c>file:///</c> URI. A relative path is refused: the cmdlet resolves it against the PowerShell location first.</item>
    /// </list>
    /// The remote folder of a URI is absolute on the server (<c>ftp://host/in</c> is <c>/in</c>). Holds no secret: a URI
    /// carrying a password is refused, so the destination can be shown, logged and stored in a ledger as it is.
    /// </summary>
    public sealed class DeliveryDestination
    {
        /// <summary>The SSH port used when the URI names none.</summary>
        public const int DefaultSftpPort = 22;

        /// <summary>The FTP port used when an <c>ftp://</c> or <c>ftps://</c> URI names none (explicit TLS starts on it too).</summary>
        public const int DefaultFtpPort = 21;

        /// <summary>The <see cref="Scheme"/> of a local or UNC folder.</summary>
        public const string FolderScheme = "file";

        /// <summary>What the parse errors list: every supported form.</summary>
        internal const string SupportedForms = "sftp://[user@]host[:port]/folder, ftp://[user@]host[:port]/folder, ftps://[user@]host[:port]/folder (explicit TLS), or an absolute local or UNC folder (/mnt/drop, C:\\drop, \\\\server\\share\\in, file:///mnt/drop)";

        private DeliveryDestination(string scheme, string host, int port, string? userName, string directory)
        {
            Scheme = scheme;
            Host = host;
            Port = port;
            UserName = userName;
            Directory = directory;
        }

        /// <summary>The protocol, lowercase: <c>sftp</c>, <c>ftp</c>, <c>ftps</c>, or <c>file</c> for a local or UNC folder.</summary>
        public string Scheme { get; }

        /// <summary>Whether this is a local or UNC folder (<see cref="Directory"/> is then a path of this machine).</summary>
        public bool IsFolder => Scheme == FolderScheme;

        /// <summary>The server's host name or address (IPv6 without brackets); empty for a folder.</summary>
        public string Host { get; }

        /// <summary>The server's port; 0 for a folder.</summary>
        public int Port { get; }

        /// <summary>The user named in the URI, or null (the credential then names it).</summary>
        public string? UserName { get; }

        /// <summary>
        /// The remote folder, absolute, without a trailing slash except for the root (<c>/</c>); for a folder
        /// destination the local or UNC path (<c>/mnt/drop</c>, <c>C:\drop</c>, <c>\\server\share\in</c>).
        /// </summary>
        public string Directory { get; }

        /// <summary>The destination without any secret, e.g. <c>sftp://upload@example.com:2222/in</c>, or the folder's path.</summary>
        public string DisplayName => DisplayNameFor(UserName);

        /// <summary>The destination as shown with a given user (the credential's), without any secret.</summary>
        public string DisplayNameFor(string? userName)
        {
            if (IsFolder) return Directory;
            var host = Host.IndexOf(':') >= 0 ? "[" + Host + "]" : Host;
            var user = string.IsNullOrEmpty(userName) ? string.Empty : Uri.EscapeDataString(userName) + "@";
            var port = Port == DefaultPort(Scheme) ? string.Empty : ":" + Port.ToString(CultureInfo.InvariantCulture);
            return $"{Scheme}://{user}{host}{port}{Directory}";
        }

        /// <summary>The remote path of a file in <see cref="Directory"/> (for a folder, with the folder's separator).</summary>
        public string PathOf(string fileName)
        {
            if (IsFolder)
            {
                var separator = Directory.IndexOf('\\') >= 0 ? '\\' : '/';
                return Directory.EndsWith(separator.ToString(), StringComparison.Ordinal) ? Directory + fileName : Directory + separator + fileName;
            }

            return Directory.EndsWith("/", StringComparison.Ordinal) ? Directory + fileName : Directory + "/" + fileName;
        }

        /// <inheritdoc />
        public override string ToString() => DisplayName;

        /// <summary>The URI as given with any password in it replaced by <c>***</c>, for an error's target.</summary>
        public static string Redact(string? uri) =>
            uri == null ? string.Empty : Regex.Replace(uri, @"^([A-Za-z][A-Za-z0-9+.\-]*://[^:@/]*):[^@/]*@", "$1:***@");

        /// <summary>Parses a destination (see the type's summary for the forms); throws <see cref="FormatException"/> saying what is wrong.</summary>
        public static DeliveryDestination Parse(string uri)
        {
            if (!TryParse(uri, out var destination, out var error)) throw new FormatException(error);
            return destination!;
        }

        /// <summary>Parses a destination (see the type's summary for the forms); on failure <paramref name="error"/> says why (without echoing a password).</summary>
        public static bool TryParse(string? uri, out DeliveryDestination? destination, out string? error)
        {
            destination = null;
            error = null;
            var text = uri?.Trim() ?? string.Empty;
            if (text.Length == 0)
            {
                error = $"The destination is empty: use {SupportedForms}.";
                return false;
            }

            // Paths first: .NET would read "/mnt/drop" and "C:\drop" as file URIs, and an FTP user never means those.
            if (IsAbsoluteFolderPath(text)) return Folder(text, out destination, out error);
            if (!HasScheme(text))
            {
                error = $"The destination '{text}' is a relative path: the folder must be absolute here (the cmdlets resolve a relative path against the current location). Use {SupportedForms}.";
                return false;
            }

            if (Regex.IsMatch(text, @"^[A-Za-z][A-Za-z0-9+.\-]*://[^/@]*:[^/@]*@"))
            {
                // The URI would carry a secret into messages, ledgers and history: the credential carries it instead.
                error = "The destination URI contains a password: remove it and pass the login as a credential.";
                return false;
            }

            if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed))
            {
                error = $"The destination '{Redact(text)}' is not a valid URI: use {SupportedForms}.";
                return false;
            }

            var scheme = parsed.Scheme.ToLowerInvariant();
            if (!string.IsNullOrEmpty(parsed.UserInfo) && parsed.UserInfo.IndexOf(':') >= 0)
            {
                // The URI would carry a secret into messages, ledgers and history: the credential carries it instead.
                error = "The destination URI contains a password: remove it and pass the login as a credential.";
                return false;
            }

            if (scheme == FolderScheme) return FileUri(parsed, out destination, out error);
            if (scheme != "sftp" && scheme != "ftp" && scheme != "ftps")
            {
                error = $"The destination scheme '{scheme}' is not supported: use {SupportedForms}.";
                return false;
            }

            if (string.IsNullOrEmpty(parsed.Host))
            {
                error = $"The destination names no host: use {SupportedForms}.";
                return false;
            }

            string? user = null;
            if (!string.IsNullOrEmpty(parsed.UserInfo)) user = Uri.UnescapeDataString(parsed.UserInfo);

            if (!string.IsNullOrEmpty(parsed.Query) || !string.IsNullOrEmpty(parsed.Fragment))
            {
                error = $"The destination URI has a query or fragment: only {scheme}://[user@]host[:port]/folder is understood.";
                return false;
            }

            var directory = Uri.UnescapeDataString(parsed.AbsolutePath);
            if (directory.Length > 1) directory = directory.TrimEnd('/');
            if (directory.Length == 0) directory = "/";
            // Uri knows ftp's default port (21) but not sftp's or ftps's: an absent port is -1 for those.
            var port = parsed.IsDefaultPort || parsed.Port < 0 ? DefaultPort(scheme) : parsed.Port;
            var host = parsed.HostNameType == UriHostNameType.IPv6 ? parsed.Host.Trim('[', ']') : parsed.Host;
            destination = new DeliveryDestination(scheme, host, port, user, directory);
            return true;
        }

        private static int DefaultPort(string scheme) => scheme == "sftp" ? DefaultSftpPort : scheme == FolderScheme ? 0 : DefaultFtpPort;

        private static bool HasScheme(string text) => Regex.IsMatch(text, @"^[A-Za-z][A-Za-z0-9+.\-]*:");

        /// <summary>A Unix absolute path, a drive path (<c>C:\</c> or <c>C:/</c>) or a UNC path, whatever this machine's OS.</summary>
        private static bool IsAbsoluteFolderPath(string text) =>
            text.StartsWith("/", StringComparison.Ordinal)
            || Regex.IsMatch(text, @"^[A-Za-z]:[\\/]")
            || Regex.IsMatch(text, @"^\\\\[^\\/]+[\\/][^\\/]+");

        private static bool Folder(string path, out DeliveryDestination? destination, out string? error)
        {
            destination = null;
            error = null;
            if (path.IndexOf('\0') >= 0 || path.IndexOfAny(new[] { '<', '>', '"', '|', '?', '*' }) >= 0)
            {
                error = $"The destination folder '{path}' contains a character no folder name may hold.";
                return false;
            }

            // Keep the root of each form ("/", "C:\", "\\server\share") and drop any other trailing separator.
            var trimmed = path.TrimEnd('/', '\\');
            if (trimmed.Length == 0) trimmed = path.Substring(0, 1);
            else if (Regex.IsMatch(trimmed, @"^[A-Za-z]:$")) trimmed += path[2];
            destination = new DeliveryDestination(FolderScheme, string.Empty, 0, null, trimmed);
            return true;
        }

        private static bool FileUri(Uri parsed, out DeliveryDestination? destination, out string? error)
        {
            destination = null;
            error = null;
            if (!string.IsNullOrEmpty(parsed.Query) || !string.IsNullOrEmpty(parsed.Fragment))
            {
                error = "The destination URI has a query or fragment: only file:///folder is understood.";
                return false;
            }

            var path = Uri.UnescapeDataString(parsed.AbsolutePath);
            if (!string.IsNullOrEmpty(parsed.Host) && !string.Equals(parsed.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                // file://server/share/in is the UNC folder \\server\share\in
                return Folder(@"\\" + parsed.Host + path.Replace('/', '\\'), out destination, out error);
            }

            // file:///C:/drop is C:\drop; file:///mnt/drop is /mnt/drop
            if (Regex.IsMatch(path, @"^/[A-Za-z]:(/|$)")) path = path.Substring(1);
            if (Regex.IsMatch(path, @"^[A-Za-z]:(/|$)")) path = path.Replace('/', '\\') + (path.Length == 2 ? "\\" : string.Empty);
            if (!IsAbsoluteFolderPath(path))
            {
                error = $"The destination URI names no folder: use {SupportedForms}.";
                return false;
            }

            return Folder(path, out destination, out error);
        }
    }
}
