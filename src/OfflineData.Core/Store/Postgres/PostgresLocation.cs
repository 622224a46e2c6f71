using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using System.Text;
using Npgsql;

namespace OfflineData.Core.Store.Postgres
{
    /// <summary>
    /// A PostgreSQL store location: a URI (<c>postgresql://user@host:5432/db?sslmode=require</c>, also <c>postgres://</c>,
    /// percent-decoded, query parameters in libpq's names or Npgsql's keywords), a keyword connection string
    /// (<c>Host=…;Database=…</c>) or libpq's keyword form (<c>host=… dbname=…</c>), turned into Npgsql's connection settings. A password in the location is refused: the
    /// location is a plain-text parameter that is echoed, so the password comes from the credential, <c>PGPASSWORD</c> or
    /// the pgpass file. <see cref="DisplayName"/> and <see cref="Location"/> never hold a secret.
    /// </summary>
    internal sealed class PostgresLocation
    {
        // libpq's URI query parameter names, mapped to Npgsql's connection string keywords.
        private static readonly Dictionary<string, string> LibpqNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["host"] = "Host",
            ["hostaddr"] = "Host",
            ["port"] = "Port",
            ["dbname"] = "Database",
            ["user"] = "Username",
            ["sslmode"] = "SSL Mode",
            ["sslrootcert"] = "Root Certificate",
            ["sslcert"] = "SSL Certificate",
            ["sslkey"] = "SSL Key",
            ["sslpassword"] = "SSL Password",
            ["sslnegotiation"] = "SSL Negotiation",
            ["connect_timeout"] = "Timeout",
            ["application_name"] = "Application Name",
            ["target_session_attrs"] = "Target Session Attributes",
            ["options"] = "Options",
            ["passfile"] = "Passfile",
            ["channel_binding"] = "Channel Binding",
            ["gssencmode"] = "GSS Encryption Mode",
            ["krbsrvname"] = "Kerberos Service Name",
            ["keepalives_idle"] = "Keepalive",
            ["client_encoding"] = "Client Encoding",
        };

        // Keywords never shown (the password) or never shown in the display name (their value is a secret).
        private static readonly HashSet<string> SecretKeywords = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Password", "SSL Password" };

        // Keywords the display name is made of; everything else non-secret becomes a query parameter of the location.
        private static readonly HashSet<string> IdentityKeywords = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Host", "Port", "Database", "Username" };

        /// <summary>The message for a password found in the location.</summary>
        internal const string PasswordRefused = "The PostgreSQL store location holds a password, which is refused: the location is plain text that is echoed in messages and output. Remove the password and give it with -Credential, the PGPASSWORD environment variable or the pgpass file (~/.pgpass; %APPDATA%\\postgresql\\pgpass.conf on Windows).";

        private PostgresLocation(NpgsqlConnectionStringBuilder builder, IReadOnlyList<KeyValuePair<string, string>> settings)
        {
            Builder = builder;
            Host = string.IsNullOrEmpty(builder.Host) ? "localhost" : builder.Host!;
            Port = builder.Port;
            User = !string.IsNullOrEmpty(builder.Username) ? builder.Username! : DefaultUser();
            Database = !string.IsNullOrEmpty(builder.Database) ? builder.Database! : User;
            DisplayName = "postgresql://" + Uri.EscapeDataString(User) + "@" + HostForUri(Host) + ":" + Port.ToString(CultureInfo.InvariantCulture) + "/" + Uri.EscapeDataString(Database);
            var extra = settings.Where(s => !IdentityKeywords.Contains(s.Key) && !SecretKeywords.Contains(s.Key)).ToList();
            Location = extra.Count == 0
                ? DisplayName
                : DisplayName + "?" + string.Join("&", extra.Select(s => QueryName(s.Key) + "=" + Uri.EscapeDataString(s.Value)));
        }

        /// <summary>Npgsql's settings (without a password unless a credential was applied).</summary>
        public NpgsqlConnectionStringBuilder Builder { get; }

        /// <summary>The server's host name (or several, comma-separated).</summary>
        public string Host { get; }

        /// <summary>The server's port.</summary>
        public int Port { get; }

        /// <summary>The user the store connects as.</summary>
        public string User { get; }

        /// <summary>The database.</summary>
        public string Database { get; }

