using System;
using System.Net;
using Npgsql;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Postgres;
using Xunit;

namespace OfflineData.Core.Tests.Store.Postgres
{
    /// <summary>Issue 9: how a PostgreSQL store location is read, and what of it is ever shown (no server needed).</summary>
    public class PostgresLocationTests
    {
        [Fact]
        public void A_URI_gives_host_port_database_user_and_passes_TLS_parameters_through()
        {
            var location = PostgresLocation.Parse("postgresql://od@db.example:6543/offline?sslmode=verify-full&sslrootcert=%2Fetc%2Fssl%2Fca.pem&application_name=nightly");

            Assert.Equal("db.example", location.Builder.Host);
            Assert.Equal(6543, location.Builder.Port);
            Assert.Equal("offline", location.Builder.Database);
            Assert.Equal("od", location.Builder.Username);
            Assert.Equal(SslMode.VerifyFull, location.Builder.SslMode);
            Assert.Equal("/etc/ssl/ca.pem", location.Builder.RootCertificate);
            Assert.Equal("nightly", location.Builder.ApplicationName);
            Assert.Equal("postgresql://od@db.example:6543/offline", location.DisplayName);
            // The location reopens the store the same way (piped objects carry it), still without a secret.
            Assert.Equal("postgresql://od@db.example:6543/offline?sslmode=verify-full&sslrootcert=%2Fetc%2Fssl%2Fca.pem&application_name=nightly", location.Location);
            var again = PostgresLocation.Parse(location.Location);
            Assert.Equal(SslMode.VerifyFull, again.Builder.SslMode);
            Assert.Equal("/etc/ssl/ca.pem", again.Builder.RootCertificate);
            Assert.Equal(location.Location, again.Location);
        }

        [Fact]
        public void A_URI_is_percent_decoded_and_takes_IPv6_and_several_hosts()
        {
            var decoded = PostgresLocation.Parse("postgres://o%40d@db.example/off%20line");
            Assert.Equal("o@d", decoded.Builder.Username);
            Assert.Equal("off line", decoded.Builder.Database);
            Assert.Equal(5432, decoded.Port);
            Assert.Equal("postgresql://o%40d@db.example:5432/off%20line", decoded.DisplayName);

            // A URI is not a form: '+' is a plus sign, as libpq reads it.
            Assert.Equal("a+b", PostgresLocation.Parse("postgresql://od@db.example/a+b").Database);

            var ipv6 = PostgresLocation.Parse("postgresql://od@[::1]:6000/offline");
            Assert.Equal("::1", ipv6.Builder.Host);
            Assert.Equal(6000, ipv6.Port);
            Assert.Equal("postgresql://od@[::1]:6000/offline", ipv6.DisplayName);

            var several = PostgresLocation.Parse("postgresql://od@db1:5433,db2:5434/offline?target_session_attrs=read-write");
            Assert.Equal("db1,db2:5434", several.Builder.Host);
            Assert.Equal(5433, several.Port);
            Assert.Equal("read-write", several.Builder.TargetSessionAttributes);
        }

        [Fact]
        public void A_keyword_connection_string_is_read_with_Npgsqls_synonyms()
        {
            var location = PostgresLocation.Parse("Server=db.example;Port=6543;Database=offline;User ID=od;SSL Mode=Require;Timeout=7");

            Assert.Equal("postgresql://od@db.example:6543/offline", location.DisplayName);
            Assert.Equal(SslMode.Require, location.Builder.SslMode);
            Assert.Equal(7, location.Builder.Timeout);
            Assert.Equal("postgresql://od@db.example:6543/offline?sslmode=Require&connect_timeout=7", location.Location);
        }

        [Fact]
        public void Libpqs_keyword_form_as_psql_takes_it_is_read_like_a_URI()
        {
            // What an operator copies from psql or the PostgreSQL documentation: it was read as one host named
            // "db.example port=6543 dbname=offline ...", and that text was echoed in every message.
            var location = PostgresLocation.Parse("host=db.example port = 6543  dbname=offline user=od sslmode=verify-full application_name='nightly import' connect_timeout=7");

            Assert.Equal("postgresql://od@db.example:6543/offline", location.DisplayName);
            Assert.Equal(SslMode.VerifyFull, location.Builder.SslMode);
            Assert.Equal("nightly import", location.Builder.ApplicationName);
            Assert.Equal(7, location.Builder.Timeout);
        }

        [Theory]
        [InlineData("host=db.example dbname=offline user=od password=s3cret")]
        [InlineData("password='s3cret' host=db.example")]
        [InlineData("host=db.example password='s3cret")] // an unterminated quote: not libpq's form, still refused
        [InlineData("Host=db.example password=s3cret;Database=offline")]
        public void A_password_written_libpqs_way_is_refused_and_not_echoed(string text)
        {
            var e = Assert.Throws<StoreException>(() => PostgresLocation.Parse(text));

            Assert.Equal(StoreFailureKind.Unavailable, e.Kind);
            Assert.Equal(PostgresLocation.PasswordRefused, e.Message);
        }

