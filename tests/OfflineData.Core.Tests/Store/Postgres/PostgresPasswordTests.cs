using System;
using System.IO;
using System.Net;
using OfflineData.Core.Store;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Store.Postgres
{
    /// <summary>
    /// A fact that needs a PostgreSQL server requiring a password (SCRAM): <c>OFFLINEDATA_TEST_POSTGRES_SCRAM</c> holds its
    /// keyword connection string without the password, <c>OFFLINEDATA_TEST_POSTGRES_SCRAM_PASSWORD</c> the password.
    /// Skipped with the reason when they are not set, except in CI (<c>CI=true</c>), where the test fails.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class PostgresPasswordFactAttribute : FactAttribute
    {
        public PostgresPasswordFactAttribute()
        {
            if (PostgresPasswordTests.Server == null && !PostgresTestServer.InCi)
            {
                Skip = $"No PostgreSQL server requiring a password for the tests: set {PostgresPasswordTests.ServerVariable} (a connection string without the password) and {PostgresPasswordTests.PasswordVariable}; in CI (CI=true) these tests fail instead.";
            }
        }
    }

    /// <summary>
    /// Issue 9: the password comes from -Credential, PGPASSWORD or the pgpass file (Npgsql 8 reads both), never from the
    /// location, and no message ever shows it, not even when the server refuses it.
    /// </summary>
    public sealed class PostgresPasswordTests : IDisposable
    {
        public const string ServerVariable = "OFFLINEDATA_TEST_POSTGRES_SCRAM";
        public const string PasswordVariable = "OFFLINEDATA_TEST_POSTGRES_SCRAM_PASSWORD";

        private readonly string? savedPassword = Environment.GetEnvironmentVariable("PGPASSWORD");
        private readonly string? savedPassFile = Environment.GetEnvironmentVariable("PGPASSFILE");
        private readonly TempDirectory dir = new TempDirectory();

        public static string? Server => Environment.GetEnvironmentVariable(ServerVariable) is string value && value.Length > 0 ? value : null;

        private static string Location => Server ?? throw new InvalidOperationException($"The PostgreSQL server requiring a password is missing: {ServerVariable} is not set, and CI (CI=true) requires these tests to run.");

        private static string Password => Environment.GetEnvironmentVariable(PasswordVariable) ?? throw new InvalidOperationException($"{PasswordVariable} is not set.");

        public void Dispose()
        {
            Environment.SetEnvironmentVariable("PGPASSWORD", savedPassword);
            Environment.SetEnvironmentVariable("PGPASSFILE", savedPassFile);
            dir.Dispose();
        }

        private void NoPasswordFromTheEnvironment()
        {
            Environment.SetEnvironmentVariable("PGPASSWORD", null);
            // An empty file: Npgsql must not find the user's own ~/.pgpass either.
            Environment.SetEnvironmentVariable("PGPASSFILE", dir.WriteText("empty.pgpass", string.Empty));
        }

        [PostgresPasswordFact]
        public void A_wrong_password_is_Unavailable_and_the_message_names_the_login_but_never_the_password()
        {
            NoPasswordFromTheEnvironment();
            const string wrong = "Wrong-Pa55word-xyz";

            var e = Assert.Throws<StoreException>(() => StoreFactory.Open(Location, new StoreOpenOptions { Credential = new NetworkCredential("odtest", wrong) }));

            Assert.Equal(StoreFailureKind.Unavailable, e.Kind);
            Assert.DoesNotContain(wrong, e.ToString());
            Assert.DoesNotContain(Password, e.Message);
            Assert.Contains("'odtest'", e.Message);
            Assert.Contains("password", e.Message);
            Assert.Contains("-Credential", e.Message);
        }

        [PostgresPasswordFact]
        public void Without_any_password_the_store_is_Unavailable_saying_where_a_password_comes_from()
        {
            NoPasswordFromTheEnvironment();

            var e = Assert.Throws<StoreException>(() => StoreFactory.Open(Location, new StoreOpenOptions()));

            Assert.Equal(StoreFailureKind.Unavailable, e.Kind);
            // Npgsql's own "No password has been provided but the backend requires one" does not say where a password goes.
            Assert.Contains("none was given", e.Message);
            Assert.Contains("-Credential", e.Message);
            Assert.Contains("PGPASSWORD", e.Message);
            Assert.Contains("pgpass", e.Message);
        }

        [PostgresPasswordFact]
        public void A_PGPASSFILE_that_does_not_exist_is_Unavailable_naming_the_file_and_the_variable()
        {
            NoPasswordFromTheEnvironment();
            var missing = dir.Combine("no-such.pgpass");
            Environment.SetEnvironmentVariable("PGPASSFILE", missing);

            // Npgsql throws a FileNotFoundException, which escaped the store's failure mapping as a bare "Could not find file".
            var e = Assert.Throws<StoreException>(() => StoreFactory.Open(Location, new StoreOpenOptions()));

            Assert.Equal(StoreFailureKind.Unavailable, e.Kind);
            Assert.Contains(missing, e.Message);
            Assert.Contains("PGPASSFILE", e.Message);
        }

        [PostgresPasswordFact]
        public void The_credential_logs_in()
        {
            NoPasswordFromTheEnvironment();

            using var store = StoreFactory.Open(Location, new StoreOpenOptions { Credential = new NetworkCredential("odtest", Password) });

            Assert.False(store.Exists);
            Assert.DoesNotContain(Password, store.Location);
        }

        [PostgresPasswordFact]
        public void PGPASSWORD_logs_in()
        {
            NoPasswordFromTheEnvironment();
            Environment.SetEnvironmentVariable("PGPASSWORD", Password);

            using var store = StoreFactory.Open(Location, new StoreOpenOptions());

            Assert.Empty(store.GetRecordings());
        }

        [PostgresPasswordFact]
        public void The_pgpass_file_logs_in()
        {
            NoPasswordFromTheEnvironment();
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(Location);
            var file = dir.WriteText("pgpass", $"# host:port:database:user:password\nother.example:5432:*:odtest:nope\n{builder.Host}:{builder.Port}:*:{builder.Username}:{Password.Replace("\\", "\\\\").Replace(":", "\\:")}\n");
#if NET
            // libpq ignores a pgpass file others can read; keep it the user's own as a user would.
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
#endif
            Environment.SetEnvironmentVariable("PGPASSFILE", file);

            using var store = StoreFactory.Open(Location, new StoreOpenOptions());

            Assert.Empty(store.GetRecordings());
        }
    }
}
