using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Text;
using OfflineData.Module.Tests.PowerShellHost;
using static OfflineData.Module.Tests.PowerShellHost.ScriptArguments;
using Xunit;

namespace OfflineData.Module.Tests.Conversion
{
    /// <summary>Convert-OfflineDataFile from the assembled module, as a user runs it.</summary>
    public sealed class ConvertOfflineDataFileTests : IDisposable
    {
        private const string Command = "OfflineData.Commands.ConvertOfflineDataFileCommand";
        private const string TillConversion =
            "Convert-OfflineDataFile -Path $Source -Destination $Destination -Encoding windows-1252 -Culture sv-SE -TimestampFormat 'yyyy-MM-dd HH:mm' -SourceTimeZone Europe/Stockholm " +
            "-ColumnMap @{ Timestamp = 'Datum'; CustomerId = 'Kundnummer'; EventName = 'Artikelnummer'; Category = 'Kategori'; Num1 = 'Antal'; Num2 = 'Belopp'; Var1 = 'Stad'; Var2 = 'Butik'; TransactionAttributes = @('Kvittonummer') } -Constant @{ EventType = 7 }";

        private const string Simple = "Timestamp,CustomerId,EventType,EventName,Num1,Num2\n2024-05-25 12:00:00,C1,7,SKU1,2,10.5\n2024-05-25 12:01:00,C2,7,SKU2,1,1500\n";

        private readonly ModuleSession session = new ModuleSession();
        private readonly TestDirectory dir = new TestDirectory();
        private readonly string tillExport = Path.Combine(ModuleLocation.RepoRoot, "examples", "till-export-sv.csv");

        [Fact]
        public void The_bundled_till_export_converts_into_a_file_that_Test_OfflineDataFile_passes()
        {
            var destination = dir.Combine("till.csv");
            var result = session.Invoke(
                "param($Source, $Destination) " + TillConversion + "; Test-OfflineDataFile -LiteralPath $Destination",
                Args(("Source", tillExport), ("Destination", destination)));

            Assert.Empty(result.Errors);
            Assert.Null(result.TerminatingError);
            var conversion = result.Output[0].Properties;
            Assert.Equal("OfflineData.Core.Conversion.ConversionResult", result.Output[0].BaseObject.GetType().FullName);
            Assert.Equal(12L, conversion["RowsRead"].Value);
            Assert.Equal(9L, conversion["RowsWritten"].Value);
            Assert.Equal(3L, conversion["RowsRejected"].Value);
            Assert.Equal(dir.Combine("till.rejects.csv"), conversion["RejectPath"].Value);
            Assert.True(conversion["Duration"].Value is TimeSpan);

            var report = result.Output[1].Properties;
            Assert.True((bool)report["IsValid"].Value);
            Assert.Equal(0L, report["ErrorCount"].Value);
            Assert.Equal(9L, report["RowCount"].Value);

            Assert.Contains(result.Warnings, w => w.Message.Contains("3 of 12 row(s)"));
            Assert.Contains("2024-03-30 09:47:00;100871;7;Väskor;SKU-2290;2;1249.50;Malmö;Butik 12;;;;;;;;;;;;;;K12-000982", File.ReadAllText(destination, Encoding.UTF8));

            SourceEncodingsRegistered();
            var rejects = File.ReadAllLines(dir.Combine("till.rejects.csv"), Encoding.GetEncoding(1252));
            Assert.Equal(4, rejects.Length);
            Assert.Contains(rejects, l => l.Contains(",,9,NonexistentLocalTime (406),"));
        }

