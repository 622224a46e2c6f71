using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OfflineData.Module.Tests.PowerShellHost;
using Xunit;

namespace OfflineData.Module.Tests.Store
{
    /// <summary>Copy-OfflineDataStore from the assembled module: SQLite to SQLite end to end, -WhatIf, progress, errors.</summary>
    [Collection(StoreEnvironmentCollection.Name)]
    public sealed class CopyOfflineDataStoreCmdletTests : IDisposable
    {
        private readonly StoreScenario scenario = new StoreScenario();

        public void Dispose() => scenario.Dispose();

        private string Destination => scenario.Directory.Combine("copy.db");

        [Fact]
        public void Copies_a_store_so_that_every_cmdlet_reads_the_same_history_from_the_copy()
        {
            Populate();

            var result = scenario.Run("param($Store, $Destination) Copy-OfflineDataStore -Source $Store -Destination $Destination", ("Destination", Destination)).ThrowIfFailed();

            var copy = Assert.Single(result.Output);
            Assert.Equal("OfflineData.Core.Store.Transfer.StoreCopyResult", copy.BaseObject.GetType().FullName);
            Assert.Equal("Completed", StoreScenario.Property(copy, "Status"));
            Assert.Equal("New", StoreScenario.Property(copy, "Mode"));
            Assert.Equal(Path.GetFullPath(scenario.StorePath), StoreScenario.Property(copy, "Source"));
            Assert.Equal(Path.GetFullPath(Destination), StoreScenario.Property(copy, "Destination"));
            var imports = PSObject.AsPSObject(StoreScenario.Property(copy, "Imports"));
            Assert.Equal(2L, StoreScenario.Property(imports, "Copied"));
            Assert.Equal(true, StoreScenario.Property(imports, "Verified"));
            var deliveries = PSObject.AsPSObject(StoreScenario.Property(copy, "Deliveries"));
            Assert.Equal(1L, StoreScenario.Property(deliveries, "Copied"));

            var before = ReadBack(scenario.StorePath);
            var after = ReadBack(Destination);
            Assert.Contains(before, line => line.Contains("Status=Superseded", StringComparison.Ordinal));
            Assert.Contains(before, line => line.Contains("Outcome=TransactionId", StringComparison.Ordinal));
            Assert.Contains(before, line => line.Contains("RemoteName=valid-sample.csv", StringComparison.Ordinal));
            Assert.Equal(before, after);
        }

        [Fact]
        public void Progress_is_shown_per_table_and_completed_once()
        {
            Populate();

            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = scenario.Run("param($Store, $Destination) Copy-OfflineDataStore $Store $Destination | Out-Null", ("Destination", Destination)).ThrowIfFailed();
            var elapsed = clock.Elapsed.TotalSeconds;

            var progress = result.Progress;
            // The first record of each of the eight tables at once, then at most one per 200 ms.
            int updates = progress.Count(p => p.RecordType == ProgressRecordType.Processing);
            Assert.True(updates <= (elapsed / 0.2) + 8, $"{updates} progress updates in {elapsed:N2} s");
            Assert.All(progress, p => Assert.Equal(1, p.ActivityId));
            foreach (var table in new[] { "Report suites", "Online transactions", "Visitors", "Imports", "Offline rows", "Deliveries" })
            {
                Assert.Contains(progress, p => p.CurrentOperation == table);
            }

            Assert.Contains(progress, p => p.StatusDescription.StartsWith("Offline rows: ", StringComparison.Ordinal));
            Assert.Equal(ProgressRecordType.Completed, progress[progress.Count - 1].RecordType);
            Assert.Single(progress, p => p.RecordType == ProgressRecordType.Completed);
        }

        [Fact]
        public void WhatIf_says_what_would_be_copied_with_counts_and_creates_nothing()
        {
            Populate();
            var host = new AnsweringHost("Yes");
            using var other = new StoreScenario(host);

            var result = other.Run("param($Source, $Destination) Copy-OfflineDataStore -Source $Source -Destination $Destination -WhatIf", ("Source", scenario.StorePath), ("Destination", Destination)).ThrowIfFailed();

            Assert.Empty(result.Output);
            Assert.False(File.Exists(Destination), "-WhatIf created the destination");
            var written = host.Answers.Written;
            Assert.Contains("What if:", written);
            Assert.Contains("1 report suite,", written);
            Assert.Contains("2 imports", written);
            Assert.Contains("offline rows, 1 delivery, 0 exported batches and 0 consent entries", written);
            Assert.Contains(Path.GetFullPath(Destination), written);
        }