        /// <summary><c>postgresql://user@host:port/database</c>: no password, no parameter at all.</summary>
        public string DisplayName { get; }

        /// <summary>The display name with the location's non-secret parameters (TLS settings...), so it reopens the same store the same way.</summary>
        public string Location { get; }

        /// <summary>Whether <paramref name="location"/> is a PostgreSQL URI or a keyword connection string.</summary>
        public static bool IsPostgres(string? location)
        {
            var what = StoreFactory.DescribeNonFileLocation(location);
            return what == "a PostgreSQL URI" || what == "a connection string";
        }

        /// <summary>
        /// Parses <paramref name="location"/>; <paramref name="credential"/> (when given) supplies the user and password.
        /// </summary>
        /// <exception cref="StoreException">The location is malformed or holds a password (kind Unavailable); its value is never echoed.</exception>
        public static PostgresLocation Parse(string location, System.Net.NetworkCredential? credential = null)
        {
            if (location == null) throw new ArgumentNullException(nameof(location));
            var settings = location.TrimStart().StartsWith("postgres", StringComparison.OrdinalIgnoreCase) && location.IndexOf("://", StringComparison.Ordinal) >= 0
                ? ParseUri(location.Trim())
                : ParseConninfo(location) ?? ParseKeywords(location);

            var builder = new NpgsqlConnectionStringBuilder();
            foreach (var setting in settings)
            {
                if (string.Equals(setting.Key, "Password", StringComparison.OrdinalIgnoreCase))
                {
                    throw new StoreException(PasswordRefused, StoreFailureKind.Unavailable);
                }

                try
                {
                    // libpq writes verify-full, Npgsql's enum VerifyFull.
                    builder[setting.Key] = string.Equals(setting.Key, "SSL Mode", StringComparison.OrdinalIgnoreCase) ? setting.Value.Replace("-", string.Empty) : setting.Value;
                }
                catch (Exception e) when (e is ArgumentException || e is FormatException || e is InvalidCastException || e is OverflowException)
                {
                    throw new StoreException($"The PostgreSQL store location has a setting '{setting.Key}' that Npgsql does not accept ({e.GetType().Name}); check its name and value.", StoreFailureKind.Unavailable, null);
                }
            }

            if (!string.IsNullOrEmpty(builder.Password)) throw new StoreException(PasswordRefused, StoreFailureKind.Unavailable);

            // libpq's defaults from the environment where the location leaves them out (Npgsql reads PGUSER, PGPASSWORD
            // and the pgpass file itself, not these).
            if (string.IsNullOrEmpty(builder.Host)) builder.Host = Environment.GetEnvironmentVariable("PGHOST") is string h && h.Length > 0 ? h : "localhost";
            if (!settings.Any(s => s.Key == "Port") && int.TryParse(Environment.GetEnvironmentVariable("PGPORT"), NumberStyles.None, CultureInfo.InvariantCulture, out var envPort)) builder.Port = envPort;
            if (string.IsNullOrEmpty(builder.Database) && Environment.GetEnvironmentVariable("PGDATABASE") is string d && d.Length > 0) builder.Database = d;

            if (credential != null)
            {
                if (!string.IsNullOrEmpty(credential.UserName)) builder.Username = credential.UserName;
                if (!string.IsNullOrEmpty(credential.Password)) builder.Password = credential.Password;
            }

            // Settings the store relies on: no pool (a closed store closes its connection, so a dropped database or a
            // restarted server is not met through a stale pooled one), unless the location asks for one.
            if (!settings.Any(s => string.Equals(s.Key, "Pooling", StringComparison.OrdinalIgnoreCase))) builder.Pooling = false;
            // Queries are long on big stores; the lock wait is the store's own, so no command times out on its own.
            if (!settings.Any(s => string.Equals(s.Key, "Command Timeout", StringComparison.OrdinalIgnoreCase))) builder.CommandTimeout = 0;
            return new PostgresLocation(builder, settings);
        }

        /// <summary>The canonical Npgsql keyword for a name given in a URI or connection string, or the name itself.</summary>
        private static string Canonical(string name)
        {
            if (LibpqNames.TryGetValue(name, out var keyword)) return keyword;
            return CanonicalKeys.TryGetValue(name.Replace(" ", string.Empty), out keyword) ? keyword : name;
        }

