using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using OfflineData.Module.Tests.PowerShellHost;
using Xunit;

namespace OfflineData.Module.Tests.Store
{
    /// <summary>
    /// Issue 9: the store cmdlets handle a server location (a PostgreSQL URI or keyword connection string) as the
    /// store factory names it: never as a path, by its display name in every message, with -Credential passed to the
    /// factory (never echoed) and Create only when writing for real. A server is stood in for by
    /// <see cref="ServerStoreSeam"/>, so these run without one; the real dispatch is tested with the PostgreSQL store.
    /// </summary>
    public sealed class ServerStoreCmdletTests : IDisposable
    {
        private const string Secret = "Pa55-s3cret!";

        private readonly List<StoreScenario> scenarios = new List<StoreScenario>();

        public static TheoryData<string> ReadingCommands => new TheoryData<string>
        {
            "Get-OfflineData -Store $Location -Credential $Credential -Verbose",
            "Get-OfflineDataImport -Store $Location -Credential $Credential -Verbose",
            "Get-TransactionIdRecording -Store $Location -Credential $Credential -Verbose",
            "Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Location -Credential $Credential -WhatIf -Verbose",
            // Recording is off in the empty store: each row would be an error, which says nothing about the store.
            "Import-OnlineData -Path $Online -ReportSuite acme.prod -Store $Location -Credential $Credential -WhatIf -Verbose -ErrorAction Ignore",
            "Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Location -Credential $Credential -WhatIf -Verbose",
        };

        [Theory]
        [MemberData(nameof(ReadingCommands))]
        public void Reading_cmdlets_and_WhatIf_open_a_server_location_without_creating_and_pass_Credential(string command)
        {
            var host = new AnsweringHost("Yes");
            var (scenario, location) = NewServerScenario(host, "Host=seam.invalid;Port=5432;Database=offline;Username=od;SSL Mode=Require");
            scenario.Session.SetLocation(scenario.Directory.FullPath);

            var result = Run(scenario, location, command);

            Assert.True(result.Succeeded, result.DescribeErrors());
            var opening = Assert.Single(ServerStoreSeam.OpeningsOf(location));
            Assert.False(opening.Create, "a reading cmdlet or -WhatIf asked the store to be created");
            Assert.Equal(("od", Secret), (opening.UserName, opening.Password));
            // Not resolved as a path (no file named after the connection string) and nothing created.
            Assert.Empty(Directory.GetFileSystemEntries(scenario.Directory.FullPath));
            AssertNoSecret(result, host);
            if (command.Contains("-WhatIf")) Assert.Contains($"store '{ServerStoreSeam.DisplayName}'", host.Answers.Written);
        }

        [Fact]
        public void Import_into_a_server_location_creates_with_Credential_and_names_the_store_by_its_display_name()
        {
            var host = new AnsweringHost("Yes");
            var (scenario, location) = NewServerScenario(host, "postgresql://od@seam.invalid:5432/offline?sslmode=require");

            var result = Run(scenario, location, "Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Location -Credential $Credential -Confirm -Verbose");

            Assert.True(result.Succeeded, result.DescribeErrors());
            Assert.Equal("Imported", StoreScenario.Property(Assert.Single(result.Output), "Status")?.ToString());
            var opening = Assert.Single(ServerStoreSeam.OpeningsOf(location));
            Assert.True(opening.Create);
            Assert.Equal(("od", Secret), (opening.UserName, opening.Password));
            Assert.Contains(host.Answers.Prompts, p => p.Contains($"store '{ServerStoreSeam.DisplayName}'"));
            Assert.DoesNotContain(host.Answers.Prompts, p => p.Contains("sslmode"));
            AssertNoSecret(result, host);
        }

        [Fact]
        public void A_user_name_as_Credential_prompts_for_the_password_and_passes_both()
        {
            var host = new AnsweringHost("Yes") { Answers = { CredentialPassword = Secret } };
            var (scenario, location) = NewServerScenario(host, "postgresql://seam.invalid/offline");

            var result = scenario.Run("param($Location) Get-TransactionIdRecording -Store $Location -Credential reader", ("Location", location));

            Assert.True(result.Succeeded, result.DescribeErrors());
            Assert.Equal(new[] { "reader" }, host.Answers.CredentialPrompts);
            var opening = Assert.Single(ServerStoreSeam.OpeningsOf(location));
            Assert.Equal(("reader", Secret), (opening.UserName, opening.Password));
        }

        [Fact]
        public void A_user_name_from_the_Windows_credential_dialog_loses_its_empty_domain()
        {
            var (scenario, location) = NewServerScenario(null, "postgresql://seam.invalid/offline");

            scenario.Run("param($Location, $Credential) Get-TransactionIdRecording -Store $Location -Credential $Credential",
                ("Location", location), ("Credential", Credential("\\od"))).ThrowIfFailed();

            Assert.Equal("od", Assert.Single(ServerStoreSeam.OpeningsOf(location)).UserName);
        }

