using System;
using System.IO;
using System.Linq;
using OfflineData.Module.Tests.PowerShellHost;
using Xunit;

namespace OfflineData.Module.Tests.Store
{
    /// <summary>
    /// Issue 7, item 9: answering No to -Confirm changes nothing, not even by creating the store file; the prompt
    /// names the store. The engine alone cannot prompt, so these run in a host that answers.
    /// </summary>
    public sealed class DeclinedConfirmTests
    {
        public static TheoryData<string> ConfirmedCommands => new TheoryData<string>
        {
            "Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store -Confirm",
            "Import-OfflineData -Path $File -ReportSuite acme.prod -Store $Store -Confirm",
            "Import-OnlineData -Path $Online -ReportSuite acme.prod -Store $Store -Confirm",
            "[pscustomobject]@{ Timestamp = '2025-02-27 19:02:11'; VisitorId = 'V1' } | Import-OnlineData -ReportSuite acme.prod -Store $Store -Confirm",
        };

        [Theory]
        [MemberData(nameof(ConfirmedCommands))]
        public void Declining_Confirm_creates_no_store_and_the_prompt_names_the_store(string command)
        {
            var host = new AnsweringHost("No");
            using var scenario = new StoreScenario(host);

            var result = scenario.Run("param($Store, $File, $Online) " + command, ("File", StoreScenario.OfflineSample), ("Online", StoreScenario.OnlineSample)).ThrowIfFailed();

            Assert.Empty(result.Output);
            var prompt = Assert.Single(host.Answers.Prompts);
            Assert.Contains(Path.GetFullPath(scenario.StorePath), prompt);
            Assert.False(File.Exists(scenario.StorePath), "declining -Confirm created the store file");
            Assert.Empty(Directory.GetFileSystemEntries(scenario.Directory.FullPath));
        }

        [Fact]
        public void Accepting_Confirm_creates_the_store_and_changes_it()
        {
            var host = new AnsweringHost("Yes");
            using var scenario = new StoreScenario(host);

            var result = scenario.Run("param($Store) Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store -Confirm -PassThru").ThrowIfFailed();

            Assert.Single(host.Answers.Prompts);
            Assert.Equal(true, StoreScenario.Property(Assert.Single(result.Output), "Enabled"));
            Assert.True(File.Exists(scenario.StorePath));
        }
    }
}
