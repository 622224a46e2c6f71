using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace OfflineData.Module.Tests.StoreKinds
{
    /// <summary>
    /// The PostgreSQL server the PostgreSQL cases run against: OFFLINEDATA_TEST_POSTGRES holds an admin connection
    /// string (keyword form, "Host=127.0.0.1;Port=55432;Username=odtest;Database=postgres", or a postgresql:// URI) of a
    /// user who may create databases. Each test gets its own database (odtest_&lt;guid&gt;, see <see cref="DatabasePrefix"/>), created and dropped with
    /// psql, so the tests need no driver of their own. Without the variable the cases are skipped with the reason,
    /// except in CI (CI=true), where a missing server must fail, never pass silently.
    /// </summary>
    public static class TestPostgres
    {
        /// <summary>The environment variable naming the admin connection string.</summary>
        public const string Variable = "OFFLINEDATA_TEST_POSTGRES";

        /// <summary>
        /// The prefix of every database the tests create (and drop): odtest_, or OFFLINEDATA_TEST_POSTGRES_PREFIX on a
        /// server shared with others who may create and drop only databases of their own prefix.
        /// </summary>
        public static string DatabasePrefix
        {
            get
            {
                var prefix = Environment.GetEnvironmentVariable("OFFLINEDATA_TEST_POSTGRES_PREFIX");
                return string.IsNullOrWhiteSpace(prefix) ? "odtest_" : prefix.Trim().ToLowerInvariant();
            }
        }

        /// <summary>The admin connection string, or null when none is configured.</summary>
        public static string? AdminConnectionString
        {
            get
            {
                var value = Environment.GetEnvironmentVariable(Variable);
                return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            }
        }

        /// <summary>True in CI (CI=true or 1), where a test that needs a server and has none fails.</summary>
        public static bool InCI
        {
            get
            {
                var ci = Environment.GetEnvironmentVariable("CI");
                return string.Equals(ci, "true", StringComparison.OrdinalIgnoreCase) || ci == "1";
            }
        }

        /// <summary>Why the PostgreSQL cases are skipped, or null when they run (a server is configured, or in CI).</summary>
        public static string? SkipReason => AdminConnectionString == null && !InCI ? MissingMessage : null;

        /// <summary>What a PostgreSQL case says when the server is missing.</summary>
        public static string MissingMessage =>
            $"No PostgreSQL server for the PostgreSQL store cases: {Variable} is not set (e.g. 'Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres'; .ci/run starts one). Skipped on a developer machine; CI (CI=true) fails without it.";

        /// <summary>The admin connection string; throws with <see cref="MissingMessage"/> when none is configured (CI).</summary>
        public static string RequireAdmin() => AdminConnectionString ?? throw new InvalidOperationException(MissingMessage);

        /// <summary>Creates a new empty database and returns its name.</summary>
        public static string CreateDatabase()
        {
            var name = DatabasePrefix + Guid.NewGuid().ToString("N");
            if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z_][a-z0-9_]{0,62}$")) throw new InvalidOperationException($"Not a plain database name: {name} (check OFFLINEDATA_TEST_POSTGRES_PREFIX).");
            Psql(RequireAdmin(), null, $"CREATE DATABASE {name}");
            return name;
        }

        /// <summary>Drops a database the tests created (closing any connection still open to it).</summary>
        public static void DropDatabase(string name)
        {
            if (!name.StartsWith(DatabasePrefix, StringComparison.Ordinal)) throw new ArgumentException($"Not a test database: {name}");
            Psql(RequireAdmin(), null, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }

        /// <summary>Runs one SQL statement in <paramref name="database"/> (null: the admin database) and returns its output, unaligned, tuples only.</summary>
        public static string Query(string database, string sql) => Psql(RequireAdmin(), database, sql);

        /// <summary>
        /// The store location of <paramref name="database"/> on the admin connection's server, as a user gives -Store:
        /// the admin connection string with another database and without a password (a password in -Store is refused:
        /// it goes to PGPASSWORD, which the store reads like psql).
        /// </summary>
        public static string StoreLocation(string database)
        {
            var admin = RequireAdmin();
            if (IsUri(admin))
            {
                var uri = new UriBuilder(admin) { Path = "/" + database, Password = string.Empty };
                if (!string.IsNullOrEmpty(new Uri(admin).UserInfo.Split(':').Skip(1).FirstOrDefault())) SetPasswordVariable(Uri.UnescapeDataString(new Uri(admin).UserInfo.Split(':')[1]));
                return uri.Uri.GetComponents(UriComponents.AbsoluteUri, UriFormat.UriEscaped).Replace(":@", "@");
            }

            var pairs = Keywords(admin);
            var password = pairs.FirstOrDefault(p => Is(p.Key, "password", "pwd", "psw")).Value;
            if (!string.IsNullOrEmpty(password)) SetPasswordVariable(password);
            var kept = pairs.Where(p => !Is(p.Key, "password", "pwd", "psw", "database", "db")).Select(p => $"{p.Key}={p.Value}");
            return string.Join(";", kept.Append("Database=" + database));
        }

        private static void SetPasswordVariable(string password)
        {
            if (Environment.GetEnvironmentVariable("PGPASSWORD") == null) Environment.SetEnvironmentVariable("PGPASSWORD", password);
        }

        private static bool IsUri(string value) =>
            value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase);

        private static bool Is(string key, params string[] names) =>
            names.Any(n => string.Equals(key.Replace(" ", string.Empty), n, StringComparison.OrdinalIgnoreCase));

        private static List<KeyValuePair<string, string>> Keywords(string connectionString) =>
            connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(part => part.Split('=', 2))
                .Where(kv => kv.Length == 2)
                .Select(kv => new KeyValuePair<string, string>(kv[0].Trim(), kv[1].Trim()))
                .ToList();

        /// <summary>Runs psql against the admin server; the connection goes through PG* variables, never the command line.</summary>
        private static string Psql(string admin, string? database, string sql)
        {
            var start = new ProcessStartInfo(PsqlPath())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-c", sql }) start.ArgumentList.Add(argument);

            if (IsUri(admin))
            {
                var uri = new UriBuilder(admin);
                if (database != null) uri.Path = "/" + database;
                start.ArgumentList.Add("-d");
                start.ArgumentList.Add(uri.Uri.AbsoluteUri);
            }
            else
            {
                foreach (var pair in Keywords(admin))
                {
                    var variable = Is(pair.Key, "host", "server") ? "PGHOST"
                        : Is(pair.Key, "port") ? "PGPORT"
                        : Is(pair.Key, "username", "user", "userid", "username") ? "PGUSER"
                        : Is(pair.Key, "password", "pwd", "psw") ? "PGPASSWORD"
                        : Is(pair.Key, "database", "db") ? "PGDATABASE"
                        : Is(pair.Key, "sslmode") ? "PGSSLMODE"
                        : null;
                    if (variable != null) start.Environment[variable] = variable == "PGSSLMODE" ? pair.Value.ToLowerInvariant() : pair.Value;
                }

                if (database != null) start.Environment["PGDATABASE"] = database;
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("psql did not start.");
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(60_000))
            {
                process.Kill();
                throw new TimeoutException($"psql did not finish within a minute: {sql}");
            }

            if (process.ExitCode != 0) throw new InvalidOperationException($"psql failed ({process.ExitCode}) on '{sql}': {error.Result.Trim()}");
            return output.Trim();
        }

        /// <summary>psql on PATH, else the newest /usr/lib/postgresql/N/bin/psql (Debian).</summary>
        private static string PsqlPath()
        {
            foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
            {
                foreach (var name in new[] { "psql", "psql.exe" })
                {
                    var candidate = Path.Combine(folder, name);
                    if (File.Exists(candidate)) return candidate;
                }
            }

            var debian = Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "psql")).Where(File.Exists).OrderByDescending(p => p, StringComparer.Ordinal).FirstOrDefault()
                : null;
            return debian ?? throw new InvalidOperationException($"psql (the PostgreSQL client) is not on PATH: the PostgreSQL cases create their databases with it (Debian: apt-get install postgresql-client).");
        }
    }
}