        [Theory]
        [InlineData("postgresql://od:s3cret@db.example/offline")]
        [InlineData("postgresql://od:@db.example/offline")]
        [InlineData("postgresql://od@db.example/offline?password=s3cret")]
        [InlineData("Host=db.example;Database=offline;Username=od;Password=s3cret")]
        [InlineData("Host=db.example;Database=offline;Username=od;PWD=s3cret")]
        public void A_password_in_the_location_is_refused_and_not_echoed(string text)
        {
            var e = Assert.Throws<StoreException>(() => PostgresLocation.Parse(text));

            Assert.Equal(StoreFailureKind.Unavailable, e.Kind);
            Assert.Equal(PostgresLocation.PasswordRefused, e.Message);
            Assert.DoesNotContain("s3cret", e.Message);
        }

        [Fact]
        public void The_credential_gives_user_and_password_and_neither_name_nor_location_shows_the_password()
        {
            var location = PostgresLocation.Parse("postgresql://someone@db.example/offline?sslmode=require", new NetworkCredential("od", "s3cret"));

            Assert.Equal("od", location.Builder.Username);
            Assert.Equal("s3cret", location.Builder.Password);
            Assert.Equal("postgresql://od@db.example:5432/offline", location.DisplayName);
            Assert.DoesNotContain("s3cret", location.Location);
        }

        [Fact]
        public void An_unknown_parameter_is_refused_naming_it_but_not_its_value()
        {
            var e = Assert.Throws<StoreException>(() => PostgresLocation.Parse("postgresql://od@db.example/offline?nonsense=s3cret"));

            Assert.Contains("nonsense", e.Message);
            Assert.DoesNotContain("s3cret", e.Message);
            Assert.Equal(StoreFailureKind.Unavailable, e.Kind);
        }

        [Fact]
        public void An_SSL_key_password_passes_through_but_is_never_shown()
        {
            var location = PostgresLocation.Parse("postgresql://od@db.example/offline?sslkey=%2Fk.pem&sslpassword=k3y");

            Assert.Equal("k3y", location.Builder.SslPassword);
            Assert.DoesNotContain("k3y", location.Location);
            Assert.DoesNotContain("k3y", location.DisplayName);
        }

        [Theory]
        [InlineData("53100", StoreFailureKind.IO)]
        [InlineData("58030", StoreFailureKind.IO)]
        [InlineData("42P01", StoreFailureKind.IO)]
        [InlineData("40001", StoreFailureKind.Busy)]
        [InlineData("40P01", StoreFailureKind.Busy)]
        [InlineData("55P03", StoreFailureKind.Busy)]
        [InlineData("23505", StoreFailureKind.Constraint)]
        [InlineData("23503", StoreFailureKind.Constraint)]
        [InlineData("23514", StoreFailureKind.Constraint)]
        [InlineData("42501", StoreFailureKind.PermissionDenied)]
        [InlineData("28P01", StoreFailureKind.Unavailable)]
        [InlineData("3D000", StoreFailureKind.Unavailable)]
        [InlineData("08006", StoreFailureKind.Unavailable)]
        [InlineData("57P03", StoreFailureKind.Unavailable)]
        [InlineData("22001", StoreFailureKind.Other)]
        public void SQLSTATEs_map_to_store_failure_kinds(string sqlState, StoreFailureKind kind)
        {
            Assert.Equal(kind, PostgresFailure.Kind(sqlState));
        }

        [Fact]
        public void A_server_that_is_not_there_is_Unavailable_naming_host_port_database_and_user()
        {
            var e = Assert.Throws<StoreException>(() => StoreFactory.Open("postgresql://od@127.0.0.1:1/offline?connect_timeout=5", new StoreOpenOptions { Create = false, Credential = new NetworkCredential("od", "s3cret") }));

            Assert.Equal(StoreFailureKind.Unavailable, e.Kind);
            Assert.Contains("127.0.0.1", e.Message);
            Assert.Contains("port 1", e.Message);
            Assert.Contains("'offline'", e.Message);
            Assert.Contains("'od'", e.Message);
            Assert.DoesNotContain("s3cret", e.Message);
        }

        [Fact]
        public void An_unknown_host_is_Unavailable_and_says_so()
        {
            var e = Assert.Throws<StoreException>(() => StoreFactory.Open("postgresql://od@no-such-host.invalid/offline?connect_timeout=5", new StoreOpenOptions()));

            Assert.Equal(StoreFailureKind.Unavailable, e.Kind);
            Assert.Contains("no-such-host.invalid", e.Message);
        }
    }
}
