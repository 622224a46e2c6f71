using System;
using System.IO;
using System.Linq;
using OfflineData.Module.Tests.PowerShellHost;
using Xunit;

namespace OfflineData.Module.Tests.Store
{
    /// <summary>
    /// examples/Invoke-NightlyImport.ps1, run as the scheduler runs it, against the assembled module: the exit code
    /// is what Task Scheduler and cron see, so each documented code is checked.
    /// </summary>
    public sealed class NightlyImportScriptTests : IDisposable
    {
        private readonly StoreScenario scenario = new StoreScenario();

        /// <summary>
        /// Runs the script and returns its exit code and log. The script imports the module by name, so the assembled
        /// module's folder is put on PSModulePath; Write-Host (not in this engine-only runspace) is captured by a function.
        /// </summary>
        private (int ExitCode, string Log) RunNightly(string arguments) => RunNightly(Parse(arguments));

        /// <summary>Runs the script with <paramref name="arguments"/> as they are (a string with commas stays one string, as pwsh -File passes it).</summary>
        private (int ExitCode, string Log) RunNightly(System.Collections.Hashtable arguments)
        {
            var result = scenario.Run(@"param($Store, $Script, $ModuleRoot, $Arguments)
                if (($env:PSModulePath -split [IO.Path]::PathSeparator) -notcontains $ModuleRoot) {
                    $env:PSModulePath = $ModuleRoot + [IO.Path]::PathSeparator + $env:PSModulePath
                }
                $global:NightlyLog = [System.Collections.Generic.List[string]]::new()
                function global:Write-Host { param([Parameter(ValueFromRemainingArguments)] $Message) $global:NightlyLog.Add(($Message -join ' ')) }
                $global:LASTEXITCODE = -1
                $splat = $Arguments.Clone(); $splat.Store = $Store
                & $Script @splat -WarningAction SilentlyContinue
                $global:LASTEXITCODE
                $global:NightlyLog -join [Environment]::NewLine",
                ("Script", StoreScenario.Example("Invoke-NightlyImport.ps1")),
                ("ModuleRoot", Path.GetDirectoryName(ModuleLocation.ModuleDirectory)!),
                ("Arguments", arguments));

            Assert.Null(result.TerminatingError);
            var output = result.Output.Select(o => o?.BaseObject).ToList();
            return ((int)output[output.Count - 2]!, (string)output[output.Count - 1]!);
        }

        private static System.Collections.Hashtable Parse(string arguments)
        {
            var table = new System.Collections.Hashtable();
            foreach (var pair in arguments.Split('|'))
            {
                var parts = pair.Split('=', 2);
                table[parts[0]] = parts[1] == "True" ? true : parts[1].Contains(',') ? parts[1].Split(',') : (object)parts[1];
            }

            return table;
        }

        [Fact]
        public void Exit_0_when_every_file_is_imported_and_again_0_when_rerun_as_the_ledger_skips_it()
        {
            scenario.Run("param($Store) Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store").ThrowIfFailed();
            var args = $"Path={StoreScenario.OfflineSample}|ReportSuite=acme.prod|OnlinePath={StoreScenario.OnlineSample}";

            var first = RunNightly(args);
            var second = RunNightly(args);

            Assert.True(first.ExitCode == 0, first.Log);
            Assert.Contains("4 transactions recorded", first.Log);
            Assert.Contains("Imported", first.Log);
            Assert.Contains("3 by transaction ID", first.Log);
            Assert.True(second.ExitCode == 0, second.Log);
            Assert.Contains("already imported as import", second.Log);
            Assert.DoesNotContain("WARNING", first.Log);
        }

        // Issue 7, item 12: online rows not recorded, a malformed report suite, an unconfigured one, paths from -File.

        [Fact]
        public void Exit_1_when_online_rows_were_rejected_as_RecordingDisabled_and_a_warning_for_the_unconfigured_suite()
        {
            var run = RunNightly($"Path={StoreScenario.OfflineSample}|ReportSuite=acme.prod|OnlinePath={StoreScenario.OnlineSample}");

            Assert.True(run.ExitCode == 1, run.Log);
            Assert.Contains("online row not recorded", run.Log);
            Assert.Contains("RecordingDisabled", run.Log);
            Assert.Contains("online row(s) were not recorded", run.Log);
            Assert.Contains("WARNING: report suite 'acme.prod' has no Transaction ID recording settings", run.Log);
        }

        [Fact]
        public void Exit_2_when_an_online_file_is_not_recorded()
        {
            scenario.Run("param($Store) Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store").ThrowIfFailed();

            var run = RunNightly($"Path={StoreScenario.OfflineSample}|ReportSuite=acme.prod|OnlinePath={scenario.Directory.Combine("no-such-orders.csv")}");

            Assert.True(run.ExitCode == 2, run.Log);
            Assert.Contains("online file not recorded", run.Log);
            Assert.Contains("Imported", run.Log);
        }

        [Fact]
        public void Exit_4_for_a_malformed_report_suite_and_nothing_is_done()
        {
            var run = RunNightly($"Path={StoreScenario.OfflineSample}|ReportSuite=acme prod");

            Assert.True(run.ExitCode == 4, run.Log);
            Assert.Contains("invalid arguments: 'acme prod' is not a report suite ID", run.Log);
            Assert.False(File.Exists(scenario.StorePath));
        }

        [Fact]
        public void A_misspelt_report_suite_is_imported_with_a_warning_that_it_has_no_recording_settings()
        {
            scenario.Run("param($Store) Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store").ThrowIfFailed();

            var run = RunNightly($"Path={StoreScenario.OfflineSample}|ReportSuite=acme.prd");

            Assert.True(run.ExitCode == 0, run.Log);
            Assert.Contains("WARNING: report suite 'acme.prd' has no Transaction ID recording settings in the store (never configured, or misspelt?", run.Log);
        }

