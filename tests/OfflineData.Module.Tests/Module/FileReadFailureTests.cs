using System;
using System.Management.Automation;
using OfflineData.Module.Tests.PowerShellHost;
using Xunit;

namespace OfflineData.Module.Tests.Module
{
    /// <summary>
    /// A file that exists but cannot be read is the same error in every reading cmdlet: FileReadFailed,
    /// ReadError, the file named in the message and as target, and the run goes on.
    /// </summary>
    public sealed class FileReadFailureTests : IDisposable
    {
        // On Linux, /proc/self/mem opens as a regular file and fails with EIO on the first read.
        private const string UnreadableFile = "/proc/self/mem";

        private readonly ModuleSession session = new ModuleSession();
        private readonly TestDirectory dir = new TestDirectory();

        [Theory]
        [InlineData("Test-OfflineDataFile -LiteralPath $File", "TestOfflineDataFileCommand")]
        [InlineData("Read-OfflineDataFile -LiteralPath $File", "ReadOfflineDataFileCommand")]
        [InlineData("Import-OnlineData -LiteralPath $File -ReportSuite acme.prod -Store $Store", "ImportOnlineDataCommand")]
        [InlineData("Convert-OfflineDataFile -LiteralPath $File -Destination ($Store + '.csv')", "ConvertOfflineDataFileCommand")]
        public void An_unreadable_file_is_a_FileReadFailed_error_naming_the_file(string command, string commandType)
        {
            if (!OperatingSystem.IsLinux()) return; // the unreadable file used here exists on Linux only; CI runs there

            var result = session.Invoke(
                "param($File, $Store) " + command,
                ScriptArguments.Args(("File", UnreadableFile), ("Store", dir.Combine("store.db"))));

            Assert.Null(result.TerminatingError);
            var error = Assert.Single(result.Errors);
            Assert.Equal("FileReadFailed,OfflineData.Commands." + commandType, error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ReadError, error.CategoryInfo.Category);
            Assert.Equal(UnreadableFile, error.TargetObject);
            Assert.Contains(UnreadableFile, error.Exception.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Import_OfflineData_reports_an_unreadable_file_as_FileReadFailed_and_returns_a_failed_result()
        {
            if (!OperatingSystem.IsLinux()) return; // see UnreadableFile

            var result = session.Invoke(
                "param($File, $Store) Import-OfflineData -LiteralPath $File -ReportSuite acme.prod -Store $Store",
                ScriptArguments.Args(("File", UnreadableFile), ("Store", dir.Combine("store.db"))));

            // The same error as every other cmdlet gives for an unreadable file, not ImportFailed/InvalidData.
            var error = Assert.Single(result.Errors);
            Assert.Equal("FileReadFailed,OfflineData.Commands.ImportOfflineDataCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ReadError, error.CategoryInfo.Category);
            Assert.Equal(UnreadableFile, error.TargetObject);
            Assert.Contains("Cannot read '" + UnreadableFile + "'", error.Exception.Message, StringComparison.Ordinal);
            Assert.Equal("Failed", Assert.Single(result.Output).Properties["Status"].Value.ToString());
        }

        public void Dispose()
        {
            session.Dispose();
            dir.Dispose();
        }
    }
}