        [Fact]
        public void A_piped_object_of_another_store_is_refused_naming_both_stores_by_display_name()
        {
            var host = new AnsweringHost("Yes");
            var (scenario, location) = NewServerScenario(host, "Host=seam.invalid;Database=offline;Password=" + Secret);
            scenario.Run("param($Store) Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store").ThrowIfFailed();

            var result = scenario.Run("param($Store, $Location) Get-TransactionIdRecording -Store $Store | Get-TransactionIdRecording -Store $Location", ("Location", location));

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("StoreMismatch,", error.FullyQualifiedErrorId);
            Assert.Contains(ServerStoreSeam.DisplayName, error.Exception.Message);
            Assert.Contains(Path.GetFullPath(scenario.StorePath), error.Exception.Message);
            Assert.DoesNotContain(Secret, error.Exception.Message);
        }

        [Fact]
        public void Report_suites_complete_from_a_server_location_with_the_Credential_on_the_line()
        {
            var (scenario, location) = NewServerScenario(null, "postgresql://od@seam.invalid/offline");
            scenario.Run("param($Location, $Credential) Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Location -Credential $Credential",
                ("Location", location), ("Credential", Credential())).ThrowIfFailed();
            var opened = ServerStoreSeam.OpeningsOf(location).Length;

            var line = $"Get-OfflineData -Store '{location}' -ReportSuite acm";
            var result = scenario.Session.Invoke(
                "param($Line) [System.Management.Automation.CommandCompletion]::CompleteInput($Line, $Line.Length, $null).CompletionMatches | ForEach-Object CompletionText",
                ScriptArguments.Args(("Line", line))).ThrowIfFailed();

            Assert.Equal(new[] { "acme.prod" }, result.Output.Select(o => o.BaseObject.ToString()).ToArray());
            Assert.False(ServerStoreSeam.OpeningsOf(location).Skip(opened).Single().Create, "completion asked the store to be created");
        }

        [Fact]
        public void Credential_with_an_SQLite_store_is_accepted_and_said_to_be_unused()
        {
            var scenario = new StoreScenario();
            scenarios.Add(scenario);

            var result = scenario.Run("param($Store, $Credential) Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store -Credential $Credential -Verbose -PassThru",
                ("Credential", Credential()));

            Assert.True(result.Succeeded, result.DescribeErrors());
            Assert.Equal(true, StoreScenario.Property(Assert.Single(result.Output), "Enabled"));
            // Once, though the store is read first and opened again to create it.
            Assert.Single(result.Verbose, v => v.Message.Contains("-Credential is not used"));
        }

        [Fact]
        public async Task Waiting_for_another_writers_lock_is_reported_as_verbose_and_progress()
        {
            var scenario = new StoreScenario();
            scenarios.Add(scenario);
            scenario.Run("param($Store) Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store").ThrowIfFailed();

            // Another process's write: a second session holds the write lock and lets go after a while.
            using var holder = new StoreScenario();
            holder.Session.Invoke(@"param($Store)
                $global:held = $SqliteConnection::new(""Data Source=$Store;Pooling=False""); $global:held.Open()
                $c = $global:held.CreateCommand(); $c.CommandText = 'BEGIN IMMEDIATE;'; [void]$c.ExecuteNonQuery()",
                ScriptArguments.Args(("Store", scenario.StorePath))).ThrowIfFailed();
            var release = Task.Run(() =>
            {
                Thread.Sleep(TimeSpan.FromSeconds(2));
                holder.Session.Invoke("$global:held.Dispose()").ThrowIfFailed();
            });

            var result = scenario.Run("param($Store) Set-TransactionIdRecording -ReportSuite acme.prod -ExpirationDays 30 -Store $Store -Verbose -PassThru");
            await release;

            Assert.True(result.Succeeded, result.DescribeErrors());
            Assert.Equal(30, StoreScenario.Property(Assert.Single(result.Output), "ExpirationDays"));
            Assert.Contains(result.Verbose, v => v.Message.Contains("waiting for it to finish"));
            var waits = result.Progress.Where(p => p.Activity == "Waiting for the store lock held by another import…").ToList();
            Assert.Equal(ProgressRecordType.Processing, waits.First().RecordType);
            Assert.Contains(Path.GetFullPath(scenario.StorePath), waits.First().StatusDescription);
            Assert.Equal(ProgressRecordType.Completed, waits.Last().RecordType);
        }

