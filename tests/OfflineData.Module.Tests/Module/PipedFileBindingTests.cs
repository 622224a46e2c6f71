using System;
using System.Linq;
using System.Management.Automation;
using OfflineData.Module.Tests.PowerShellHost;
using Xunit;

namespace OfflineData.Module.Tests.Module
{
    /// <summary>
    /// Get-ChildItem output, Resolve-Path output and path strings piped into a cmdlet that also takes row objects
    /// are files, never rows; only objects with the row's properties are rows.
    /// </summary>
    public sealed class PipedFileBindingTests : IDisposable
    {
        private const string Online = "Timestamp,VisitorId,TransactionId\n2025-02-27 19:02:11,V1,T1\n2025-02-27 19:03:00,V2,T2\n";

        private readonly ModuleSession session = new ModuleSession();
        private readonly TestDirectory dir = new TestDirectory();

        [Theory]
        [InlineData("[System.IO.FileInfo]::new($File)")]
        [InlineData("$ExecutionContext.SessionState.Path.GetResolvedPSPathFromPSPath($File)")]
        [InlineData("[pscustomobject]@{ PSPath = 'Microsoft.PowerShell.Core\\FileSystem::' + $File; Name = 'web.csv' }")]
        [InlineData("$File")]
        [InlineData("[pscustomobject]@{ Path = $File }")]
        [InlineData("[pscustomobject]@{ LiteralPath = $File; Size = 1 }")]
        public void Import_OnlineData_reads_a_piped_file_reference_as_a_file(string producer)
        {
            var file = dir.WriteText("web.csv", Online);
            var result = session.Invoke(
                "param($File, $Store) Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store; " + producer + " | Import-OnlineData -ReportSuite acme.prod -Store $Store",
                ScriptArguments.Args(("File", file), ("Store", dir.Combine("store.db"))));

            Assert.True(result.Succeeded, result.DescribeErrors());
            var summary = result.Output.Single(o => o.BaseObject.GetType().Name == "OnlineImportResult");
            Assert.Equal(file, summary.Properties["Source"].Value);
            Assert.Equal(2L, summary.Properties["TransactionsRecorded"].Value);
        }

        [Fact]
        public void An_object_with_row_fields_is_a_row_even_with_a_Path_state_column()
        {
            var result = session.Invoke(
                "param($Store) Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store; " +
                "[pscustomobject]@{ Timestamp = '2025-02-28 10:00:00'; VisitorId = 'V9'; TransactionId = 'T9'; Path = '/checkout' } | Import-OnlineData -ReportSuite acme.prod -Store $Store",
                ScriptArguments.Args(("Store", dir.Combine("store.db"))));

            Assert.True(result.Succeeded, result.DescribeErrors());
            var summary = result.Output.Single(o => o.BaseObject.GetType().Name == "OnlineImportResult");
            Assert.Equal("pipeline", summary.Properties["Source"].Value);
            Assert.Equal(1L, summary.Properties["TransactionsRecorded"].Value);
        }

        [Fact]
        public void Import_OnlineData_expands_a_piped_wildcard_string_and_still_takes_rows_in_the_same_session()
        {
            dir.WriteText("a.csv", Online);
            var result = session.Invoke(
                "param($Folder, $Store) Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store; " +
                "($Folder + '/*.csv') | Import-OnlineData -ReportSuite acme.prod -Store $Store; " +
                "[pscustomobject]@{ Timestamp = '2025-02-28 10:00:00'; VisitorId = 'V9'; TransactionId = 'T9' } | Import-OnlineData -ReportSuite acme.prod -Store $Store",
                ScriptArguments.Args(("Folder", dir.FullPath), ("Store", dir.Combine("store.db"))));

            Assert.True(result.Succeeded, result.DescribeErrors());
            Assert.Equal(new object[] { dir.Combine("a.csv"), "pipeline" }, result.Output.Where(o => o.BaseObject.GetType().Name == "OnlineImportResult").Select(o => o.Properties["Source"].Value).ToArray());
        }

        [Fact]
        public void Write_OfflineDataFile_says_a_piped_file_is_not_a_row()
        {
            var file = dir.WriteText("in.csv", "2024-05-25 12:00:00;C1;7;;SKU1;2;10.5\n");
            var result = session.Invoke(
                "param($File, $Out) [System.IO.FileInfo]::new($File) | Write-OfflineDataFile -LiteralPath $Out",
                ScriptArguments.Args(("File", file), ("Out", dir.Combine("out.csv"))));

            var error = result.Errors.First();
            Assert.Equal("InputIsFile,OfflineData.Commands.WriteOfflineDataFileCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("Read-OfflineDataFile", error.Exception.Message, StringComparison.Ordinal);
            Assert.Contains(file, error.Exception.Message, StringComparison.Ordinal);
        }

        public void Dispose()
        {
            session.Dispose();
            dir.Dispose();
        }
    }
}
