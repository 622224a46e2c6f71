using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OfflineData.Module.Tests.PowerShellHost;
using Xunit;

namespace OfflineData.Module.Tests.Store
{
    /// <summary>
    /// Issue 7, item 1: objects from a store carry it (Store, its full path) and store cmdlets bind -Store from it, so
    /// a pipeline acts on the store the objects came from, never on the default one; an explicit -Store naming another
    /// store is an error. The default store is a decoy here (OFFLINEDATA_STORE), so a cmdlet that fell back to the
    /// default would read or change the decoy, never the user's own store.
    /// </summary>
    [Collection(StoreEnvironmentCollection.Name)]
    public sealed class PipedStoreTests : IDisposable
    {
        private readonly StoreScenario scenario = new StoreScenario();

        private string Other => scenario.Directory.Combine("other.db");

        private string Decoy => scenario.Directory.Combine("decoy-default.db");

        private string FullStore => Path.GetFullPath(scenario.StorePath);

        /// <summary>Runs <paramref name="body"/> with $Store, $Other, $Decoy, $File (offline sample), $Second (a one-row file), $Online, and the decoy as the default store.</summary>
        private InvocationResult Run(string body)
        {
            var second = scenario.Directory.WriteText("second.csv", "2025-03-02 10:00:00;CUST-20001;7;;SKU;1;5.00\n");
            return scenario.Run(@"param($Store, $Other, $Decoy, $File, $Second, $Online)
                [Environment]::SetEnvironmentVariable('OFFLINEDATA_STORE', $Decoy)
                try {
" + body + @"
                } finally { [Environment]::SetEnvironmentVariable('OFFLINEDATA_STORE', $null) }",
                ("Other", Other), ("Decoy", Decoy), ("File", StoreScenario.OfflineSample), ("Second", second), ("Online", StoreScenario.OnlineSample));
        }

        private static string[] Lines(InvocationResult result) => result.Output.Select(o => o?.BaseObject?.ToString() ?? string.Empty).ToArray();

