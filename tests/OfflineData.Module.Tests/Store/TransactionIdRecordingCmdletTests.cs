using System;
using System.IO;
using System.Linq;
using Xunit;

namespace OfflineData.Module.Tests.Store
{
    /// <summary>Set-TransactionIdRecording and Get-TransactionIdRecording from the assembled module.</summary>
    [Collection(StoreEnvironmentCollection.Name)]
    public sealed class TransactionIdRecordingCmdletTests : IDisposable
    {
        private readonly StoreScenario scenario = new StoreScenario();

        [Fact]
        public void Set_with_PassThru_returns_the_new_state_and_Get_reads_it_back()
        {
            var result = scenario.Run(@"param($Store)
                Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -ExpirationDays 365 -Store $Store -PassThru
                Set-TransactionIdRecording -ReportSuite acme.test -Store $Store
                Get-TransactionIdRecording -ReportSuite acme.* -Store $Store").ThrowIfFailed();

            Assert.Equal(3, result.Output.Count);
            Assert.Equal("OfflineData.Core.Store.RecordingSettings", result.Output[0].BaseObject.GetType().FullName);
            var prod = result.Output[1];
            Assert.Equal("acme.prod", StoreScenario.Property(prod, "ReportSuite"));
            Assert.Equal(true, StoreScenario.Property(prod, "Enabled"));
            Assert.Equal(365, StoreScenario.Property(prod, "ExpirationDays"));
            Assert.NotNull(StoreScenario.Property(prod, "EnabledSince"));
            var test = result.Output[2];
            Assert.Equal(false, StoreScenario.Property(test, "Enabled"));
            Assert.Equal(90, StoreScenario.Property(test, "ExpirationDays"));
        }

        [Fact]
        public void Enabled_false_switches_recording_off_and_keeps_the_window()
        {
            var result = scenario.Run(@"param($Store)
                Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -ExpirationDays 30 -Store $Store
                Set-TransactionIdRecording -ReportSuite acme.prod -Enabled:$false -Store $Store -PassThru").ThrowIfFailed();

            var state = Assert.Single(result.Output);
            Assert.Equal(false, StoreScenario.Property(state, "Enabled"));
            Assert.Equal(30, StoreScenario.Property(state, "ExpirationDays"));
            Assert.Null(StoreScenario.Property(state, "EnabledSince"));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(731)]
        public void An_expiration_window_outside_1_to_730_is_a_parameter_error(int days)
        {
            var result = scenario.Run("param($Store, $Days) Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -ExpirationDays $Days -Store $Store", ("Days", days));

            // A binding error stops the command (not the script): it lands in the error stream.
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("ParameterArgumentValidationError", error.FullyQualifiedErrorId);
            Assert.Contains(days.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Exception.Message);
            Assert.False(File.Exists(scenario.StorePath));
        }

        [Fact]
        public void An_invalid_report_suite_id_is_a_parameter_error()
        {
            var result = scenario.Run("param($Store) Set-TransactionIdRecording -ReportSuite 'acme prod' -Enabled -Store $Store");

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("ParameterArgumentValidationError", error.FullyQualifiedErrorId);
            Assert.False(File.Exists(scenario.StorePath));
        }

        [Fact]
        public void WhatIf_changes_nothing()
        {
            var result = scenario.Run(@"param($Store)
                Set-TransactionIdRecording -ReportSuite acme.prod -Enabled:$false -Store $Store
                Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store -WhatIf
                Get-TransactionIdRecording acme.prod -Store $Store | ForEach-Object Enabled").ThrowIfFailed();

            Assert.False((bool)Assert.Single(result.Output).BaseObject);
        }

        [Fact]
        public void WhatIf_against_a_store_that_does_not_exist_creates_no_store()
        {
            var result = scenario.Run("param($Store) Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store -WhatIf").ThrowIfFailed();

            Assert.Empty(result.Output);
            Assert.False(File.Exists(scenario.StorePath));
        }

        [Fact]
        public void Get_for_an_unknown_report_suite_is_a_non_terminating_ReportSuiteNotFound_and_creates_no_store()
        {
            var result = scenario.Run("param($Store) Get-TransactionIdRecording -ReportSuite nosuch, other* -Store $Store");

            Assert.Null(result.TerminatingError);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("ReportSuiteNotFound", error.FullyQualifiedErrorId);
            Assert.Equal("nosuch", error.TargetObject);
            Assert.False(File.Exists(scenario.StorePath));
        }

        [Fact]
        public void The_store_can_come_from_the_OFFLINEDATA_STORE_environment_variable()
        {
            var path = scenario.Directory.Combine("from-env.db");
            var result = scenario.Session.Invoke(@"param($Path)
                [Environment]::SetEnvironmentVariable('OFFLINEDATA_STORE', $Path)
                try { Set-TransactionIdRecording -ReportSuite acme.prod -Enabled } finally { [Environment]::SetEnvironmentVariable('OFFLINEDATA_STORE', $null) }",
                new System.Collections.Hashtable { ["Path"] = path }).ThrowIfFailed();

            Assert.True(File.Exists(path));
        }

        [Fact]
        public void A_relative_Store_path_is_taken_from_the_PowerShell_location_not_the_process_folder()
        {
            scenario.Session.SetLocation(scenario.Directory.FullPath);
            scenario.Session.Invoke("Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store relative.db").ThrowIfFailed();

            Assert.True(File.Exists(scenario.Directory.Combine("relative.db")));
            Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, "relative.db")));
        }

        [Fact]
        public void Verbose_and_ShouldProcess_say_what_really_changes_and_nothing_is_written_when_nothing_changes()
        {
            var result = scenario.Run(@"param($Store)
                Set-TransactionIdRecording -ReportSuite acme.prod -Store $Store -Verbose
                $before = (Get-TransactionIdRecording acme.prod -Store $Store).UpdatedAt
                Set-TransactionIdRecording -ReportSuite acme.prod -Store $Store -Verbose
                Set-TransactionIdRecording -ReportSuite acme.prod -Enabled:$false -ExpirationDays 90 -Store $Store -Verbose -PassThru | ForEach-Object Enabled
                (Get-TransactionIdRecording acme.prod -Store $Store).UpdatedAt -eq $before
                Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -ExpirationDays 90 -Store $Store -Verbose").ThrowIfFailed();

            var verbose = result.Verbose.Select(v => v.Message).ToList();
            Assert.Single(verbose, v => v.Contains("Register the report suite with Transaction ID recording off and an expiration window of 90 days", StringComparison.Ordinal));
            Assert.Equal(2, verbose.Count(v => v.Contains("acme.prod: nothing to change", StringComparison.Ordinal)));
            Assert.DoesNotContain(verbose, v => v.Contains("unless already set", StringComparison.Ordinal));
            var change = Assert.Single(verbose, v => v.Contains("Switch", StringComparison.Ordinal));
            Assert.Contains("Switch Transaction ID recording on (now off)", change);
            Assert.DoesNotContain("expiration window", change);
            Assert.Equal(new object[] { false, true }, result.Output.Select(o => o.BaseObject));
        }

        public void Dispose() => scenario.Dispose();
    }
}
