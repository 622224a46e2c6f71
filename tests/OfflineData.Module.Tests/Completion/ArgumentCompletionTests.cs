using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OfflineData.Module.Tests.PowerShellHost;
using Xunit;

namespace OfflineData.Module.Tests.Completion
{
    /// <summary>
    /// Tab completion of parameter values, through the engine's own CommandCompletion.CompleteInput (what
    /// TabExpansion2 calls), so the completers are tried exactly as a user's Tab press runs them.
    /// </summary>
    public sealed class ArgumentCompletionTests : IDisposable
    {
        private static readonly string[] CompletedParameters = { "ReportSuite", "Encoding", "Culture", "SourceTimeZone", "TargetTimeZone", "Delimiter", "TransactionIdColumn" };

        private readonly ModuleSession session = new ModuleSession();
        private readonly TestDirectory dir = new TestDirectory();

        [Fact]
        public void ReportSuite_completes_from_the_store_named_on_the_line()
        {
            var store = dir.Combine("s.db");
            session.Invoke("param($Store) Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store; Set-TransactionIdRecording -ReportSuite acme.dev -Store $Store; Set-TransactionIdRecording -ReportSuite other -Store $Store",
                ScriptArguments.Args(("Store", store))).ThrowIfFailed();

            Assert.Equal(new[] { "acme.dev", "acme.prod" }, Complete($"Import-OfflineData x.csv -Store '{store}' -ReportSuite acme"));
            Assert.Equal(new[] { "acme.prod" }, Complete($"Get-OfflineData -ReportSuite acme.p^ -Store '{store}'"));
            Assert.Equal(new[] { "acme.dev", "acme.prod", "other" }, Complete($"Get-TransactionIdRecording -Store '{store}' -ReportSuite "));
            // Send-OfflineDataFile: -Credential is the destination's login; the store is still -Store's
            Assert.Equal(new[] { "acme.dev", "acme.prod" }, Complete($"Send-OfflineDataFile x.csv -Destination sftp://h/in -Store '{store}' -ReportSuite acme"));
        }