        [Fact]
        public void A_destination_with_content_is_refused_without_Force_and_left_as_it_was()
        {
            Populate();
            scenario.Run("param($Destination) Set-TransactionIdRecording -ReportSuite other.suite -Store $Destination", ("Destination", Destination)).ThrowIfFailed();

            var result = scenario.Run("param($Store, $Destination) Copy-OfflineDataStore -Source $Store -Destination $Destination; Get-TransactionIdRecording -Store $Destination | ForEach-Object ReportSuite", ("Destination", Destination));

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("DestinationNotEmpty,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
            Assert.Equal(Path.GetFullPath(Destination), error.TargetObject);
            Assert.Contains("-Force", error.Exception.Message);
            Assert.Equal(new[] { "other.suite" }, result.Output.Select(o => (string)o.BaseObject));

            var forced = scenario.Run("param($Store, $Destination) Copy-OfflineDataStore -Source $Store -Destination $Destination -Force", ("Destination", Destination)).ThrowIfFailed();
            Assert.Equal("Merged", StoreScenario.Property(Assert.Single(forced.Output), "Mode"));
        }

        [Fact]
        public void A_missing_source_is_ObjectNotFound_and_no_destination_is_created()
        {
            var result = scenario.Run("param($Destination) Copy-OfflineDataStore -Source ./no-such.db -Destination $Destination", ("Destination", Destination));

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("SourceStoreNotFound,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Empty(result.Output);
            Assert.False(File.Exists(Destination));
        }

        [Fact]
        public void The_same_store_as_source_and_destination_is_refused()
        {
            Populate();

            var result = scenario.Run("param($Store) Copy-OfflineDataStore -Source $Store -Destination $Store -Force");

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("SameStore,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        }

        [Fact]
        public void Declining_Confirm_creates_no_destination_and_the_prompt_names_both_stores()
        {
            Populate();
            var host = new AnsweringHost("No");
            using var other = new StoreScenario(host);

            var result = other.Run("param($Source, $Destination) Copy-OfflineDataStore -Source $Source -Destination $Destination -Confirm", ("Source", scenario.StorePath), ("Destination", Destination)).ThrowIfFailed();

            Assert.Empty(result.Output);
            var prompt = Assert.Single(host.Answers.Prompts);
            Assert.Contains(Path.GetFullPath(scenario.StorePath), prompt);
            Assert.Contains(Path.GetFullPath(Destination), prompt);
            Assert.False(File.Exists(Destination), "declining -Confirm created the destination");
        }

        [Fact]
        public void Force_into_a_destination_with_an_import_of_its_own_is_ImportIdConflict()
        {
            Populate();
            scenario.Run("param($Destination, $File) Import-OfflineData -Path $File -ReportSuite other.suite -Store $Destination | Out-Null", ("Destination", Destination), ("File", StoreScenario.OfflineSample)).ThrowIfFailed();

            var result = scenario.Run("param($Store, $Destination) Copy-OfflineDataStore -Source $Store -Destination $Destination -Force", ("Destination", Destination));

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("ImportIdConflict,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
            Assert.Empty(result.Output);
        }

        [Fact]
        public void A_folder_as_destination_is_StoreUnavailable_with_the_store_failure_category()
        {
            Populate();
            var folder = scenario.Directory.CreateDirectory("a-folder");

            var result = scenario.Run("param($Store, $Destination) Copy-OfflineDataStore -Source $Store -Destination $Destination", ("Destination", folder));

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("StoreUnavailable,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
            Assert.Equal(folder, error.TargetObject);
            Assert.Empty(result.Output);
        }

        [Fact]
        public void Credentials_are_accepted_and_never_shown()
        {
            Populate();

            var result = scenario.Run(@"param($Store, $Destination)
                $password = [securestring]::new()
                foreach ($c in 'S3cret-Pa55'.ToCharArray()) { $password.AppendChar($c) }
                $secret = [pscredential]::new('od', $password)
                Copy-OfflineDataStore -Source $Store -Destination $Destination -SourceCredential $secret -DestinationCredential $secret -Verbose", ("Destination", Destination)).ThrowIfFailed();

            var copy = Assert.Single(result.Output);
            Assert.Equal("Completed", StoreScenario.Property(copy, "Status"));
            Assert.All(copy.Properties, p => Assert.DoesNotContain("S3cret-Pa55", Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
            Assert.All(result.Verbose, v => Assert.DoesNotContain("S3cret-Pa55", v.Message));
        }

        /// <summary>
        /// What a user reads back from a store, one line per object: every ledger entry (IDs, statuses, superseded links,
        /// counts), every row (IDs, import IDs, outcome, reasons, credited visitor, state), every report suite's
        /// settings and every delivery, with all their properties but the store's own path.
        /// </summary>
        private string[] ReadBack(string store)
        {
            var result = scenario.Session.Invoke(
                "param($S) Get-OfflineDataImport -Store $S; Get-OfflineData -Store $S; Get-TransactionIdRecording -Store $S; Get-OfflineDataDelivery -Store $S",
                new System.Collections.Hashtable { ["S"] = store }).ThrowIfFailed();
            return result.Output
                .Select(o => string.Join("; ", o.Properties
                    .Where(p => p.IsGettable && p.Name != "Store" && p.Name != "Record" && p.Name != "Match")
                    .Select(p => p.Name + "=" + Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture))))
                .ToArray();
        }

        /// <summary>Recording on, online transactions recorded, the sample imported, then imported again with -Force (the first superseded).</summary>
        private void Populate()
        {
            scenario.RecordOnlineSample();
            scenario.DefineDeliveryHelper();
            scenario.Run(@"param($Store, $File)
                Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store | Out-Null
                Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store -Force | Out-Null
                Add-TestDelivery -Store $Store -FileName valid-sample.csv | Out-Null", ("File", StoreScenario.OfflineSample)).ThrowIfFailed();
        }
    }
}