        [Fact]
        public void A_server_stores_default_quarantine_is_the_per_user_data_folder_named_after_the_database()
        {
            // A server has no folder beside it here: the default quarantine folder is the one beside the default store.
            var scenario = new StoreScenario();
            scenarios.Add(scenario);
            var assembly = (System.Reflection.Assembly)scenario.Session.Invoke("(Get-Command Get-OfflineData).ImplementingType.Assembly").ThrowIfFailed().Output.Single().BaseObject;
            const System.Reflection.BindingFlags Static = System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic;
            var target = assembly.GetType("OfflineData.Commands.Store.StoreTarget", true)!.GetMethod("Server", Static)!
                .Invoke(null, new object[] { "Host=db01;Database=offlinedata;Username=od", "postgresql://od@db01:5432/offlinedata" })!;
            var defaults = ((string Directory, string StoreName))assembly.GetType("OfflineData.Commands.Store.StoreOpener", true)!.GetMethod("QuarantineDefaults", Static)!.Invoke(null, new[] { target })!;
            var defaultStore = (string)scenario.Session.Invoke("[OfflineData.Core.Store.StoreLocation, OfflineData.Core]::DefaultPath").ThrowIfFailed().Output.Single().BaseObject;

            Assert.Equal(Path.Combine(Path.GetDirectoryName(defaultStore)!, "quarantine"), defaults.Directory);
            Assert.Equal("offlinedata-od-db01-5432", defaults.StoreName);
        }

        [Fact]
        public void Two_databases_on_one_server_get_different_quarantine_names_that_the_quarantine_writer_keeps_whole()
        {
            // All server stores share the per-user quarantine folder, and the quarantine writer keeps 32 characters of the
            // store's name: "postgresql-odtest-127.0.0.1-5543" named every database of that server alike.
            var scenario = new StoreScenario();
            scenarios.Add(scenario);
            var assembly = (System.Reflection.Assembly)scenario.Session.Invoke("(Get-Command Get-OfflineData).ImplementingType.Assembly").ThrowIfFailed().Output.Single().BaseObject;
            const System.Reflection.BindingFlags Static = System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic;
            var name = assembly.GetType("OfflineData.Commands.Store.StoreOpener", true)!.GetMethod("ServerQuarantineName", Static)!;
            string NameOf(string displayName) => (string)name.Invoke(null, new object[] { displayName })!;

            var first = NameOf("postgresql://odtest@127.0.0.1:55432/offlinedata_acme_prod");
            var second = NameOf("postgresql://odtest@127.0.0.1:55432/offlinedata_acme_test");

            Assert.NotEqual(first, second);
            Assert.InRange(first.Length, 1, 32);
            Assert.InRange(second.Length, 1, 32);
            Assert.StartsWith("offlinedata_acme_prod-", first);
            Assert.Equal("odscram-odtest-127.0.0.1-55432", NameOf("postgresql://odtest@127.0.0.1:55432/odscram"));
            var core = (System.Reflection.Assembly)scenario.Session.Invoke("[OfflineData.Core.Store.StoreLocation, OfflineData.Core].Assembly").ThrowIfFailed().Output.Single().BaseObject;
            var nameFor = core.GetType("OfflineData.Core.Import.QuarantineWriter", true)!.GetMethod("NameFor", Static)!;
            var quarantineFile = (string)nameFor.Invoke(null, new object[] { 3L, first, new DateTime(2026, 11, 29, 18, 3, 46, DateTimeKind.Utc), "invalid-sample.csv" })!;
            Assert.Equal($"3-{first}-20261129T180346Z-invalid-sample.csv", quarantineFile);
        }

        public void Dispose()
        {
            foreach (var scenario in scenarios) scenario.Dispose();
        }

        private static PSCredential Credential(string user = "od")
        {
            var password = new SecureString();
            foreach (var c in Secret) password.AppendChar(c);
            return new PSCredential(user, password);
        }

        /// <summary>A scenario in <paramref name="host"/> whose server location (made unique) the seam opens as the scenario's SQLite file.</summary>
        private (StoreScenario Scenario, string Location) NewServerScenario(AnsweringHost? host, string location)
        {
            var scenario = new StoreScenario(host);
            scenarios.Add(scenario);
            var unique = location + (location.Contains("://") ? (location.Contains('?') ? "&" : "?") + "application_name=" : ";Application Name=") + Guid.NewGuid().ToString("N");
            ServerStoreSeam.Register(scenario.Session, unique, scenario.StorePath);
            return (scenario, unique);
        }

        private static InvocationResult Run(StoreScenario scenario, string location, string command) =>
            scenario.Run("param($Location, $Credential, $File, $Online) " + command,
                ("Location", location), ("Credential", Credential()), ("File", StoreScenario.OfflineSample), ("Online", StoreScenario.OnlineSample));

        /// <summary>The password appears nowhere: output (as JSON too), errors, warnings, verbose, progress, host text.</summary>
        private static void AssertNoSecret(InvocationResult result, AnsweringHost host)
        {
            var texts = result.Output.Select(o => o.ToString())
                .Concat(result.Output.SelectMany(o => o.Properties.Select(p => { try { return p.Value?.ToString(); } catch (GetValueException) { return null; } })))
                .Concat(result.Errors.Select(e => e.ToString() + e.TargetObject))
                .Concat(result.Warnings.Select(w => w.Message))
                .Concat(result.Verbose.Select(v => v.Message))
                .Concat(result.Progress.Select(p => p.Activity + p.StatusDescription + p.CurrentOperation))
                .Append(host.Answers.Written)
                .Concat(host.Answers.Prompts);
            Assert.DoesNotContain(texts, t => t != null && t.Contains(Secret));
        }
    }
}
