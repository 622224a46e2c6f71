using System;
using System.IO;
using System.Management.Automation;
using Xunit;

namespace OfflineData.Module.Tests.Store
{
    /// <summary>
    /// Issue 9: the store factory decides what -Store names. A PostgreSQL URI or connection string with a password in
    /// it is refused before anything is opened (the location is plain text, echoed in output), and a URI of a scheme
    /// no store takes is refused naming what is accepted; neither error echoes the value nor creates a file.
    /// </summary>
    [Collection(StoreEnvironmentCollection.Name)]
    public sealed class UnsupportedStoreTests : IDisposable
    {
        private const string Uri = "postgresql://od:s3cret@db.example:5432/offline";
        private const string ConnectionString = "Host=db.example;Database=offline;Password=s3cret";

        private readonly StoreScenario scenario = new StoreScenario();

        public static TheoryData<string, string> Commands => new TheoryData<string, string>
        {
            { "Get-OfflineData -Store $Location", Uri },
            { "Get-OfflineDataImport -Store $Location", ConnectionString },
            { "Get-TransactionIdRecording -Store $Location", Uri },
            { "Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Location", ConnectionString },
            { "Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Location", Uri },
            { "Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Location -WhatIf", ConnectionString },
            { "Import-OnlineData -Path $Online -ReportSuite acme.prod -Store $Location", Uri },
            { "Get-OfflineData -Store $Location -Credential $Credential", Uri },
            { "Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Location -Credential $Credential -WhatIf -Verbose", ConnectionString },
        };

        [Theory]
        [MemberData(nameof(Commands))]
        public void A_password_inside_a_server_location_is_an_UnsupportedStore_error_without_the_secret(string command, string location)
        {
            scenario.Session.SetLocation(scenario.Directory.FullPath);

            var password = new System.Security.SecureString();
            foreach (var c in "cr3dential-s3cret") password.AppendChar(c);
            var result = scenario.Run("param($Location, $File, $Online, $Credential) " + command + "; '$? ' + $?",
                ("Location", location), ("File", StoreScenario.OfflineSample), ("Online", StoreScenario.OnlineSample), ("Credential", new PSCredential("od", password)));

            Assert.Equal("$? False", Assert.Single(result.Output).BaseObject);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("UnsupportedStore,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("holds a password", error.Exception.Message);
            Assert.Contains("-Credential", error.Exception.Message);
            Assert.DoesNotContain("Cannot find path", error.Exception.Message);
            Assert.DoesNotContain("s3cret", error.Exception.Message);
            Assert.DoesNotContain("s3cret", (string)error.TargetObject);
            Assert.DoesNotContain(result.Verbose, v => v.Message.Contains("s3cret"));
            Assert.Empty(Directory.GetFileSystemEntries(scenario.Directory.FullPath));
        }

        [Fact]
        public void A_connection_string_in_OFFLINEDATA_STORE_is_refused_the_same_way()
        {
            var result = scenario.Run(@"param($Location)
                [System.Environment]::SetEnvironmentVariable('OFFLINEDATA_STORE', $Location)
                try { Get-TransactionIdRecording } finally { [System.Environment]::SetEnvironmentVariable('OFFLINEDATA_STORE', $null) }
                '$? ' + $?", ("Location", ConnectionString));

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("UnsupportedStore,", error.FullyQualifiedErrorId);
            Assert.Contains("holds a password", error.Exception.Message);
            Assert.DoesNotContain("s3cret", error.Exception.Message);
            Assert.DoesNotContain("s3cret", (string)error.TargetObject);
        }

        [Theory]
        [InlineData("mysql://od@db.example:3306/offline")]
        [InlineData("sqlserver://db.example/offline")]
        public void A_URI_of_a_scheme_no_store_takes_is_refused_naming_what_is_accepted(string location)
        {
            scenario.Session.SetLocation(scenario.Directory.FullPath);

            var result = scenario.Run("param($Location) Get-OfflineDataImport -Store $Location", ("Location", location));

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("UnsupportedStore,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("PostgreSQL", error.Exception.Message);
            Assert.DoesNotContain("db.example", error.Exception.Message);
            Assert.Empty(Directory.GetFileSystemEntries(scenario.Directory.FullPath));
        }

        public void Dispose() => scenario.Dispose();
    }
}