        [Fact]
        public void Destination_completes_with_the_destinations_in_the_delivery_ledger_of_the_store_named_on_the_line()
        {
            var store = dir.Combine("d.db");
            session.Invoke("param($Path) . $Path", ScriptArguments.Args(("Path", Path.Combine(ModuleLocation.RepoRoot, "tests", "pester", "TestDeliveries.ps1")))).ThrowIfFailed();
            session.Invoke(@"param($Store)
                $null = Add-TestDelivery -Store $Store -Destination 'sftp://upload@files.example.com:2222/in'
                $null = Add-TestDelivery -Store $Store -Destination 'sftp://upload@files.example.com:2222/in' -Sha256 ('b' * 64)
                $null = Add-TestDelivery -Store $Store -Destination 'sftp://adobe@ftp.example.com/rs'
                $null = Add-TestDelivery -Store $Store -Destination '//files01/drop in'", ScriptArguments.Args(("Store", store))).ThrowIfFailed();

            Assert.Equal(new[] { "'//files01/drop in'", "'sftp://adobe@ftp.example.com/rs'", "'sftp://upload@files.example.com:2222/in'" }, Complete($"Get-OfflineDataDelivery -Store '{store}' -Destination "));
            Assert.Equal(new[] { "'sftp://adobe@ftp.example.com/rs'" }, Complete($"Get-OfflineDataDelivery -Destination sftp://a^ -Store '{store}'"));
            Assert.Equal(new[] { "'sftp://upload@files.example.com:2222/in'" }, Complete($"Get-OfflineDataDelivery -Store '{store}' -Destination '*files.example*"));
            Assert.Empty(Complete($"Get-OfflineDataDelivery -Store '{dir.Combine("none.db")}' -Destination "));
            Assert.False(File.Exists(dir.Combine("none.db")));
        }

        [Fact]
        public void ReportSuite_takes_a_relative_Store_from_the_PowerShell_location_and_never_creates_a_store()
        {
            var store = dir.Combine("rel.db");
            session.Invoke("param($Store) Set-TransactionIdRecording -ReportSuite web.eu -Enabled -Store $Store", ScriptArguments.Args(("Store", store))).ThrowIfFailed();
            session.SetLocation(dir.FullPath);

            Assert.Equal(new[] { "web.eu" }, Complete("Import-OnlineData x.csv -Store ./rel.db -ReportSuite we"));
            Assert.Empty(Complete("Import-OnlineData x.csv -Store ./missing/none.db -ReportSuite "));
            Assert.False(Directory.Exists(dir.Combine("missing")));
            Assert.False(File.Exists(dir.Combine("missing/none.db")));
        }

        [Fact]
        public void A_store_that_is_not_a_store_completes_to_nothing_without_an_error()
        {
            var notAStore = dir.WriteText("not-a-store.db", "this is not SQLite\n");
            var folder = dir.CreateDirectory("folder.db");

            Assert.Empty(Complete($"Get-OfflineDataImport -Store '{notAStore}' -ReportSuite "));
            Assert.Empty(Complete($"Get-OfflineDataImport -Store '{folder}' -ReportSuite "));
            Assert.Equal("this is not SQLite\n", File.ReadAllText(notAStore));
        }

        [Theory]
        [InlineData("-Encoding win", "windows-1252")]
        [InlineData("-Encoding utf", "utf-8")]
        [InlineData("-Culture sv-", "sv-SE")]
        [InlineData("-SourceTimeZone Stockh", "Europe/Stockholm")]
        [InlineData("-TargetTimeZone Europe/Ber", "Europe/Berlin")]
        [InlineData("-SourceTimeZone UT", "UTC")]
        [InlineData("-Delimiter ", "';'")]
        [InlineData("-Delimiter tab", "\"`t\"")]
        public void Convert_values_complete(string typed, string expected)
        {
            Assert.Contains(expected, Complete("Convert-OfflineDataFile in.csv -Destination out.csv " + typed));
        }

        [Fact]
        public void Completed_values_with_spaces_are_quoted_in_the_quote_the_user_typed()
        {
            var plain = Complete("Import-OfflineData x.csv -ReportSuite a -TransactionIdColumn EventTr");
            Assert.Equal("'EventTransaction Attr1'", plain.First());
            Assert.DoesNotContain(plain, c => c.Contains("Time Stamp", StringComparison.Ordinal) || c.Contains("Num1", StringComparison.Ordinal));
            Assert.Equal("\"EventTransaction Attr1\"", Complete("Import-OfflineData x.csv -ReportSuite a -TransactionIdColumn \"EventTr").First());
            Assert.Contains("Var1", Complete("Import-OfflineData x.csv -ReportSuite a -TransactionIdColumn Va"));
        }

        [Fact]
        public void Every_cmdlet_with_a_completed_parameter_has_its_completer()
        {
            var missing = session.Module.ExportedCmdlets.Values
                .SelectMany(c => c.Parameters.Values.Where(p => CompletedParameters.Contains(p.Name)).Select(p => (Command: c.Name, Parameter: p)))
                .Where(x => !x.Parameter.Attributes.OfType<ArgumentCompleterAttribute>().Any())
                .Select(x => x.Command + " -" + x.Parameter.Name)
                .ToList();

            Assert.Empty(missing);
        }

        /// <summary>The completion texts for <paramref name="line"/> with the cursor at its end, or at '^' (which is removed).</summary>
        private string[] Complete(string line)
        {
            int cursor = line.IndexOf('^');
            if (cursor >= 0) line = line.Remove(cursor, 1);
            else cursor = line.Length;
            var result = session.Invoke(
                "param($Line, $Cursor) [System.Management.Automation.CommandCompletion]::CompleteInput($Line, $Cursor, $null).CompletionMatches | ForEach-Object CompletionText",
                ScriptArguments.Args(("Line", line), ("Cursor", cursor)));
            Assert.True(result.Succeeded, result.DescribeErrors());
            return result.Output.Select(o => o.BaseObject.ToString()!).ToArray();
        }

        public void Dispose()
        {
            session.Dispose();
            dir.Dispose();
        }
    }
}