        // Npgsql synonyms for the keywords the store treats specially (the rest pass through as written).
        private static readonly Dictionary<string, string> CanonicalKeys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Host"] = "Host", ["Server"] = "Host",
            ["Port"] = "Port",
            ["Database"] = "Database", ["DB"] = "Database",
            ["Username"] = "Username", ["UserName"] = "Username", ["UserID"] = "Username", ["User"] = "Username", ["UID"] = "Username",
            ["Password"] = "Password", ["PSW"] = "Password", ["PWD"] = "Password",
            ["SSLPassword"] = "SSL Password",
            ["Pooling"] = "Pooling",
            ["CommandTimeout"] = "Command Timeout",
        };

        /// <summary>
        /// libpq's own keyword form, as psql and the PostgreSQL documentation write it: <c>host=db port=5432 dbname=offline
        /// user=od</c>, pairs separated by white space, a value with spaces in single quotes (<c>\'</c> and <c>\\</c>
        /// escaped). Null when <paramref name="location"/> is not in that form (it has a ';', or fewer than two pairs, or a
        /// word that is not name=value): it is then Npgsql's <c>Keyword=value;</c> form. Read as Npgsql's form, such a
        /// value became one host named after the whole text, password included, and was echoed in every message.
        /// </summary>
        private static List<KeyValuePair<string, string>>? ParseConninfo(string location)
        {
            if (location.IndexOf(';') >= 0) return null;
            var settings = new List<KeyValuePair<string, string>>();
            int i = 0, n = location.Length;
            while (true)
            {
                while (i < n && char.IsWhiteSpace(location[i])) i++;
                if (i == n) break;
                int nameStart = i;
                while (i < n && (char.IsLetterOrDigit(location[i]) || location[i] == '_')) i++;
                if (i == nameStart) return null;
                var name = location.Substring(nameStart, i - nameStart);
                while (i < n && char.IsWhiteSpace(location[i])) i++;
                if (i == n || location[i] != '=') return null;
                i++;
                while (i < n && char.IsWhiteSpace(location[i])) i++;
                var value = new StringBuilder();
                if (i < n && location[i] == '\'')
                {
                    i++;
                    while (true)
                    {
                        if (i == n) return null; // an unterminated quote
                        var c = location[i++];
                        if (c == '\'') break;
                        if (c == '\\' && i < n) c = location[i++];
                        value.Append(c);
                    }
                }
                else
                {
                    while (i < n && !char.IsWhiteSpace(location[i]))
                    {
                        var c = location[i++];
                        if (c == '\\' && i < n) c = location[i++];
                        value.Append(c);
                    }
                }

                settings.Add(new KeyValuePair<string, string>(Canonical(name), value.ToString()));
            }

            return settings.Count >= 2 ? settings : null;
        }

        private static readonly System.Text.RegularExpressions.Regex EmbeddedPassword = new System.Text.RegularExpressions.Regex(@"(^|\s)(password|pwd|psw)\s*=", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        private static List<KeyValuePair<string, string>> ParseKeywords(string location)
        {
            DbConnectionStringBuilder generic;
            try
            {
                generic = new DbConnectionStringBuilder { ConnectionString = location };
            }
            catch (ArgumentException)
            {
                throw new StoreException("The PostgreSQL store location is not a valid connection string: write it as Keyword=value pairs separated by ';' (e.g. Host=db.example;Database=offline;Username=od), or as a URI postgresql://user@host:5432/database.", StoreFailureKind.Unavailable);
            }

            var settings = new List<KeyValuePair<string, string>>();
            foreach (string key in generic.Keys)
            {
                // A password written libpq's way inside a value (a conninfo the libpq reader above could not read) would be
                // echoed with that value.
                if (EmbeddedPassword.IsMatch(Convert.ToString(generic[key], CultureInfo.InvariantCulture) ?? string.Empty)) throw new StoreException(PasswordRefused, StoreFailureKind.Unavailable);
                settings.Add(new KeyValuePair<string, string>(Canonical(key), Convert.ToString(generic[key], CultureInfo.InvariantCulture) ?? string.Empty));
            }

            return settings;
        }

        private static List<KeyValuePair<string, string>> ParseUri(string uri)
        {
            var settings = new List<KeyValuePair<string, string>>();
            int schemeEnd = uri.IndexOf("://", StringComparison.Ordinal);
            var rest = uri.Substring(schemeEnd + 3);
            string query = string.Empty;
            int q = rest.IndexOf('?');
            if (q >= 0)
            {
                query = rest.Substring(q + 1);
                rest = rest.Substring(0, q);
            }

            string path = string.Empty;
            int slash = rest.IndexOf('/');
            if (slash >= 0)
            {
                path = rest.Substring(slash + 1);
                rest = rest.Substring(0, slash);
            }

            int at = rest.LastIndexOf('@');
            if (at >= 0)
            {
                var userInfo = rest.Substring(0, at);
                rest = rest.Substring(at + 1);
                int colon = userInfo.IndexOf(':');
                if (colon >= 0) throw new StoreException(PasswordRefused, StoreFailureKind.Unavailable);
                if (userInfo.Length > 0) settings.Add(new KeyValuePair<string, string>("Username", Decode(userInfo)));
            }

            if (rest.Length > 0)
            {
                // host[:port][,host[:port]...]; an IPv6 address is in brackets.
                var hosts = new List<string>();
                string? port = null;
                foreach (var part in rest.Split(','))
                {
                    string host = part;
                    string? partPort = null;
                    if (part.StartsWith("[", StringComparison.Ordinal))
                    {
                        int close = part.IndexOf(']');
                        if (close < 0) throw Malformed();
                        host = part.Substring(1, close - 1);
                        if (close + 1 < part.Length)
                        {
                            if (part[close + 1] != ':') throw Malformed();
                            partPort = part.Substring(close + 2);
                        }
                    }
                    else
                    {
                        int colon = part.LastIndexOf(':');
                        if (colon >= 0)
                        {
                            host = part.Substring(0, colon);
                            partPort = part.Substring(colon + 1);
                        }
                    }

                    host = Decode(host);
                    if (partPort != null && !int.TryParse(partPort, NumberStyles.None, CultureInfo.InvariantCulture, out _)) throw Malformed();
                    if (hosts.Count == 0) port = partPort;
                    hosts.Add(partPort != null && hosts.Count > 0 ? host + ":" + partPort : host);
                }

                if (hosts.Any(h => h.Length > 0)) settings.Add(new KeyValuePair<string, string>("Host", string.Join(",", hosts)));
                if (port != null && port.Length > 0) settings.Add(new KeyValuePair<string, string>("Port", port));
            }

            if (path.Length > 0) settings.Add(new KeyValuePair<string, string>("Database", Decode(path)));

            foreach (var pair in query.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = pair.IndexOf('=');
                if (eq <= 0) throw Malformed();
                var name = Decode(pair.Substring(0, eq));
                var value = Decode(pair.Substring(eq + 1));
                var keyword = Canonical(name);
                settings.RemoveAll(s => string.Equals(s.Key, keyword, StringComparison.OrdinalIgnoreCase));
                settings.Add(new KeyValuePair<string, string>(keyword, value));
            }

            return settings;
        }

        private static StoreException Malformed() =>
            new StoreException("The PostgreSQL store location is not a valid URI: write it as postgresql://user@host:5432/database?sslmode=require (percent-encode special characters), or as a keyword connection string Host=…;Database=….", StoreFailureKind.Unavailable);

        private static string Decode(string text)
        {
            try
            {
                return Uri.UnescapeDataString(text);
            }
            catch (UriFormatException)
            {
                throw Malformed();
            }
        }

        private static string HostForUri(string host) =>
            host.IndexOf(':') >= 0 && host.IndexOf(',') < 0 && !host.StartsWith("[", StringComparison.Ordinal) ? "[" + host + "]" : host;

        // The libpq name when one maps to the keyword, so the location reads like a libpq URI; else Npgsql's keyword.
        private static string QueryName(string keyword)
        {
            foreach (var pair in LibpqNames)
            {
                if (string.Equals(pair.Value, keyword, StringComparison.OrdinalIgnoreCase) && !IdentityKeywords.Contains(keyword)) return pair.Key;
            }

            return Uri.EscapeDataString(keyword);
        }

        // Npgsql's own default user: PGUSER, else the operating system user.
        private static string DefaultUser()
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("PGUSER");
            return !string.IsNullOrEmpty(fromEnvironment) ? fromEnvironment! : Environment.UserName;
        }
    }
}
