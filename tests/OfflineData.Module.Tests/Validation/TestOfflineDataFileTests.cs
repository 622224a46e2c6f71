using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OfflineData.Module.Tests.PowerShellHost;
using static OfflineData.Module.Tests.PowerShellHost.ScriptArguments;
using Xunit;

namespace OfflineData.Module.Tests.Validation
{
    /// <summary>Test-OfflineDataFile from the assembled module: pipeline binding, reports, errors, -Quiet.</summary>
    public sealed class TestOfflineDataFileTests : IDisposable
    {
        private const string ValidRow = "2024-05-25 12:25:43;C1;7;;SKU;1;2.50";
        private readonly ModuleSession session = new ModuleSession();
        private readonly TestDirectory dir = new TestDirectory();
        private readonly string examples = Path.Combine(ModuleLocation.RepoRoot, "examples");

        private string Example(string name) => Path.Combine(examples, name);

        [Fact]
        public void Validates_every_bundled_example_with_the_documented_findings()
        {
            var result = session.Invoke(
                "param($dir) Test-OfflineDataFile -Path ([System.IO.Path]::Combine($dir, '*-sample.*'))",
                Args(("dir", examples))).ThrowIfFailed();

            var reports = result.Output.Select(o => o.Properties).ToDictionary(p => (string)p["Name"].Value);
            Assert.Equal(new[] { "invalid-sample.csv", "valid-sample.csv", "valid-sample.zip" }, reports.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.True((bool)reports["valid-sample.csv"]["IsValid"].Value);
            Assert.Equal(10L, reports["valid-sample.csv"]["RowCount"].Value);
            Assert.True((bool)reports["valid-sample.zip"]["IsValid"].Value);
            Assert.Equal("Zip", reports["valid-sample.zip"]["Format"].Value.ToString());

            var invalid = reports["invalid-sample.csv"];
            Assert.False((bool)invalid["IsValid"].Value);
            Assert.Equal(12L, invalid["RowCount"].Value);
            Assert.Equal(8L, invalid["InvalidRowCount"].Value);
            Assert.Equal(9L, invalid["ErrorCount"].Value);
            Assert.Equal(3L, invalid["WarningCount"].Value);
        }

        [Fact]
        public void Findings_filter_by_code_in_a_pipeline_and_carry_their_location()
        {
            var result = session.Invoke(
                "param($file) Test-OfflineDataFile $file | ForEach-Object Findings | Where-Object Code -eq 'InvalidNumber'",
                Args(("file", Example("invalid-sample.csv")))).ThrowIfFailed();

            var finding = Assert.Single(result.Output);
            Assert.Equal(7L, finding.Properties["Line"].Value);
            Assert.Equal(6L, finding.Properties["RowIndex"].Value);
            Assert.Equal(7, finding.Properties["ColumnNumber"].Value);
            Assert.Equal("Num2", finding.Properties["ColumnName"].Value);
            Assert.Equal("2450,00", finding.Properties["RawValue"].Value);
            Assert.Equal("Error", finding.Properties["Severity"].Value.ToString());
            Assert.Equal(Example("invalid-sample.csv"), finding.Properties["Path"].Value);
        }

        [Fact]
        public void Binds_strings_from_the_pipeline_to_Path()
        {
            var result = session.Invoke(
                "param($a, $b) $a, $b | Test-OfflineDataFile",
                Args(("a", Example("valid-sample.csv")), ("b", Example("valid-sample.zip")))).ThrowIfFailed();

            Assert.Equal(2, result.Output.Count);
        }

        [Fact]
        public void Binds_provider_items_through_PSPath()
        {
            // What Get-ChildItem emits: FileInfo objects carrying the provider's PSPath note property.
            var result = session.Invoke(
                "param($dir) $ExecutionContext.InvokeProvider.ChildItem.Get($dir, $false) | Where-Object Name -like 'valid-sample.*' | Test-OfflineDataFile",
                Args(("dir", examples))).ThrowIfFailed();

            Assert.Equal(new[] { "valid-sample.csv", "valid-sample.zip" }, result.Output.Select(o => (string)o.Properties["Name"].Value).OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void Binds_a_plain_FileInfo_object_without_PSPath()
        {
            // [IO.FileInfo] made in a script has no provider PSPath note: it binds to -Path by value, as its full path.
            var result = session.Invoke(
                "param($file) $info = [System.IO.FileInfo]::new($file); $info.psobject.Properties['PSPath'] -eq $null; $info | Test-OfflineDataFile",
                Args(("file", Example("valid-sample.zip")))).ThrowIfFailed();

            Assert.Equal(true, result.Output[0].BaseObject);
            Assert.Equal(Example("valid-sample.zip"), Assert.Single(result.Output.Skip(1)).Properties["Path"].Value);
        }

        [Fact]
        public void Binds_LiteralPath_and_Path_properties_by_name()
        {
            var result = session.Invoke(
                "param($file, $pattern) [pscustomobject]@{ LiteralPath = $file } | Test-OfflineDataFile; [pscustomobject]@{ Path = $pattern } | Test-OfflineDataFile",
                Args(("file", Example("valid-sample.csv")), ("pattern", Path.Combine(examples, "valid-*.zip")))).ThrowIfFailed();

            Assert.Equal(new[] { "valid-sample.csv", "valid-sample.zip" }, result.Output.Select(o => (string)o.Properties["Name"].Value));
        }

        [Fact]
        public void LiteralPath_takes_wildcard_characters_literally()
        {
            var file = dir.WriteText("sales[1].csv", ValidRow + "\n");
            var literal = session.Invoke("param($f) Test-OfflineDataFile -LiteralPath $f", Args(("f", file))).ThrowIfFailed();
            Assert.Equal(1L, Assert.Single(literal.Output).Properties["RowCount"].Value);
        }

        [Fact]
        public void Relative_paths_are_taken_from_the_PowerShell_location()
        {
            dir.WriteText("relative.csv", ValidRow + "\n");
            session.SetLocation(dir.FullPath);
            var result = session.Invoke("Test-OfflineDataFile -Path ./relative.csv").ThrowIfFailed();
            Assert.Equal(Path.Combine(dir.FullPath, "relative.csv"), Assert.Single(result.Output).Properties["Path"].Value);
        }

        [Fact]
        public void A_missing_file_is_a_non_terminating_PathNotFound_error_and_the_others_still_run()
        {
            var missing = dir.Combine("missing.csv");
            var result = session.Invoke(
                "param($missing, $good) Test-OfflineDataFile -Path $missing, $good",
                Args(("missing", missing), ("good", Example("valid-sample.csv"))));

            Assert.Null(result.TerminatingError);
            var error = Assert.Single(result.Errors);
            Assert.Equal("PathNotFound,OfflineData.Commands.TestOfflineDataFileCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal(missing, error.TargetObject);
            Assert.Single(result.Output);
        }

        [Fact]
        public void A_wildcard_matching_nothing_is_an_error()
        {
            var result = session.Invoke("param($p) Test-OfflineDataFile -Path $p", Args(("p", dir.Combine("none-*.csv"))));
            Assert.Equal("PathNotFound,OfflineData.Commands.TestOfflineDataFileCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Empty(result.Output);
        }

        [Fact]
        public void A_wildcard_matching_only_directories_is_a_PathNotFound_error_and_Quiet_gives_false()
        {
            var folder = dir.Combine("exports");
            Directory.CreateDirectory(Path.Combine(folder, "archive"));
            Directory.CreateDirectory(Path.Combine(folder, "incoming"));
            var pattern = Path.Combine(folder, "*");

            var result = session.Invoke("param($p) Test-OfflineDataFile -Path $p; Test-OfflineDataFile -Path $p -Quiet", Args(("p", pattern)));

            Assert.Equal(2, result.Errors.Count);
            Assert.All(result.Errors, e =>
            {
                Assert.Equal("PathNotFound,OfflineData.Commands.TestOfflineDataFileCommand", e.FullyQualifiedErrorId);
                Assert.Equal(pattern, e.TargetObject);
            });
            Assert.Equal(new object[] { false }, result.Output.Select(o => o.BaseObject));
        }

        [Fact]
        public void A_directory_is_a_PathIsDirectory_error()
        {
            var result = session.Invoke("param($p) Test-OfflineDataFile -LiteralPath $p", Args(("p", dir.FullPath)));
            var error = Assert.Single(result.Errors);
            Assert.Equal("PathIsDirectory,OfflineData.Commands.TestOfflineDataFileCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        }

        [Fact]
        public void A_path_of_another_provider_is_a_NotFileSystemPath_error()
        {
            var result = session.Invoke("Test-OfflineDataFile -Path Env:PATH");
            var error = Assert.Single(result.Errors);
            Assert.Equal("NotFileSystemPath,OfflineData.Commands.TestOfflineDataFileCommand", error.FullyQualifiedErrorId);
            Assert.Equal("Env:PATH", error.TargetObject);
        }

        [Fact]
        public void Quiet_returns_one_boolean_per_file_and_false_for_a_missing_one()
        {
            var result = session.Invoke(
                "param($good, $bad, $missing) Test-OfflineDataFile -Path $good, $bad, $missing -Quiet",
                Args(("good", Example("valid-sample.csv")), ("bad", Example("invalid-sample.csv")), ("missing", dir.Combine("missing.csv"))));

            Assert.Equal(new object[] { true, false, false }, result.Output.Select(o => o.BaseObject));
            Assert.Single(result.Errors);
        }

        [Fact]
        public void Quiet_is_true_for_a_file_with_warnings_only()
        {
            var file = dir.WriteText("warn.csv", ValidRow + "\n" + ValidRow + "\n");
            var result = session.Invoke("param($f) Test-OfflineDataFile $f -Quiet", Args(("f", file))).ThrowIfFailed();
            Assert.Equal(true, Assert.Single(result.Output).BaseObject);
        }

        [Fact]
        public void Header_parameter_forces_header_handling()
        {
            var file = dir.WriteText("h.csv", ValidRow + "\n");
            var result = session.Invoke(
                "param($f) (Test-OfflineDataFile $f -Header Present).RowCount; (Test-OfflineDataFile $f -Header Absent).RowCount; (Test-OfflineDataFile $f).RowCount",
                Args(("f", file))).ThrowIfFailed();
            Assert.Equal(new object[] { 0L, 1L, 1L }, result.Output.Select(o => o.BaseObject));
        }

        [Fact]
        public void MaxFindings_caps_the_list_but_not_the_counts()
        {
            var rows = string.Join("\n", Enumerable.Range(1, 30).Select(i => $"bad;C{i};7;;SKU;1;2")) + "\n";
            var file = dir.WriteText("many.csv", rows);
            var result = session.Invoke("param($f) Test-OfflineDataFile $f -MaxFindings 3", Args(("f", file))).ThrowIfFailed();
            var report = Assert.Single(result.Output);
            Assert.Equal(3, ((IEnumerable)report.Properties["Findings"].Value).Cast<object>().Count());
            Assert.True((bool)report.Properties["FindingsTruncated"].Value);
            Assert.Equal(30L, report.Properties["ErrorCount"].Value);
        }

        [Fact]
        public void Reports_progress_and_completes_it()
        {
            var result = session.Invoke("param($f) Test-OfflineDataFile $f", Args(("f", Example("valid-sample.csv")))).ThrowIfFailed();
            Assert.NotEmpty(result.Progress);
            Assert.Equal(ProgressRecordType.Completed, result.Progress.Last().RecordType);
        }

        [Fact]
        public void Output_types_are_declared()
        {
            var result = session.Invoke("(Get-Command Test-OfflineDataFile).OutputType | ForEach-Object Name").ThrowIfFailed();
            Assert.Contains("OfflineData.Core.Validation.ValidationReport", result.Output.Select(o => (string)o.BaseObject));
            Assert.Contains("System.Boolean", result.Output.Select(o => (string)o.BaseObject));
        }

        [Fact]
        public void Help_names_every_property_of_the_report()
        {
            var result = session.Invoke(@"
                $text = (@((Get-Help Test-OfflineDataFile -Full).returnValues.returnValue)[0].description | ForEach-Object { $_.Text }) -join ' '
                [OfflineData.Core.Validation.ValidationReport, OfflineData.Core].GetProperties() | ForEach-Object Name | Where-Object { $text -notmatch ('\b' + $_ + '\b') }").ThrowIfFailed();

            Assert.Empty(result.Output.Select(o => (string)o.BaseObject));
        }

        [Fact]
        public void MaxRecordLength_below_MaxFieldLength_stops_the_command_with_an_argument_error()
        {
            var result = session.Invoke("param($f) Test-OfflineDataFile $f -MaxFieldLength 1000 -MaxRecordLength 100", Args(("f", Example("valid-sample.csv"))));
            var error = result.TerminatingError ?? Assert.Single(result.Errors);
            Assert.Equal("InvalidLimits,OfflineData.Commands.TestOfflineDataFileCommand", error.FullyQualifiedErrorId);
            Assert.Empty(result.Output);
        }

        [Fact]
        public void MaxRecordLength_alone_lowers_the_field_limit_with_it()
        {
            // The default field limit (32 KiB) is above 100 bytes; given alone, the record limit must still be accepted.
            var result = session.Invoke("param($f) Test-OfflineDataFile $f -MaxRecordLength 100", Args(("f", Example("valid-sample.csv")))).ThrowIfFailed();
            var report = Assert.Single(result.Output);
            Assert.Equal("OfflineData.Core.Validation.ValidationReport", report.TypeNames[0]);
        }

        public void Dispose()
        {
            session.Dispose();
            dir.Dispose();
        }
    }
}