        [Fact]
        public void WhatIf_reads_the_source_reports_the_counts_and_writes_nothing()
        {
            var source = dir.WriteText("src.csv", Simple + "2024-05-25 12:02:00,C3,7,SKU3,x,1\n");
            var result = session.Invoke(
                "param($Source, $Destination) Convert-OfflineDataFile -Path $Source -Destination $Destination -WhatIf -Verbose",
                Args(("Source", source), ("Destination", dir.Combine("out.csv"))));

            Assert.True(result.Succeeded, result.DescribeErrors());
            // The dry run's counts come back as a result (WhatIf = true), as Import-OfflineData -WhatIf does.
            var dryRun = Assert.Single(result.Output);
            Assert.True((bool)dryRun.Properties["WhatIf"].Value);
            Assert.Equal(2L, dryRun.Properties["RowsWritten"].Value);
            Assert.Equal(1L, dryRun.Properties["RowsRejected"].Value);
            Assert.Contains(result.Verbose, v => v.Message.Contains("Write 2 of 3 row(s)") && v.Message.Contains("reject 1 row(s) (InvalidNumber 1)"));
            Assert.Equal(new[] { "src.csv" }, Directory.GetFiles(dir.FullPath).Select(Path.GetFileName));
        }

        [Fact]
        public void An_existing_destination_is_kept_without_Force_and_replaced_with_it()
        {
            var source = dir.WriteText("src.csv", Simple);
            var destination = dir.WriteText("out.csv", "precious");
            var refused = session.Invoke("param($Source, $Destination) Convert-OfflineDataFile $Source $Destination", Args(("Source", source), ("Destination", destination)));
            var error = Assert.Single(refused.Errors);
            Assert.Equal("DestinationExists," + Command, error.FullyQualifiedErrorId);
            Assert.Equal(destination, error.TargetObject);
            Assert.Equal("precious", File.ReadAllText(destination));

            var forced = session.Invoke("param($Source, $Destination) Convert-OfflineDataFile $Source $Destination -Force", Args(("Source", source), ("Destination", destination))).ThrowIfFailed();
            Assert.Equal(2L, forced.Output.Single().Properties["RowsWritten"].Value);
            Assert.StartsWith("Time Stamp;Customer ID;", File.ReadAllText(destination));
        }

        [Fact]
        public void Per_file_errors_are_non_terminating_and_the_other_files_still_convert()
        {
            var good = dir.WriteText("good.csv", Simple);
            var notUtf8 = dir.WriteBytes("latin.csv", Encoding.Latin1.GetBytes("Timestamp,CustomerId,EventType,EventName,Num1,Num2\n2024-05-25 12:00:00,Malmö,7,S,1,1\n"));
            var outFolder = dir.CreateDirectory("out");
            var result = session.Invoke(
                "param($Files, $Out) $Files | Convert-OfflineDataFile -Destination $Out",
                Args(("Files", new[] { dir.Combine("missing.csv"), notUtf8, good, good }), ("Out", outFolder)));

            Assert.Equal(new[] { "PathNotFound", "SourceNotUtf8", "DestinationExists" }, result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
            Assert.Equal(notUtf8, result.Errors[1].TargetObject);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidData, result.Errors[1].CategoryInfo.Category);
            Assert.Single(result.Output);
            Assert.True(File.Exists(Path.Combine(outFolder, "good.csv")));
            Assert.False(File.Exists(Path.Combine(outFolder, "latin.csv")));
        }

        [Fact]
        public void Two_sources_never_share_one_reject_file()
        {
            var bad = Simple + "2024-05-25 12:02:00,C3,7,SKU3,x,1\n";
            var a = dir.WriteText("a.csv", bad);
            var b = dir.WriteText("b.csv", bad);
            var outFolder = dir.CreateDirectory("out");
            var shared = session.Invoke(
                "param($Files, $Out, $Rejects) $Files | Convert-OfflineDataFile -Destination $Out -RejectPath $Rejects -Force -WarningAction SilentlyContinue",
                Args(("Files", new[] { a, b }), ("Out", outFolder), ("Rejects", dir.Combine("rejects.csv"))));
            Assert.Equal("DestinationExists," + Command, Assert.Single(shared.Errors).FullyQualifiedErrorId);
            Assert.Single(shared.Output);

            var folder = session.Invoke(
                "param($Files, $Out, $Rejects) $Files | Convert-OfflineDataFile -Destination $Out -RejectPath $Rejects -Force -WarningAction SilentlyContinue",
                Args(("Files", new[] { a, b }), ("Out", outFolder), ("Rejects", dir.Combine("rejects") + Path.DirectorySeparatorChar))).ThrowIfFailed();
            Assert.Equal(2, folder.Output.Count);
            Assert.True(File.Exists(Path.Combine(dir.Combine("rejects"), "a.rejects.csv")));
            Assert.True(File.Exists(Path.Combine(dir.Combine("rejects"), "b.rejects.csv")));
        }