        [Fact]
        public void Several_paths_in_one_comma_separated_string_as_pwsh_File_passes_them_are_each_imported()
        {
            var second = scenario.Directory.WriteText("day,2.csv", "2025-03-02 10:00:00;CUST-20001;7;;SKU;1;5.00\n");
            var third = scenario.Directory.WriteText("third.csv", "2025-03-03 10:00:00;CUST-30001;7;;SKU;1;6.00\n");
            scenario.Run("param($Store) Set-TransactionIdRecording -ReportSuite acme.prod -Store $Store").ThrowIfFailed();

            // One string, as pwsh -File -Path a,b delivers it; 'day,2.csv' exists and keeps its comma.
            var run = RunNightly(new System.Collections.Hashtable { ["Path"] = $"{StoreScenario.OfflineSample},{third}", ["ReportSuite"] = "acme.prod" });
            var withComma = RunNightly(new System.Collections.Hashtable { ["Path"] = second, ["ReportSuite"] = "acme.prod" });

            Assert.True(run.ExitCode == 0, run.Log);
            Assert.Contains("Imported " + StoreScenario.OfflineSample, run.Log);
            Assert.Contains("Imported " + third, run.Log);
            Assert.True(withComma.ExitCode == 0, withComma.Log);
            Assert.Contains("Imported " + second, withComma.Log);
        }

        [Fact]
        public void Exit_1_when_rows_were_quarantined()
        {
            var run = RunNightly($"Path={StoreScenario.Example("invalid-sample.csv")}|ReportSuite=acme.prod|RejectPath={scenario.Directory.Combine("rejects")}");

            Assert.True(run.ExitCode == 1, run.Log);
            Assert.Contains("rejected rows are in " + scenario.Directory.Combine("rejects"), run.Log);
        }

        [Fact]
        public void Exit_2_when_a_file_is_not_imported_under_RequireValid_or_no_file_matched()
        {
            var invalid = RunNightly($"Path={StoreScenario.Example("invalid-sample.csv")}|ReportSuite=acme.prod|RequireValid=True");
            var none = RunNightly($"Path={scenario.Directory.Combine("nothing-*.csv")}|ReportSuite=acme.prod");

            Assert.True(invalid.ExitCode == 2, invalid.Log);
            Assert.Contains("not imported (invalid, -RequireValid)", invalid.Log);
            Assert.True(none.ExitCode == 2, none.Log);
            Assert.Contains("No file matched", none.Log);
        }

        [Fact]
        public void Exit_2_for_a_file_without_importable_rows_and_0_the_next_night_once_it_has_rows()
        {
            var file = scenario.Directory.WriteText("day.csv", string.Empty);
            var args = $"Path={file}|ReportSuite=acme.prod";

            var empty = RunNightly(args);
            File.Copy(StoreScenario.OfflineSample, file, overwrite: true);
            var fixedRun = RunNightly(args);

            Assert.True(empty.ExitCode == 2, empty.Log);
            Assert.Contains("holds no data row", empty.Log);
            Assert.True(fixedRun.ExitCode == 0, fixedRun.Log);
            Assert.DoesNotContain("already imported", fixedRun.Log);
        }

        [Fact]
        public void Exit_3_when_the_store_cannot_be_opened()
        {
            File.WriteAllText(scenario.StorePath, "this is not an SQLite database, just text that is long enough to fill a header page...");

            var run = RunNightly($"Path={StoreScenario.OfflineSample}|ReportSuite=acme.prod");

            Assert.True(run.ExitCode == 3, run.Log);
            Assert.Contains("store error", run.Log);
        }

        [Fact]
        public void Exit_3_when_the_store_is_a_folder()
        {
            Directory.CreateDirectory(scenario.StorePath);

            var run = RunNightly($"Path={StoreScenario.OfflineSample}|ReportSuite=acme.prod");

            Assert.True(run.ExitCode == 3, run.Log);
            Assert.Contains("is a folder, not a store file", run.Log);
        }

        [Fact]
        public void Exit_3_when_an_import_fails_because_the_store_is_damaged()
        {
            // A damaged index page: the store opens, but Import-OfflineData refuses to write (FailureCause StoreFailed).
            scenario.Run(@"param($Store, $File)
                Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store
                $null = Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store
                $connection = $SqliteConnection::new(""Data Source=$Store;Pooling=False"")
                try { $connection.Open(); $command = $connection.CreateCommand(); $command.CommandText = ""SELECT rootpage FROM sqlite_master WHERE name = 'offline_row_customer'""; $root = $command.ExecuteScalar() }
                finally { $connection.Dispose() }
                $bytes = [IO.File]::ReadAllBytes($Store)
                for ($i = 0; $i -lt 64; $i++) { $bytes[($root - 1) * 4096 + $i] = 0xA5 }
                [IO.File]::WriteAllBytes($Store, $bytes)",
                ("File", StoreScenario.OfflineSample)).ThrowIfFailed();
            var other = scenario.Directory.WriteText("other.csv", File.ReadAllText(StoreScenario.OfflineSample) + "2025-03-09 10:00:00;CUST-9;7;;SKU;1;5.00\n");

            var run = RunNightly($"Path={other}|ReportSuite=acme.prod");

            Assert.True(run.ExitCode == 3, run.Log);
            Assert.Contains("store error", run.Log);
        }

        public void Dispose() => scenario.Dispose();
    }
}
