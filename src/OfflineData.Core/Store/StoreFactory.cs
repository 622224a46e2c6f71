using System;
using System.Text.RegularExpressions;
using OfflineData.Core.Store.Postgres;
using OfflineData.Core.Store.Sqlite;

namespace OfflineData.Core.Store
{
    /// <summary>
    /// The one place that knows which implementation a store location (<c>-Store</c>, <c>OFFLINEDATA_STORE</c>) names:
    /// a file path is an SQLite store; a PostgreSQL URI (<c>postgresql://</c>, <c>postgres://</c>) or a keyword connection
    /// string (<c>Host=…;Database=…</c>) is a PostgreSQL store. A URI of another scheme is refused, with a message saying
    /// what is accepted and never echoing the value (it may hold a password).
    /// </summary>
    public static class StoreFactory
    {
        // A URI scheme of two or more letters followed by "://": "C:\x" (a drive) and "./x" are paths.
        private static readonly Regex UriScheme = new Regex(@"^\s*(?<scheme>[A-Za-z][A-Za-z0-9+.\-]+)://", RegexOptions.CultureInvariant);

        // A keyword connection string ("Host=db;Database=od"): starts with a keyword a server driver takes, then '='.
        private static readonly Regex ConnectionStringKeyword = new Regex(
            @"^\s*(host|server|database|db|port|username|user\s*id|userid|user|password|pwd|sslmode|ssl\s*mode|data\s*source)\s*=",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        /// <summary>
        /// Null when <paramref name="location"/> is a file path (an SQLite store); otherwise what it is, in words
        /// without any part of the value ("a PostgreSQL URI", "a connection string"), for the message and error target.
        /// </summary>
        public static string? DescribeNonFileLocation(string? location)
        {
            if (string.IsNullOrWhiteSpace(location)) return null;
            var uri = UriScheme.Match(location);
            if (uri.Success)
            {
                var scheme = uri.Groups["scheme"].Value.ToLowerInvariant();
                return scheme == "postgresql" || scheme == "postgres" ? "a PostgreSQL URI" : $"a URI of the scheme '{scheme}'";
            }

            return ConnectionStringKeyword.IsMatch(location) ? "a connection string" : null;
        }

        /// <summary>
        /// The store's display name, told from its location without opening it (for <c>ShouldProcess</c> text before
        /// anything is opened): for SQLite the full path of the file, for PostgreSQL <c>postgresql://user@host:port/database</c>.
        /// Never contains a secret.
        /// </summary>
        /// <exception cref="StoreException">The location is not one this release can open (see <see cref="Open"/>).</exception>
        public static string GetDisplayName(string? location)
        {
            var effective = Effective(location);
            EnsureSupported(effective);
            return PostgresLocation.IsPostgres(effective) ? PostgresLocation.Parse(effective!).DisplayName : StoreLocation.Resolve(location);
        }

        /// <summary>
        /// Opens the store <paramref name="location"/> names (null: <c>OFFLINEDATA_STORE</c>, else the per-user
        /// default): a file path (relative to the process's current directory) is an SQLite store; a PostgreSQL URI or
        /// keyword connection string a <see cref="PostgresOfflineDataStore"/> (with <see cref="StoreOpenOptions.Credential"/>).
        /// </summary>
        /// <exception cref="StoreException">
        /// The location is a URI of another scheme, holds a password, or the store cannot be opened.
        /// </exception>
        public static IOfflineDataStore Open(string? location, StoreOpenOptions options)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            var effective = Effective(location);
            EnsureSupported(effective);
            if (PostgresLocation.IsPostgres(effective)) return PostgresOfflineDataStore.Open(effective!, options);
            var store = SqliteOfflineDataStore.Open(location, options.Create);
            if (options.LockWait.HasValue) store.LockTimeout = options.LockWait.Value;
            store.WaitingForLock = options.Waiting;
            return store;
        }

        // No location: OFFLINEDATA_STORE decides (a path or a PostgreSQL location), else the per-user default file.
        private static string? Effective(string? location) =>
            string.IsNullOrWhiteSpace(location) ? Environment.GetEnvironmentVariable(StoreLocation.EnvironmentVariable) : location;

        private static void EnsureSupported(string? location)
        {
            var what = DescribeNonFileLocation(location);
            if (what != null && !PostgresLocation.IsPostgres(location))
            {
                throw new StoreException(
                    $"The store is given as {what}, which this release cannot open: give the path of an SQLite store file, a PostgreSQL URI (postgresql://user@host:5432/database) or a PostgreSQL connection string (Host=…;Database=…).",
                    StoreFailureKind.Unavailable);
            }
        }
    }
}