        [Fact]
        public void A_file_in_a_missing_folder_is_WriteFailed_as_WhatIf_says_and_a_folder_named_with_a_separator_is_created()
        {
            // -WhatIf said "the folder does not exist; nothing was written" while the real run created the folder and
            // wrote into it: a typo in a nightly job's folder must fail, as Write-OfflineDataFile and docs/errors.md say.
            var source = dir.WriteText("src.csv", Simple);
            session.SetLocation(dir.FullPath);
            foreach (var whatIf in new[] { " -WhatIf", "" })
            {
                var result = session.Invoke("Convert-OfflineDataFile -LiteralPath src.csv -Destination ./missing/out.csv" + whatIf);
                var error = Assert.Single(result.Errors);
                Assert.Equal("WriteFailed," + Command, error.FullyQualifiedErrorId);
                Assert.Contains("'" + dir.Combine("missing") + "' does not exist", error.Exception.Message);
                Assert.False(Directory.Exists(dir.Combine("missing")));
            }

            session.Invoke("Convert-OfflineDataFile -LiteralPath src.csv -Destination ./made/").ThrowIfFailed();
            Assert.True(File.Exists(Path.Combine(dir.Combine("made"), "src.csv")));
        }

        [Fact]
        public void The_source_cannot_be_its_own_destination()
        {
            var source = dir.WriteText("src.csv", Simple);
            session.SetLocation(dir.FullPath);
            var result = session.Invoke("Convert-OfflineDataFile -LiteralPath src.csv -Destination ./src.csv -Force");
            Assert.Equal("SameSourceAndDestination," + Command, Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Equal(Simple, File.ReadAllText(source));
        }

        [Fact]
        public void PassThru_returns_the_destination_file_for_the_next_command()
        {
            dir.WriteText("src.csv", Simple);
            session.SetLocation(dir.FullPath);
            var result = session.Invoke("Convert-OfflineDataFile src.csv out.zip -PassThru | Test-OfflineDataFile").ThrowIfFailed();
            var report = Assert.Single(result.Output).Properties;
            Assert.Equal("Zip", report["Format"].Value.ToString());
            Assert.True((bool)report["IsValid"].Value);
        }

        [Fact]
        public void Progress_is_written_by_bytes()
        {
            var big = new StringBuilder("Timestamp,CustomerId,EventType,EventName,Num1,Num2\n");
            for (int i = 0; i < 50000; i++) big.Append("2024-05-25 12:00:00,C").Append(i).Append(",7,SKU,1,2.5\n");
            var source = dir.WriteText("big.csv", big.ToString());
            var result = session.Invoke("param($Source, $Destination) Convert-OfflineDataFile $Source $Destination", Args(("Source", source), ("Destination", dir.Combine("out.csv")))).ThrowIfFailed();
            Assert.Contains(result.Progress, p => p.Activity == "Converting to offline data" && p.CurrentOperation == source);
            Assert.Contains(result.Progress, p => p.RecordType == System.Management.Automation.ProgressRecordType.Completed);
        }

        [Fact]
        public void A_bad_column_map_is_a_terminating_argument_error()
        {
            var source = dir.WriteText("src.csv", Simple);
            session.SetLocation(dir.FullPath);
            // Statement-terminating: the command stops before reading any file; the script's next statement still runs.
            var result = session.Invoke("param($Source) Convert-OfflineDataFile $Source out.csv -ColumnMap @{ Colour = 'x' }; 'next'", Args(("Source", source)));
            var error = Assert.Single(result.Errors);
            Assert.Equal("InvalidArgument," + Command, error.FullyQualifiedErrorId);
            Assert.Contains("'Colour' is not a column", error.Exception.Message);
            Assert.Equal("next", Assert.Single(result.Output).BaseObject);
            Assert.False(File.Exists(dir.Combine("out.csv")));

            var zone = session.Invoke("param($Source) Convert-OfflineDataFile $Source out.csv -TargetTimeZone UTC", Args(("Source", source)));
            Assert.Contains("-SourceTimeZone", Assert.Single(zone.Errors).Exception.Message);
            Assert.False(File.Exists(dir.Combine("out.csv")));
        }

        [Fact]
        public void Rejected_rows_are_named_in_the_verbose_stream_with_their_line()
        {
            var source = dir.WriteText("src.csv", Simple + "2024-03-31 02:30:00,C9,7,SKU9,1,1\n");
            var result = session.Invoke(
                "param($Source, $Destination) Convert-OfflineDataFile $Source $Destination -SourceTimeZone 'America/New_York' -Verbose",
                Args(("Source", source), ("Destination", dir.Combine("out.csv")))).ThrowIfFailed();
            Assert.Equal(0L, result.Output.Single().Properties["RowsRejected"].Value);

            var stockholm = session.Invoke(
                "param($Source, $Destination) Convert-OfflineDataFile $Source $Destination -SourceTimeZone 'Europe/Stockholm' -Verbose",
                Args(("Source", source), ("Destination", dir.Combine("out2.csv")))).ThrowIfFailed();
            Assert.Equal(1L, stockholm.Output.Single().Properties["RowsRejected"].Value);
            Assert.Contains(stockholm.Verbose, v => v.Message.Contains("src.csv:4: NonexistentLocalTime (406)"));
        }

        [Fact]
        public void Stopping_midway_like_CtrlC_leaves_the_old_destination_and_no_temporary_or_reject_file()
        {
            var outFolder = dir.CreateDirectory("out");
            var destination = Path.Combine(outFolder, "out.csv");

            // On a loaded machine the thread that watches for the temporary file can be scheduled late, after the
            // conversion has finished; such a run proves nothing, so it is tried again with a larger source.
            for (int attempt = 0, rows = 400_000; attempt < 4; attempt++, rows *= 2)
            {
                var big = new StringBuilder("Timestamp,CustomerId,EventType,EventName,Num1,Num2\n");
                for (int i = 0; i < rows; i++) big.Append("2024-05-25 12:00:00,C").Append(i).Append(",7,SKU,1,").Append(i % 1000 == 0 ? "x" : "2.5").Append('\n');
                var source = dir.WriteText("big.csv", big.ToString());
                foreach (var file in Directory.GetFiles(outFolder)) File.Delete(file);
                File.WriteAllText(destination, "old");

                // Stop (as Ctrl+C does) once the temporary file has data in it: the conversion is then midway.
                var result = session.InvokeAndStopWhen(
                    "param($Source, $Destination) Convert-OfflineDataFile $Source $Destination -Force",
                    Args(("Source", source), ("Destination", destination)),
                    () => TestDirectory.AnyFileHasData(outFolder, ".out.csv.*.tmp"),
                    out bool stopped);
                if (!stopped) continue;

                Assert.Empty(result.Output);
                Assert.Equal("old", File.ReadAllText(destination));
                Assert.Equal(new[] { "out.csv" }, Directory.GetFiles(outFolder).Select(Path.GetFileName));
                return;
            }

            Assert.Fail("The conversion was never stopped midway: it finished before the stop in every attempt.");
        }

        private static void SourceEncodingsRegistered() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

        public void Dispose()
        {
            session.Dispose();
            dir.Dispose();
        }
    }
}
