using System;
using System.IO;
using System.Net.Sockets;
using Npgsql;

namespace OfflineData.Core.Store.Postgres
{
    /// <summary>
    /// Turns Npgsql's and PostgreSQL's failures into a <see cref="StoreException"/> naming the store (never its password),
    /// what was being done and the cause in words, with a kind a caller can act on: the server cannot be reached, the
    /// login is refused or the database is missing (Unavailable); lock, serialization or deadlock (Busy); a constraint
    /// (Constraint); disk full, I/O, damaged data or tables missing (IO); anything else (Other).
    /// </summary>
    internal static class PostgresFailure
    {
        /// <summary>Whether <paramref name="e"/> is a driver failure this class maps (callers catch these).</summary>
        public static bool IsDriverFailure(Exception e) => e is NpgsqlException || e is TimeoutException || e is SocketException || e is FileNotFoundException;

        /// <summary>The exception for <paramref name="e"/>, raised while the store was doing <paramref name="action"/>.</summary>
        public static StoreException From(PostgresLocation location, string action, Exception e) =>
            new StoreException(Scrub($"The store '{location.DisplayName}' could not {action}: {Cause(location, e)}.", location), Kind(e), e);

        /// <summary>The exception for a failure while the store was opened (what is not busy, too new or damaged is unavailable).</summary>
        public static StoreException Opening(PostgresLocation location, Exception e)
        {
            var kind = Kind(e);
            // A timeout before the store is open is the connection timeout (commands wait without limit unless the
            // location sets one): a server that does not answer, not another import's lock, so not Busy.
            var cause = IsTimeout(e) && !(e is PostgresException) ? NoAnswer(location) : OpeningCause(location, e) ?? Cause(location, e);
            if (kind == StoreFailureKind.Other || IsTimeout(e)) kind = StoreFailureKind.Unavailable;
            return new StoreException(Scrub($"Cannot open the store '{location.DisplayName}' (host {location.Host}, port {location.Port}, database '{location.Database}', user '{location.User}'): {cause}.", location), kind, e);
        }

        private static bool IsTimeout(Exception e) => e is TimeoutException || (e is NpgsqlException && e.InnerException is TimeoutException);

        private static string NoAnswer(PostgresLocation location) =>
            $"the server at {location.Host}:{location.Port} did not answer within {location.Builder.Timeout} s; check that it runs, that host and port name a PostgreSQL server and that no firewall drops the connection (connect_timeout=<seconds> in a URI, Timeout=<seconds> in a connection string, sets how long to wait)";

        /// <summary>
        /// The driver's own failures while logging in, in words that say what to do: Npgsql raises them as plain
        /// <see cref="NpgsqlException"/>s with an English message (no code), so they are told apart by that message;
        /// null for any other failure.
        /// </summary>
        private static string? OpeningCause(PostgresLocation location, Exception e)
        {
            if (e is FileNotFoundException missing)
            {
                // Npgsql reads these files only when it needs them, and fails where libpq would go on without a pgpass file.
                return $"the file '{missing.FileName}' does not exist; it is named by the PGPASSFILE environment variable or the location's passfile, or is a TLS certificate or key of the location (sslrootcert, sslcert, sslkey): correct or remove that setting";
            }

            if (!(e is NpgsqlException) || e is PostgresException) return null;
            if (e.Message.IndexOf("No password has been provided", StringComparison.Ordinal) >= 0)
            {
                return $"the server asks for the password of user '{location.User}' and none was given; give it with -Credential, the PGPASSWORD environment variable or the pgpass file (~/.pgpass; %APPDATA%\\postgresql\\pgpass.conf on Windows)";
            }

            if (e.Message.IndexOf("SSL connection requested", StringComparison.Ordinal) >= 0)
            {
                return $"the location asks for TLS (sslmode={SslModeName(location.Builder.SslMode)}) but the server at {location.Host}:{location.Port} does not accept TLS connections; enable TLS on the server (ssl = on), or on a trusted network only give sslmode=prefer or sslmode=disable";
            }

            return null;
        }

        // The sslmode as a URI and libpq write it.
        private static string SslModeName(SslMode mode) => mode switch
        {
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => mode.ToString().ToLowerInvariant(),
        };

        /// <summary>What a caller can do about <paramref name="e"/>, whatever the driver.</summary>
        public static StoreFailureKind Kind(Exception e)
        {
            if (e is PostgresException pg) return Kind(pg.SqlState);
            if (e is NpgsqlException npgsql)
            {
                if (npgsql.InnerException is TimeoutException) return StoreFailureKind.Busy;
                return StoreFailureKind.Unavailable; // the connection failed or broke: the server is not reachable as it is
            }

            if (e is TimeoutException) return StoreFailureKind.Busy;
            if (e is SocketException || e is IOException) return StoreFailureKind.Unavailable;
            return StoreFailureKind.Other;
        }

