using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace OfflineData.Module.Tests.Store
{
    /// <summary>
    /// Issue 7, item 9: a folder given as -Store is an error for every store cmdlet. The reading ones used to open an
    /// empty stand-in and return nothing with $? true, as if the store were empty.
    /// </summary>
    public sealed class FolderAsStoreTests : IDisposable
    {
        private readonly StoreScenario scenario = new StoreScenario();

        public static TheoryData<string> Commands => new TheoryData<string>
        {
            "Get-OfflineData -Store $Folder",
            "Get-OfflineDataImport -Store $Folder",
            "Get-TransactionIdRecording -Store $Folder",
            "Get-TransactionIdRecording -ReportSuite acme.prod -Store $Folder",
            "Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Folder",
            "Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Folder",
            "Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Folder -WhatIf",
            "Import-OnlineData -Path $Online -ReportSuite acme.prod -Store $Folder",
        };

        [Theory]
        [MemberData(nameof(Commands))]
        public void A_folder_as_Store_is_a_StoreUnavailable_error_and_sets_dollar_question_false(string command)
        {
            var folder = scenario.Directory.CreateDirectory("stores");

            var result = scenario.Run("param($Store, $Folder, $File, $Online) " + command + "; '$? ' + $?",
                ("Folder", folder), ("File", StoreScenario.OfflineSample), ("Online", StoreScenario.OnlineSample));

            Assert.Null(result.TerminatingError);
            Assert.Equal("$? False", Assert.Single(result.Output).BaseObject);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("StoreUnavailable,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
            Assert.Equal(Path.GetFullPath(folder), error.TargetObject);
            Assert.Contains("is a folder, not a store file", error.Exception.Message);
            Assert.Empty(Directory.GetFileSystemEntries(folder));
        }

        [Theory]
        [InlineData("Get-OfflineDataImport -Store Env:\\offline-h1-test.db", "path of the Environment provider", "NotFileSystemPath")]
        [InlineData("Set-TransactionIdRecording -ReportSuite acme.prod -Store Variable:\\offline-h1-test.db", "path of the Variable provider", "NotFileSystemPath")]
        [InlineData("Get-OfflineData -Store nosuchdrive:\\offline-h1-test.db", "nosuchdrive", "StoreUnavailable")]
        public void A_Store_path_of_another_provider_or_a_missing_drive_is_an_error_not_a_file_in_the_process_folder(string command, string message, string errorId)
        {
            scenario.Session.SetLocation(scenario.Directory.FullPath);

            var result = scenario.Run("param($Store) " + command + "; '$? ' + $?");

            Assert.Equal("$? False", Assert.Single(result.Output).BaseObject);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
            Assert.Contains(message, error.Exception.Message);
            Assert.IsType<string>(error.TargetObject);
            Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, "offline-h1-test.db")));
            Assert.Empty(Directory.GetFileSystemEntries(scenario.Directory.FullPath));
        }

        public void Dispose() => scenario.Dispose();
    }
}