        [Fact]
        public void Ledger_entries_piped_to_Get_OfflineData_read_the_rows_of_their_own_store()
        {
            var result = Run(@"
                $null = Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store
                $null = Import-OfflineData -Path $Second -ReportSuite acme.prod -Store $Decoy
                Get-OfflineDataImport -Store $Store | Get-OfflineData | ForEach-Object Store").ThrowIfFailed();

            Assert.Equal(Enumerable.Repeat(FullStore, 10), Lines(result));
        }

        [Fact]
        public void Import_results_piped_to_Get_OfflineDataImport_read_the_ledger_of_their_own_store()
        {
            var result = Run(@"
                $result = Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store
                $null = Import-OfflineData -Path $Second -ReportSuite acme.prod -Store $Decoy
                $result | Get-OfflineDataImport | ForEach-Object { '{0} {1} {2}' -f $_.Id, $_.FileName, $_.Store }").ThrowIfFailed();

            Assert.Equal(new[] { $"1 valid-sample.csv {FullStore}" }, Lines(result));
        }

        [Fact]
        public void Stored_rows_piped_to_Get_OfflineDataImport_find_their_import_not_the_entry_with_their_own_row_id()
        {
            // A row's Id is its own; the parameter -Id would take it before its ImportId alias.
            var result = Run(@"
                $null = Import-OfflineData -Path $Second -ReportSuite acme.prod -Store $Store
                $null = Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store
                Get-OfflineData -Store $Store -CustomerId CUST-20001 | Get-OfflineDataImport | ForEach-Object { '{0} {1}' -f $_.Id, $_.FileName }").ThrowIfFailed();

            Assert.Equal(new[] { "1 second.csv" }, Lines(result));
        }

        [Fact]
        public void Recording_settings_piped_to_Set_TransactionIdRecording_change_their_own_store_only()
        {
            var result = Run(@"
                Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store
                Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Decoy
                Get-TransactionIdRecording -Store $Store | Set-TransactionIdRecording -Enabled:$false -PassThru | ForEach-Object { '{0} {1}' -f $_.Enabled, $_.Store }
                (Get-TransactionIdRecording -Store $Store).Enabled
                (Get-TransactionIdRecording -Store $Decoy).Enabled").ThrowIfFailed();

            Assert.Equal(new[] { $"False {FullStore}", "False", "True" }, Lines(result));
        }

        [Fact]
        public void WhatIf_on_piped_settings_names_the_store_they_came_from()
        {
            var host = new AnsweringHost("No");
            using var hosted = new StoreScenario(host);
            var store = Path.GetFullPath(hosted.StorePath);
            hosted.Run(@"param($Store)
                Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store
                Get-TransactionIdRecording -Store $Store | Set-TransactionIdRecording -Enabled:$false -WhatIf").ThrowIfFailed();

            Assert.Contains($"report suite 'acme.prod' in store '{store}'", host.Answers.Written);
        }

        [Fact]
        public void Every_object_from_a_store_cmdlet_names_the_store()
        {
            var result = Run(@"
                Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store -PassThru | ForEach-Object Store
                Get-TransactionIdRecording -Store $Store | ForEach-Object Store
                Import-OnlineData -Path $Online -ReportSuite acme.prod -Store $Store -WarningAction SilentlyContinue | ForEach-Object Store
                [pscustomobject]@{ Timestamp = '2025-02-27 19:02:11'; VisitorId = 'V-PIPE' } | Import-OnlineData -ReportSuite acme.prod -Store $Store | ForEach-Object Store
                Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store -WhatIf | ForEach-Object Store
                @(Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store -PassThru)[0].Store
                Get-OfflineDataImport -Store $Store | ForEach-Object Store
                Get-OfflineData -Store $Store -First 1 | ForEach-Object Store").ThrowIfFailed();

            Assert.Equal(Enumerable.Repeat(FullStore, 8), Lines(result));
        }

        [Fact]
        public void Objects_of_two_stores_in_one_pipeline_each_read_their_own_store()
        {
            var result = Run(@"
                $null = Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store
                $null = Import-OfflineData -Path $Second -ReportSuite acme.prod -Store $Other
                @(Get-OfflineDataImport -Store $Store) + @(Get-OfflineDataImport -Store $Other) | Get-OfflineData | ForEach-Object { '{0} {1}' -f $_.CustomerId, $_.Store }").ThrowIfFailed();

            var lines = Lines(result);
            Assert.Equal(11, lines.Length);
            Assert.Equal(10, lines.Count(l => l.EndsWith(" " + FullStore, StringComparison.Ordinal)));
            Assert.Equal("CUST-20001 " + Path.GetFullPath(Other), lines.Last());
        }

        public static TheoryData<string, string> MismatchedPipelines => new TheoryData<string, string>
        {
            { "Get-OfflineDataImport -Store $Store | Get-OfflineData -Store $Other", "ImportLedgerEntry" },
            { "Get-OfflineData -Store $Store -First 1 | Get-OfflineDataImport -Store $Other", "StoredOfflineRow" },
            { "Get-OfflineDataImport -Store $Store | Get-TransactionIdRecording -Store $Other", "ImportLedgerEntry" },
            { "Get-TransactionIdRecording -Store $Store | Set-TransactionIdRecording -Enabled:$false -Store $Other", "RecordingSettings" },
            { "Get-OfflineDataImport -Store $Store | Import-OfflineData -ReportSuite acme.test -Store $Other", "ImportLedgerEntry" },
        };

        [Theory]
        [MemberData(nameof(MismatchedPipelines))]
        public void An_explicit_Store_that_names_another_store_than_the_piped_objects_is_an_error_for_that_object(string pipeline, string pipedType)
        {
            var result = Run(@"
                $null = Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store
                $null = Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store
                " + pipeline + @"
                '$? ' + $?
                (Get-TransactionIdRecording -Store $Store).Enabled");

            Assert.Null(result.TerminatingError);
            Assert.Equal(new[] { "$? False", "True" }, Lines(result));
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("StoreMismatch,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(pipedType, error.TargetObject?.GetType().Name);
            Assert.Contains(FullStore, error.Exception.Message);
            Assert.Contains(Path.GetFullPath(Other), error.Exception.Message);
            Assert.False(File.Exists(Other));
        }

        [Fact]
        public void An_explicit_Store_that_names_the_piped_objects_store_another_way_is_no_mismatch()
        {
            scenario.Session.SetLocation(scenario.Directory.FullPath);
            var result = Run(@"
                $null = Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store
                @(Get-OfflineDataImport -Store $Store | Get-OfflineData -Store ./store.db).Count").ThrowIfFailed();

            Assert.Equal(new[] { "10" }, Lines(result));
        }

        [Fact]
        public void A_stray_object_piped_to_a_reading_cmdlet_is_not_bound_and_never_becomes_an_unfiltered_query()
        {
            var result = Run(@"
                $null = Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store
                'acme.prod' | Get-OfflineData -Store $Store
                42 | Get-OfflineDataImport -Store $Store");

            Assert.Empty(result.Output);
            Assert.Equal(2, result.Errors.Count);
            Assert.All(result.Errors, e => Assert.StartsWith("InputObjectNotBound,", e.FullyQualifiedErrorId));
            Assert.All(result.Errors, e => Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category));
        }

        [Fact]
        public void A_dry_run_result_piped_to_a_reading_cmdlet_reads_nothing_instead_of_the_whole_report_suite()
        {
            var result = Run(@"
                $null = Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store
                Import-OfflineData -Path $Second -ReportSuite acme.prod -Store $Store -WhatIf | Get-OfflineData
                Import-OfflineData -Path $Second -ReportSuite acme.prod -Store $Store -WhatIf | Get-OfflineDataImport").ThrowIfFailed();

            Assert.Empty(result.Output);
            Assert.Equal(2, result.Warnings.Count);
            Assert.All(result.Warnings, w => Assert.Contains("has no ImportId", w.Message));
        }

        [Fact]
        public void A_skipped_result_piped_to_a_reading_cmdlet_reads_the_import_that_holds_its_content()
        {
            var result = Run(@"
                $null = Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store
                $skipped = Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store -WarningAction SilentlyContinue
                $skipped.Status
                ($skipped | Get-OfflineDataImport | ForEach-Object Id) -join ','
                @($skipped | Get-OfflineData).Count -eq @(Get-OfflineData -ImportId 1 -Store $Store).Count
                @($skipped | Get-OfflineData).Count -gt 0").ThrowIfFailed();

            Assert.Equal(new[] { "Skipped", "1", "True", "True" }, result.Output.Select(o => o.BaseObject.ToString()));
            Assert.Empty(result.Warnings);
        }

        [Fact]
        public void A_Store_column_of_online_rows_is_data_and_never_names_the_store()
        {
            var result = Run(@"
                [pscustomobject]@{ Timestamp = '2025-02-27 19:02:11'; VisitorId = 'V1'; Store = 'Shop 12' } | Import-OnlineData -ReportSuite acme.prod -Store $Store | ForEach-Object Store
                [pscustomobject]@{ Timestamp = '2025-02-27 19:02:11'; VisitorId = 'V1'; Store = 'Shop 12' } | Import-OnlineData -ReportSuite acme.prod | ForEach-Object Store").ThrowIfFailed();

            Assert.Equal(new[] { FullStore, Path.GetFullPath(Decoy) }, Lines(result));
        }

        public void Dispose() => scenario.Dispose();
    }
}