        /// <summary>The kind for a PostgreSQL SQLSTATE (https://www.postgresql.org/docs/current/errcodes-appendix.html).</summary>
        public static StoreFailureKind Kind(string sqlState)
        {
            if (string.IsNullOrEmpty(sqlState)) return StoreFailureKind.Other;
            switch (sqlState)
            {
                case "53100": // disk_full
                case "58030": // io_error
                case "XX001": // data_corrupted
                case "XX002": // index_corrupted
                case "42P01": // undefined_table: the store's tables were dropped or changed outside OfflineData
                case "42703": // undefined_column
                case "3F000": // invalid_schema_name
                    return StoreFailureKind.IO;
                case "40001": // serialization_failure
                case "40P01": // deadlock_detected
                case "55P03": // lock_not_available
                case "57014": // query_canceled (statement or lock timeout)
                    return StoreFailureKind.Busy;
                case "42501": // insufficient_privilege: e.g. no right to create the schema on first write
                    return StoreFailureKind.PermissionDenied;
                case "3D000": // invalid_catalog_name: no such database
                case "25006": // read_only_sql_transaction (a standby)
                case "53300": // too_many_connections
                case "57P01": // admin_shutdown
                case "57P02": // crash_shutdown
                case "57P03": // cannot_connect_now
                    return StoreFailureKind.Unavailable;
            }

            switch (sqlState.Substring(0, 2))
            {
                case "08": // connection_exception
                case "28": // invalid_authorization_specification
                    return StoreFailureKind.Unavailable;
                case "23": // integrity_constraint_violation
                    return StoreFailureKind.Constraint;
                case "40": // transaction_rollback
                    return StoreFailureKind.Busy;
                case "53": // insufficient_resources
                case "58": // system_error
                case "XX": // internal_error
                    return StoreFailureKind.IO;
                default:
                    return StoreFailureKind.Other;
            }
        }

        /// <summary>The cause in words, with the server's or driver's own message (never the password).</summary>
        public static string Cause(PostgresLocation location, Exception e)
        {
            if (e is PostgresException pg)
            {
                var server = $"{pg.MessageText.TrimEnd('.')} (SQLSTATE {pg.SqlState})";
                switch (Kind(pg.SqlState))
                {
                    case StoreFailureKind.Unavailable when pg.SqlState.StartsWith("28", StringComparison.Ordinal):
                        return $"the server refused the login of user '{location.User}' ({server}); check the user and the password given with -Credential, PGPASSWORD or the pgpass file";
                    case StoreFailureKind.Unavailable when pg.SqlState == "3D000":
                        return $"the database '{location.Database}' does not exist on the server ({server}); create it or correct the location";
                    case StoreFailureKind.IO when pg.SqlState == "53100":
                        return $"the database server's disk is full ({server}); free space on the server and run again";
                    case StoreFailureKind.IO when pg.SqlState == "42P01" || pg.SqlState == "42703" || pg.SqlState == "3F000":
                        return $"the store's tables in the schema 'offlinedata' are missing or were changed outside OfflineData ({server}); restore the database from a backup";
                    case StoreFailureKind.Busy:
                        return $"another session holds a lock the store needs, or the transaction conflicted with one ({server}); run again when it has finished";
                    default:
                        return server;
                }
            }

            var inner = e;
            while (inner.InnerException != null && !(inner is SocketException)) inner = inner.InnerException;
            if (inner is SocketException socket)
            {
                return socket.SocketErrorCode == SocketError.HostNotFound || socket.SocketErrorCode == SocketError.TryAgain || socket.SocketErrorCode == SocketError.NoData
                    ? $"the host '{location.Host}' is not known ({socket.Message.TrimEnd('.')}); check the host name"
                    : $"the server at {location.Host}:{location.Port} cannot be reached ({socket.Message.TrimEnd('.')}); check that it runs and accepts connections";
            }

            if (inner is TimeoutException || e is TimeoutException)
            {
                return $"the server at {location.Host}:{location.Port} did not answer in time ({e.Message.TrimEnd('.')})";
            }

            return e.Message.TrimEnd('.');
        }

        // Defence in depth: no message ever carries the password, whatever a driver or server put in it.
        private static string Scrub(string message, PostgresLocation location)
        {
            var password = location.Builder.Password;
            return string.IsNullOrEmpty(password) || password!.Length < 2 ? message : message.Replace(password, "********");
        }
    }
}
