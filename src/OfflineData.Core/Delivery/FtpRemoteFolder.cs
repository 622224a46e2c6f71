using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace OfflineData.Core.Delivery
{
    /// <summary>
    /// A remote folder on an FTP server (<c>ftp://</c>) or an FTP server with explicit TLS (<c>ftps://</c>: <c>AUTH TLS</c>,
    /// then <c>PBSZ 0</c> and <c>PROT P</c>, so login and data are encrypted), over a small client of its own on
    /// <see cref="TcpClient"/> and <see cref="SslStream"/>: one control connection per folder, passive data connections
    /// (<c>EPSV</c>, else <c>PASV</c>), binary transfers.
    /// </summary>
    /// <remarks>
    /// Why not <c>FtpWebRequest</c>: its only certificate check is the process-wide
    /// <c>ServicePointManager.ServerCertificateValidationCallback</c>, which a module must not change in someone's
    /// session; it opens a connection and logs in again per request; it reports failures as status text, not reply codes;
    /// and it is obsolete on .NET. Here the certificate is checked by this connection's own callback, during the TLS
    /// handshake that precedes <c>USER</c>/<c>PASS</c>: a refused certificate means no credential left the machine.
    /// FTPS speaks TLS 1.2 (see <c>Secure</c>) and ends every data connection with a TLS close_notify, which servers take
    /// as the end of an upload. Every connect, read and write has the timeout of
    /// <see cref="DeliveryConnectOptions.Timeout"/>. Not thread-safe.
    /// FTP cannot rename without replacing on most servers (vsftpd's <c>RNTO</c> overwrites), so a rename without
    /// overwrite checks the target first: two senders racing for the same name within that moment are not told apart.
    /// </remarks>
    public sealed class FtpRemoteFolder : IRemoteFolder
    {
        private const int BufferSize = 64 * 1024;
        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        private readonly TcpClient _control;
        private readonly IPAddress _serverAddress;
        private readonly string _user;
        private readonly int _timeoutMs;
        private readonly FtpCertificateCheck? _certificates;
        private Stream _stream;
        private bool _useEpsv = true;
        private bool _mlsd;
        private string? _broken;

        private FtpRemoteFolder(DeliveryDestination destination, TcpClient control, IPAddress serverAddress, string user, TimeSpan timeout, FtpCertificateCheck? certificates)
        {
            Destination = destination;
            _control = control;
            _serverAddress = serverAddress;
            _user = user;
            _timeoutMs = TimeoutMs(timeout);
            _certificates = certificates;
            _stream = control.GetStream();
        }

        /// <inheritdoc />
        public DeliveryDestination Destination { get; }

        private bool IsTls => _certificates != null;

        /// <summary>Connects, secures the connection (ftps), logs in and changes into the folder, which must exist.</summary>
        /// <exception cref="DeliveryException">Any failure, of the kind that says why.</exception>
        public static FtpRemoteFolder Connect(DeliveryDestination destination, DeliveryConnectOptions options)
        {
            if (destination == null) throw new ArgumentNullException(nameof(destination));
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (destination.Scheme != "ftp" && destination.Scheme != "ftps") throw new ArgumentException($"'{destination.DisplayName}' is not an ftp:// or ftps:// destination.", nameof(destination));
            var user = options.Credential?.UserName is string u && u.Length > 0 ? u : destination.UserName;
            if (string.IsNullOrEmpty(user)) throw new DeliveryException($"No user for {destination.DisplayName}: name one in the URI ({destination.Scheme}://user@host/...) or in the credential.", DeliveryFailureKind.Authentication);
            var who = SftpRemoteFolder.Describe(destination, user);

            FtpCertificateCheck? certificates = null;
            if (destination.Scheme == "ftps")
            {
                try
                {
                    certificates = FtpCertificateCheck.From(options);
                }
                catch (FormatException ex)
                {
                    throw new DeliveryException($"{who}: no certificate can be trusted: {ex.Message}", DeliveryFailureKind.HostKeyMismatch, ex);
                }
            }

            if (options.Credential?.Password is string password && (password.IndexOf('\r') >= 0 || password.IndexOf('\n') >= 0))
            {
                // It would end the PASS command and start another; the password itself is never shown.
                throw new DeliveryException($"{who}: the password contains a line break, which FTP cannot carry; nothing was sent.", DeliveryFailureKind.Authentication);
            }

            var timeoutMs = TimeoutMs(options.Timeout);
            var (control, address) = ConnectTcp(destination.Host, destination.Port, timeoutMs, who, "connect");
            var folder = new FtpRemoteFolder(destination, control, address, user!, options.Timeout, certificates);
            try
            {
                folder.LogIn(options.Credential?.Password ?? string.Empty);
                return folder;
            }
            catch
            {
                folder.Dispose();
                throw;
            }
        }

        /// <inheritdoc />
        public bool Exists(string name) => Size(name) != null;

        /// <inheritdoc />
        public long? Size(string name) => Io(name, () =>
        {
            var reply = Command("SIZE " + Plain(name));
            if (reply.Code == 213 && long.TryParse(reply.Text.Substring(4).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var size)) return (long?)size;
            if (reply.Code == 550) return null;
            throw Failure($"cannot read the size of '{Destination.PathOf(name)}': {reply}", DeliveryFailureKind.IO);
        });

        /// <inheritdoc />
        public IReadOnlyList<RemoteFile> List() => Io(".", () =>
        {
            var text = Utf8.GetString(Download(_mlsd ? "MLSD" : "LIST", "list the folder"));
            var files = new List<RemoteFile>();
            foreach (var line in text.Split(new[] { "\r\n", "\n" }, StringSplitOptions.RemoveEmptyEntries))
            {
                var file = _mlsd ? ParseMlsd(line) : ParseList(line);
                if (file != null) files.Add(file);
            }

            return (IReadOnlyList<RemoteFile>)files.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        });

        /// <inheritdoc />
        public void Upload(Stream content, string name, Action<long>? progress) => Io(name, () =>
        {
            if (content == null) throw new ArgumentNullException(nameof(content));
            var data = OpenData(name);
            Stream? dataStream = null;
            var written = 0L;
            Exception? writeFailure = null;
            try
            {
                var start = Command("STOR " + Plain(name));
                if (!start.IsPreliminary)
                {
                    throw Failure($"the server refused to store '{Destination.PathOf(name)}': {start}", start.Code == 530 ? DeliveryFailureKind.Authentication : DeliveryFailureKind.IO);
                }

                dataStream = SecureData(data);
                var buffer = new byte[BufferSize];
                int read;
                try
                {
                    while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        dataStream.Write(buffer, 0, read);
                        written += read;
                        progress?.Invoke(written);
                    }

                    dataStream.Flush();
                    CloseTls(dataStream);
                }
                catch (Exception ex) when (IsTransport(ex))
                {
                    // e.g. the server closed the data connection on a full disk: its reply below says why
                    writeFailure = Unwrap(ex);
                }
            }
            finally
            {
                // Closing the data connection ends the file; only then does the server send its final reply.
                dataStream?.Dispose();
                data.Dispose();
            }

            FtpReply done;
            try
            {
                done = ReadReply();
            }
            catch (Exception ex) when (writeFailure != null && IsTransport(ex))
            {
                _broken = "the connection was lost";
                throw Failure($"the upload of '{Destination.PathOf(name)}' broke off after {written} bytes: {writeFailure.Message}", DeliveryFailureKind.Unavailable, writeFailure);
            }

            if (done.IsSuccess && writeFailure == null) return true;
            var what = done.IsSuccess ? writeFailure!.Message : done.Text + ReuseHint(done);
            throw Failure($"the upload of '{Destination.PathOf(name)}' failed after {written} bytes: {what}{RemovePartial(name)}", DeliveryFailureKind.IO, writeFailure);
        });

        /// <inheritdoc />
        public void Rename(string from, string to, bool overwrite) => Io(to, () =>
        {
            // RNTO replaces an existing file on most servers (vsftpd: rename(2)), so "no overwrite" is checked here.
            if (!overwrite && Size(to) != null)
            {
                throw Failure($"the remote file '{to}' already exists; it was not overwritten ('{from}' is left in place).", DeliveryFailureKind.RemoteExists);
            }

            var reply = RenameOnce(from, to);
            if (!reply.IsSuccess && overwrite && Size(to) != null)
            {
                // A server whose RNTO refuses an existing target (IIS): delete it, then rename (a brief moment without it).
                var deleted = Command("DELE " + Plain(to));
                if (!deleted.IsSuccess) throw Failure($"cannot replace '{Destination.PathOf(to)}': {deleted}", DeliveryFailureKind.IO);
                reply = RenameOnce(from, to);
            }

            if (!reply.IsSuccess) throw Failure($"cannot rename '{from}' to '{to}' in '{Destination.Directory}': {reply}", DeliveryFailureKind.IO);
            return true;
        });

        /// <inheritdoc />
        public void Delete(string name) => Io(name, () =>
        {
            var reply = Command("DELE " + Plain(name));
            if (reply.IsSuccess || (reply.Code == 550 && Size(name) == null)) return true;
            throw Failure($"cannot delete '{Destination.PathOf(name)}': {reply}", DeliveryFailureKind.IO);
        });

        /// <inheritdoc />
        public void Dispose()
        {
            if (_broken == null)
            {
                try
                {
                    // A polite goodbye; a server that does not answer changes nothing for the files.
                    _control.ReceiveTimeout = Math.Min(_timeoutMs, 2000);
                    Send("QUIT");
                    ReadReply();
                }
                catch (Exception ex) when (IsTransport(ex) || ex is DeliveryException)
                {
                }
            }

            _broken = "the connection is closed";
            try
            {
                _stream.Dispose();
            }
            catch (Exception ex) when (IsTransport(ex))
            {
            }

            _control.Dispose();
        }

        private void LogIn(string password)
        {
            try
            {
                Greet();

                // Only now, with the certificate trusted (ftps), does the user name leave, and the password after it.
                var reply = Command("USER " + Plain(_user));
                if (reply.Code == 331) reply = Command("PASS " + password);
                if (reply.Code == 530 || reply.Code == 331 || reply.Code == 332) throw Failure($"the server rejected the login: {reply}", DeliveryFailureKind.Authentication);
                if (reply.Code == 421) throw Failure($"the server closed the session: {reply}", DeliveryFailureKind.Unavailable);
                if (!reply.IsSuccess) throw Failure($"the login failed: {reply}", DeliveryFailureKind.Authentication);

                if (IsTls)
                {
                    Expect(Command("PBSZ 0"), "PBSZ 0", DeliveryFailureKind.Negotiation);
                    Expect(Command("PROT P"), "PROT P (encrypted data connections)", DeliveryFailureKind.Negotiation);
                }

                var features = Command("FEAT");
                if (features.IsSuccess)
                {
                    var lines = features.Text.Split('\n').Select(l => l.Trim().ToUpperInvariant()).ToList();
                    _mlsd = lines.Any(l => l == "MLST" || l.StartsWith("MLST ", StringComparison.Ordinal));
                    if (lines.Contains("UTF8")) Command("OPTS UTF8 ON");
                }

                Expect(Command("TYPE I"), "TYPE I (binary)", DeliveryFailureKind.IO);
                var cwd = Command("CWD " + Plain(Destination.Directory));
                // 550: no such folder (or no access to it), which waiting does not change; anything else may pass.
                if (!cwd.IsSuccess) throw Failure($"the remote folder '{Destination.Directory}' cannot be opened: {cwd}", cwd.Code == 550 ? DeliveryFailureKind.FolderNotFound : DeliveryFailureKind.IO);
            }
            catch (Exception ex) when (IsTransport(ex))
            {
                throw Lost(ex, "logging in");
            }
        }

        /// <summary>Reads the greeting and, for ftps, secures the control connection (AUTH TLS and the certificate check); sends no user name.</summary>
        private void Greet()
        {
            var greeting = ReadReply();
            if (greeting.Code == 120) greeting = ReadReply();
            if (greeting.Code != 220) throw Failure($"the server is not ready: {greeting}", DeliveryFailureKind.Unavailable);

            if (IsTls)
            {
                var auth = Command("AUTH TLS");
                if (auth.Code != 234) throw Failure($"the server does not offer explicit TLS (AUTH TLS): {auth}", DeliveryFailureKind.Negotiation);
                _stream = Secure(_stream, "control");
            }
        }

        /// <summary>
        /// The certificate an ftps:// server presents after <c>AUTH TLS</c>, read without logging in: the connection ends
        /// with <c>QUIT</c> right after the TLS handshake, before any <c>USER</c> (see <see cref="FtpsCertificateReader"/>).
        /// </summary>
        internal static FtpsCertificate ReadCertificate(DeliveryDestination destination, TimeSpan timeout)
        {
            if (destination.Scheme != "ftps") throw new ArgumentException($"'{destination.DisplayName}' is not an ftps:// destination.", nameof(destination));
            var check = FtpCertificateCheck.Reading();
            var timeoutMs = TimeoutMs(timeout);
            var (control, address) = ConnectTcp(destination.Host, destination.Port, timeoutMs, SftpRemoteFolder.Describe(destination, null), "connect");
            using (var folder = new FtpRemoteFolder(destination, control, address, string.Empty, timeout, check))
            {
                try
                {
                    folder.Greet();
                }
                catch (Exception ex) when (IsTransport(ex))
                {
                    throw folder.Lost(ex, "reading the certificate");
                }
            }

            var certificate = check.PresentedCertificate ?? throw new DeliveryException($"{SftpRemoteFolder.Describe(destination, null)}: the server presented no certificate.", DeliveryFailureKind.Negotiation);
            return new FtpsCertificate(destination.Host, destination.Port, certificate, check.Presented!, check.PresentedErrors);
        }

        private Stream Secure(Stream inner, string what)
        {
            var ssl = new SslStream(inner, false, _certificates!.Validate);
            try
            {
                // TLS 1.2: servers like vsftpd (require_ssl_reuse=YES, its default) accept a data connection only when it
                // resumes the control connection's TLS session. A TLS 1.2 session can be resumed by every data connection;
                // with TLS 1.3 (tickets) against vsftpd 3.0.3 the later transfers of a session failed with "522 SSL
                // connection failed: session reuse required" (measured on .NET 10, Linux).
                ssl.AuthenticateAsClient(Destination.Host, null, SslProtocols.Tls12, false);
                return ssl;
            }
            catch (AuthenticationException ex)
            {
                ssl.Dispose();
                if (_certificates.Refusal != null)
                {
                    var before = what == "control" ? "certificate refused before logging in" : "certificate of the data connection refused";
                    var nothingSent = what == "control" ? " No user name or password was sent." : string.Empty;
                    throw new DeliveryException($"{Describe()}: {before}: {_certificates.Refusal}.{nothingSent}", DeliveryFailureKind.HostKeyMismatch, ex, _certificates.Presented);
                }

                throw Failure($"the TLS handshake failed ({what} connection): {ex.Message}", DeliveryFailureKind.Negotiation, ex);
            }
        }

        private void Expect(FtpReply reply, string what, DeliveryFailureKind kind)
        {
            if (!reply.IsSuccess) throw Failure($"the server refused {what}: {reply}", kind);
        }

        private FtpReply RenameOnce(string from, string to)
        {
            var reply = Command("RNFR " + Plain(from));
            if (reply.Code != 350) return reply;
            return Command("RNTO " + Plain(to));
        }

        /// <summary>Deletes what a failed upload left, saying so in the error (or that it could not).</summary>
        private string RemovePartial(string name)
        {
            try
            {
                var reply = Command("DELE " + Plain(name));
                if (reply.IsSuccess) return $"; the partial '{name}' was deleted";
                return reply.Code == 550 ? string.Empty : $"; the partial '{name}' may be left: {reply}";
            }
            catch (Exception ex) when (IsTransport(ex) || ex is DeliveryException)
            {
                return $"; the partial '{name}' may be left";
            }
        }

        /// <summary>Reads a whole download (a listing).</summary>
        private byte[] Download(string command, string what)
        {
            var data = OpenData(what);
            var buffer = new MemoryStream();
            try
            {
                var start = Command(command);
                if (!start.IsPreliminary) throw Failure($"cannot {what}: {start}", DeliveryFailureKind.IO);
                using (var stream = SecureData(data))
                {
                    stream.CopyTo(buffer);
                }
            }
            finally
            {
                data.Dispose();
            }

            var done = ReadReply();
            if (!done.IsSuccess) throw Failure($"cannot {what}: {done}{ReuseHint(done)}", DeliveryFailureKind.IO);
            return buffer.ToArray();
        }

        /// <summary>Opens a passive data connection to the control connection's address (the address in a PASV reply is ignored: NAT and FTP bounce).</summary>
        private TcpClient OpenData(string what)
        {
            int port;
            var reply = _useEpsv ? Command("EPSV") : default;
            if (_useEpsv && reply.Code == 229)
            {
                var match = Regex.Match(reply.Text, @"\((.)\1\1(\d+)\1\)");
                if (!match.Success) throw Failure($"cannot read the EPSV reply: {reply}", DeliveryFailureKind.IO);
                port = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            }
            else
            {
                // Servers without EPSV (500/502): PASV from now on.
                _useEpsv = false;
                reply = Command("PASV");
                var match = Regex.Match(reply.Text, @"(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)");
                if (reply.Code != 227 || !match.Success) throw Failure($"the server refused a passive data connection: {reply}", DeliveryFailureKind.IO);
                port = int.Parse(match.Groups[5].Value, CultureInfo.InvariantCulture) * 256 + int.Parse(match.Groups[6].Value, CultureInfo.InvariantCulture);
            }

            return ConnectTcp(_serverAddress, port, _timeoutMs, Describe(), "open a data connection to " + what + " (port " + port.ToString(CultureInfo.InvariantCulture) + ")");
        }

        /// <summary>
        /// Ends TLS on a data connection with close_notify, which tells the server the upload is complete (vsftpd answers
        /// "426 Failure reading network stream" to a bare TCP close). <c>SslStream.ShutdownAsync</c> is on .NET Framework
        /// 4.7+, Mono and .NET, but not in netstandard2.0's surface, hence the reflection.
        /// </summary>
        private void CloseTls(Stream stream)
        {
            if (!(stream is SslStream ssl)) return;
            if (!(ShutdownAsync?.Invoke(ssl, null) is Task shutdown)) return;
            try
            {
                if (!shutdown.Wait(_timeoutMs)) throw new IOException("the TLS shutdown of the data connection timed out", new SocketException((int)SocketError.TimedOut));
            }
            catch (AggregateException ex) when (ex.InnerException != null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            }
        }

        private static readonly System.Reflection.MethodInfo? ShutdownAsync = typeof(SslStream).GetMethod("ShutdownAsync", Type.EmptyTypes);

        private Stream SecureData(TcpClient data)
        {
            if (!IsTls) return data.GetStream();
            try
            {
                return Secure(data.GetStream(), "data");
            }
            catch (DeliveryException)
            {
                // The server's reply to the transfer is still pending: this control connection is out of step.
                _broken = "a data connection failed its TLS handshake";
                throw;
            }
        }

        private FtpReply Command(string line)
        {
            Send(line);
            return ReadReply();
        }

        private void Send(string line)
        {
            var bytes = Utf8.GetBytes(line + "\r\n");
            _stream.Write(bytes, 0, bytes.Length);
            _stream.Flush();
        }

        /// <summary>Reads one reply, of one line or several (<c>123-…</c> up to <c>123 …</c>).</summary>
        private FtpReply ReadReply()
        {
            var first = ReadLine();
            if (first.Length < 3 || !int.TryParse(first.Substring(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
            {
                throw Failure($"the server's reply is not FTP: '{Shorten(first)}'", DeliveryFailureKind.Unavailable);
            }

            if (first.Length < 4 || first[3] != '-') return new FtpReply(code, first);
            var text = new StringBuilder(first);
            var end = first.Substring(0, 3) + " ";
            string line;
            do
            {
                line = ReadLine();
                text.Append('\n').Append(line);
            }
            while (!line.StartsWith(end, StringComparison.Ordinal) && !(line.Length == 3 && line == end.Trim()));

            return new FtpReply(code, text.ToString());
        }

        /// <summary>One line, byte by byte: the control connection carries little, and no reader may buffer past AUTH TLS.</summary>
        private string ReadLine()
        {
            var bytes = new MemoryStream();
            while (true)
            {
                var b = _stream.ReadByte();
                if (b < 0) throw new IOException("the server closed the connection");
                if (b == '\n') break;
                if (bytes.Length > 64 * 1024) throw new IOException("the server sent a line longer than 64 KB");
                bytes.WriteByte((byte)b);
            }

            return Utf8.GetString(bytes.ToArray()).TrimEnd('\r');
        }

        private T Io<T>(string name, Func<T> action)
        {
            if (_broken != null) throw Failure($"cannot work on '{Destination.PathOf(name)}': {_broken}", DeliveryFailureKind.Unavailable);
            try
            {
                return action();
            }
            catch (Exception ex) when (IsTransport(ex))
            {
                throw Lost(ex, "working on '" + Destination.PathOf(name) + "'");
            }
        }

        /// <summary>A failure of the connection (Mono's synchronous SslStream wraps them in an AggregateException).</summary>
        private static bool IsTransport(Exception ex)
        {
            ex = Unwrap(ex);
            return ex is IOException || ex is SocketException || ex is ObjectDisposedException;
        }

        private static Exception Unwrap(Exception ex) => ex is AggregateException aggregate && aggregate.InnerException != null ? Unwrap(aggregate.InnerException) : ex;

        private DeliveryException Lost(Exception ex, string doing)
        {
            ex = Unwrap(ex);
            var timedOut = false;
            // A receive timeout is TimedOut on .NET and WouldBlock (EAGAIN) on Mono.
            for (var e = ex; e != null; e = e.InnerException) timedOut |= e is SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.WouldBlock };
            _broken = timedOut ? "an earlier operation timed out" : "the connection was lost";
            return timedOut
                ? Failure($"no answer within {_timeoutMs / 1000.0:0.#} s while {doing}.", DeliveryFailureKind.Unavailable, ex)
                : Failure($"the connection was lost while {doing}: {ex.Message}", DeliveryFailureKind.Unavailable, ex);
        }

        private DeliveryException Failure(string message, DeliveryFailureKind kind, Exception? inner = null) =>
            new DeliveryException($"{Describe()}: {message}", kind, inner);

        private string Describe() => SftpRemoteFolder.Describe(Destination, _user);

        /// <summary>A name or path as an FTP argument: a line break would end the command and start another.</summary>
        private string Plain(string name)
        {
            if (name.IndexOf('\r') >= 0 || name.IndexOf('\n') >= 0) throw Failure($"the name '{Shorten(name)}' contains a line break, which FTP cannot carry.", DeliveryFailureKind.IO);
            return name;
        }

        /// <summary>
        /// Servers that require the data connection to resume the control connection's TLS session (vsftpd's default,
        /// 522) get that from .NET on Linux only when the host is named, not given as an IP address (measured on .NET 10).
        /// </summary>
        private string ReuseHint(FtpReply reply) =>
            reply.Code == 522 && reply.Text.IndexOf("reuse", StringComparison.OrdinalIgnoreCase) >= 0 && IPAddress.TryParse(Destination.Host, out _)
                ? " (the server requires TLS session reuse on data connections; name the host by its DNS name rather than its IP address so the TLS session can be resumed)"
                : string.Empty;

        private static string Shorten(string text) => text.Length > 200 ? text.Substring(0, 200) + "…" : text;

        private static int TimeoutMs(TimeSpan timeout) => timeout <= TimeSpan.Zero ? 30000 : (int)Math.Min(int.MaxValue, Math.Max(1, timeout.TotalMilliseconds));

        private static (TcpClient Client, IPAddress Address) ConnectTcp(string host, int port, int timeoutMs, string who, string what)
        {
            var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            IPAddress[] addresses;
            if (IPAddress.TryParse(host, out var literal))
            {
                addresses = new[] { literal };
            }
            else
            {
                var lookup = Dns.GetHostAddressesAsync(host);
                if (!Wait(lookup, timeoutMs)) throw new DeliveryException($"{who}: the host name was not resolved within {timeoutMs / 1000.0:0.#} s.", DeliveryFailureKind.Unavailable);
                addresses = lookup.Status == TaskStatus.RanToCompletion ? lookup.Result : Array.Empty<IPAddress>();
                if (addresses.Length == 0) throw new DeliveryException($"{who}: the host name cannot be resolved: {lookup.Exception?.GetBaseException().Message}", DeliveryFailureKind.Unavailable, lookup.Exception?.GetBaseException());
            }

            return ConnectTcp(addresses, port, deadline, timeoutMs, who, what);
        }

        private static TcpClient ConnectTcp(IPAddress address, int port, int timeoutMs, string who, string what) =>
            ConnectTcp(new[] { address }, port, DateTime.UtcNow.AddMilliseconds(timeoutMs), timeoutMs, who, what).Client;

        private static (TcpClient Client, IPAddress Address) ConnectTcp(IPAddress[] addresses, int port, DateTime deadline, int timeoutMs, string who, string what)
        {
            Exception? last = null;
            foreach (var address in addresses)
            {
                var remaining = (int)Math.Max(0, (deadline - DateTime.UtcNow).TotalMilliseconds);
                if (remaining == 0) break;
                var client = new TcpClient(address.AddressFamily) { ReceiveTimeout = timeoutMs, SendTimeout = timeoutMs, NoDelay = true };
                var connect = client.ConnectAsync(address, port);
                if (Wait(connect, remaining) && connect.Status == TaskStatus.RanToCompletion) return (client, address);
                last = connect.IsCompleted ? connect.Exception?.GetBaseException() : null;
                client.Dispose();
            }

            if (last is SocketException socket)
            {
                throw new DeliveryException($"{who}: cannot {what}: {socket.Message} ({socket.SocketErrorCode}).", DeliveryFailureKind.Unavailable, socket);
            }

            throw new DeliveryException($"{who}: cannot {what}: no answer within {timeoutMs / 1000.0:0.#} s{(last == null ? "." : ": " + last.Message)}", DeliveryFailureKind.Unavailable, last);
        }

        private static bool Wait(Task task, int milliseconds)
        {
            try
            {
                return task.Wait(milliseconds);
            }
            catch (AggregateException)
            {
                return true;
            }
        }

        private static readonly Regex UnixListing = new Regex(
            @"^(?<type>[-dlbcps])[rwxsStT-]{9}\S*\s+\d+\s+\S+\s+\S+\s+(?<size>\d+)\s+\w{3}\s+\d{1,2}\s+(\d{1,2}:\d{2}|\d{4})\s(?<name>.+)$",
            RegexOptions.CultureInvariant);

        private static readonly Regex DosListing = new Regex(
            @"^\d{2}-\d{2}-\d{2,4}\s+\d{1,2}:\d{2}\s*[AaPp][Mm]\s+(?<size><DIR>|\d+)\s+(?<name>.+)$",
            RegexOptions.CultureInvariant);

        /// <summary>A LIST line (Unix or DOS style) to a file; folders, links and other lines to null. LIST's dates are too vague to keep.</summary>
        internal static RemoteFile? ParseList(string line)
        {
            var unix = UnixListing.Match(line);
            if (unix.Success)
            {
                return unix.Groups["type"].Value == "-" ? new RemoteFile(unix.Groups["name"].Value, long.Parse(unix.Groups["size"].Value, CultureInfo.InvariantCulture), null) : null;
            }

            var dos = DosListing.Match(line);
            if (dos.Success && dos.Groups["size"].Value != "<DIR>")
            {
                return new RemoteFile(dos.Groups["name"].Value, long.Parse(dos.Groups["size"].Value, CultureInfo.InvariantCulture), null);
            }

            return null;
        }

        /// <summary>An MLSD line (<c>type=file;size=3;modify=20261129194600; name</c>) to a file; other types to null.</summary>
        internal static RemoteFile? ParseMlsd(string line)
        {
            var space = line.IndexOf(' ');
            if (space < 0) return null;
            var facts = line.Substring(0, space).Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(f => f.Split(new[] { '=' }, 2))
                .Where(f => f.Length == 2)
                .GroupBy(f => f[0].ToLowerInvariant())
                .ToDictionary(g => g.Key, g => g.First()[1]);
            if (!facts.TryGetValue("type", out var type) || !string.Equals(type, "file", StringComparison.OrdinalIgnoreCase)) return null;
            long size = 0;
            if (facts.TryGetValue("size", out var sizeText)) long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size);
            DateTimeOffset? modified = null;
            if (facts.TryGetValue("modify", out var modify)
                && DateTime.TryParseExact(modify.Split('.')[0], "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var when))
            {
                modified = new DateTimeOffset(when, TimeSpan.Zero);
            }

            return new RemoteFile(line.Substring(space + 1), size, modified);
        }
    }
}
