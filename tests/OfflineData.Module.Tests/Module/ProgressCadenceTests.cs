using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Text;
using OfflineData.Module.Tests.PowerShellHost;
using static OfflineData.Module.Tests.PowerShellHost.ScriptArguments;
using Xunit;

namespace OfflineData.Module.Tests.Module
{
    /// <summary>
    /// Every cmdlet that works through files shows progress the same way: one activity, an "Opening" record per file,
    /// then at most one record per 200 ms however many rows the core reports, and one Completed record at the end.
    /// </summary>
    public sealed class ProgressCadenceTests : IDisposable
    {
        private const double IntervalSeconds = 0.2;

        private readonly ModuleSession session = new ModuleSession();
        private readonly TestDirectory dir = new TestDirectory();

        [Theory]
        [InlineData("Test-OfflineDataFile -LiteralPath $File, $File")]
        [InlineData("Read-OfflineDataFile -LiteralPath $File, $File | Out-Null")]
        [InlineData("Convert-OfflineDataFile -LiteralPath $File -Destination $Out -Force")]
        [InlineData("Import-OfflineData -LiteralPath $File -ReportSuite acme.prod -Store $Store -WhatIf")]
        [InlineData("Export-AdobeDataSource -LiteralPath $File -OutputFolder $Out -Prefix p -Template CustomerId -Store $Store | Out-Null")]
        public void Progress_is_throttled_and_completed_once_at_the_end(string command)
        {
            var file = dir.WriteText("big.csv", Rows(100_000));
            var files = command.Contains("$File, $File", StringComparison.Ordinal) ? 2 : 1;

            var clock = Stopwatch.StartNew();
            var result = session.Invoke("param($File, $Out, $Store) " + command, Args(("File", file), ("Out", dir.Combine("out.csv")), ("Store", dir.Combine("s.db"))));
            var elapsed = clock.Elapsed.TotalSeconds;

            Assert.Null(result.TerminatingError);
            Assert.Empty(result.Errors);
            var progress = result.Progress;
            Assert.All(progress, p => Assert.Equal(1, p.ActivityId));
            Assert.Equal(files, progress.Count(p => p.StatusDescription == "Opening"));
            Assert.Equal("Opening", progress[0].StatusDescription);
            Assert.Equal(ProgressRecordType.Completed, progress[progress.Count - 1].RecordType);
            Assert.Single(progress, p => p.RecordType == ProgressRecordType.Completed);

            // Unthrottled, Read alone would write a record every 1024 rows (about 200 here).
            int updates = progress.Count(p => p.RecordType == ProgressRecordType.Processing && p.StatusDescription != "Opening");
            Assert.True(updates <= (elapsed / IntervalSeconds) + files, $"{updates} progress updates in {elapsed:N2} s");
        }

        [Fact]
        public void Export_AdobeDataSource_counts_piped_rows_throttled_and_completes_once()
        {
            // Piped stored rows have no byte total: the progress counts rows, at the same cadence, and is completed once.
            var store = dir.Combine("s.db");
            session.Invoke("param($File, $Store) Import-OfflineData -LiteralPath $File -ReportSuite acme.prod -Store $Store | Out-Null", Args(("File", dir.WriteText("rows.csv", Rows(30_000))), ("Store", store))).ThrowIfFailed();

            var clock = Stopwatch.StartNew();
            var result = session.Invoke("param($Store, $Out) Get-OfflineData -Store $Store | Export-AdobeDataSource -OutputFolder $Out -Prefix p -Template CustomerId | Out-Null", Args(("Store", store), ("Out", dir.Combine("adobe")))).ThrowIfFailed();
            var elapsed = clock.Elapsed.TotalSeconds;

            var progress = result.Progress.Where(p => p.Activity == "Writing Adobe Data Sources files").ToList();
            Assert.Contains(progress, p => p.RecordType == ProgressRecordType.Processing && p.StatusDescription.Contains("row(s) read"));
            Assert.Equal(ProgressRecordType.Completed, progress[progress.Count - 1].RecordType);
            Assert.Single(progress, p => p.RecordType == ProgressRecordType.Completed);
            int updates = progress.Count(p => p.RecordType == ProgressRecordType.Processing);
            Assert.True(updates <= (elapsed / IntervalSeconds) + 1, $"{updates} progress updates in {elapsed:N2} s");
        }

        [Fact]
        public void Import_OnlineData_shows_the_same_shape()
        {
            var file = dir.WriteText("online.csv", "Timestamp,VisitorId,TransactionId\n2024-05-25 10:00:00,V1,T1\n");
            session.Invoke("param($Store) Set-TransactionIdRecording -ReportSuite acme.prod -Enabled -Store $Store", Args(("Store", dir.Combine("s.db")))).ThrowIfFailed();
            var result = session.Invoke("param($File, $Store) Import-OnlineData -LiteralPath $File -ReportSuite acme.prod -Store $Store", Args(("File", file), ("Store", dir.Combine("s.db")))).ThrowIfFailed();

            Assert.Equal("Opening", result.Progress[0].StatusDescription);
            Assert.Equal(ProgressRecordType.Completed, result.Progress[result.Progress.Count - 1].RecordType);
            Assert.Single(result.Progress, p => p.RecordType == ProgressRecordType.Completed);
        }

        [Fact]
        public void A_command_that_opened_no_file_writes_no_progress()
        {
            var result = session.Invoke("param($Missing) Read-OfflineDataFile -LiteralPath $Missing", Args(("Missing", dir.Combine("missing.csv"))));

            Assert.Single(result.Errors);
            Assert.Empty(result.Progress);
        }

        private static string Rows(int count)
        {
            var text = new StringBuilder(count * 48);
            for (int i = 0; i < count; i++)
            {
                text.Append("2024-05-25 10:00:00;C").Append(i).Append(";7;;SKU;1;10.50\n");
            }

            return text.ToString();
        }

        /// <inheritdoc />
        public void Dispose()
        {
            session.Dispose();
            dir.Dispose();
        }
    }
}
