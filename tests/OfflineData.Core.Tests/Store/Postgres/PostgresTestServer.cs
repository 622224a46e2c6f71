using System;
using Npgsql;

namespace OfflineData.Core.Tests.Store.Postgres
{
    /// <summary>
    /// The PostgreSQL server the PostgreSQL store tests use: <c>OFFLINEDATA_TEST_POSTGRES</c> holds a keyword connection
    /// string of a user allowed to create databases (e.g. <c>Host=127.0.0.1;Port=55432;Username=odtest;Database=postgres</c>).
    /// Each test gets a database of its own, named with <c>OFFLINEDATA_TEST_POSTGRES_PREFIX</c> (default
    /// <c>offlinedata_test_</c>) and a GUID, dropped afterwards. Without the variable the tests are skipped with the
    /// reason, except in CI (<c>CI=true</c>), where they fail: a server test that cannot reach its server never passes.
    /// </summary>
    public static class PostgresTestServer
    {
        public const string Variable = "OFFLINEDATA_TEST_POSTGRES";

        public const string PrefixVariable = "OFFLINEDATA_TEST_POSTGRES_PREFIX";

        /// <summary>The admin connection string, or null.</summary>
        public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is string value && value.Trim().Length > 0 ? value : null;

        public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

        /// <summary>Why PostgreSQL tests are skipped here, or null when they run (server given, or CI, where they then fail).</summary>
        public static string? SkipReason =>
            ConnectionString == null && !InCi
                ? $"No PostgreSQL server for the tests: set {Variable} to a connection string (e.g. Host=127.0.0.1;Port=55432;Username=odtest;Database=postgres); in CI (CI=true) these tests fail instead."
                : null;

        /// <summary>The admin connection string, or an exception saying the server is missing (CI).</summary>
        public static string RequireConnectionString() =>
            ConnectionString ?? throw new InvalidOperationException($"The PostgreSQL server for the tests is missing: {Variable} is not set, and CI (CI=true) requires the PostgreSQL tests to run. Start a server and export {Variable}.");

        /// <summary>Creates an empty database; returns its keyword connection string (no password: the server trusts or PGPASSWORD/pgpass supply it).</summary>
        public static TestDatabase CreateDatabase()
        {
            var admin = RequireConnectionString();
            var prefix = Environment.GetEnvironmentVariable(PrefixVariable);
            var name = (string.IsNullOrEmpty(prefix) ? "offlinedata_test_" : prefix) + Guid.NewGuid().ToString("N");
            Execute(admin, $"CREATE DATABASE \"{name}\";");
            var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false };
            return new TestDatabase(name, builder.ConnectionString, admin);
        }

        internal static void Execute(string connectionString, string sql)
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        internal static object? Scalar(string connectionString, string sql)
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return command.ExecuteScalar();
        }
    }

    /// <summary>A database of one test, dropped (with any connection still open to it) when disposed.</summary>
    public sealed class TestDatabase : IDisposable
    {
        private readonly string admin;

        internal TestDatabase(string name, string connectionString, string admin)
        {
            Name = name;
            ConnectionString = connectionString;
            this.admin = admin;
        }

        public string Name { get; }

        /// <summary>A keyword connection string of the database (a store location).</summary>
        public string ConnectionString { get; }

        public object? Scalar(string sql) => PostgresTestServer.Scalar(ConnectionString, sql);

        public void Execute(string sql) => PostgresTestServer.Execute(ConnectionString, sql);

        public void Dispose() => PostgresTestServer.Execute(admin, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE);");
    }
}
