using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Management.Automation;
using System.Text;
using OfflineData.Module.Tests.PowerShellHost;
using Xunit;
using static OfflineData.Module.Tests.PowerShellHost.ScriptArguments;

namespace OfflineData.Module.Tests.Module
{
    /// <summary>
    /// A damaged gzip among other files, as a user passes them: every reading cmdlet reports it as a non-terminating
    /// error or finding for that file and goes on with the next one. Before, SharpZipLib's inflater threw a raw
    /// IndexOutOfRangeException for this file, which ended the whole call.
    /// </summary>
    public sealed class DamagedCompressedInputTests : IDisposable
    {
        // 40 valid rows gzipped by SharpZipLib, bit 4 of byte 10 flipped: its inflater throws IndexOutOfRangeException on it.
        private const string BadGzip = "H4sIABYiDGsA/33UsVEEQRBDUZ8oSOCokTR7e8daFCYmkH8qTMuaLuS09b1XLQ7O2zhuPF7Bdx7vA9fnGOue1+fHD67vr98bLl54O8bL/5quuddcNXMt19prrVq5nq7nXs9Vz1wfro+9PlZ95Pru+r7X91Xfc326Pvf6XPWZ64frx14/Vv3I9dP1c6+fq37GGqPqdXedUTwj99ZE1zRn9oQ90TxRoMiisCiaKIoU2RQ2RTNFoSKrwqpoqihWZFfYFc0VBYssC8uiyaJokW1hWzRbFC6yLqyLpoviRfalfdl8Wb7MvrQvmy/Ll9mX9mX/Vz9s9qV92XxZvsy+tC+bL8uX2Zf2ZfNl+TL70r5svixfZl/al82X5cvsS/uy+bJ8mX1pXzZfli+zr+yr5qvyVfaVfdV8Vb7KvrKvmq/KV9lX9lVfZE9y9pV91XxVvsq+sq+ar8pX2Vf2VfNV+Sr7yr5qvipfZV/ZV81X5avsK/uq+ap8lX2nfWfzneU77fsHBbfOxW4HAAA=";

        private readonly ModuleSession session = new ModuleSession();
        private readonly TestDirectory dir = new TestDirectory();
        private readonly string bad;
        private readonly string good;

        public DamagedCompressedInputTests()
        {
            bad = dir.WriteBytes("bad.csv.gz", System.Convert.FromBase64String(BadGzip));
            good = dir.WriteBytes("good.csv", File.ReadAllBytes(Path.Combine(ModuleLocation.RepoRoot, "examples", "valid-sample.csv")));
        }

        [Fact]
        public void Import_OfflineData_fails_the_damaged_gzip_and_imports_the_good_file_after_it()
        {
            var result = session.Invoke(
                "param($Bad, $Good, $Store) Import-OfflineData -LiteralPath $Bad, $Good -ReportSuite acme.prod -Store $Store",
                Args(("Bad", bad), ("Good", good), ("Store", dir.Combine("store.db"))));

            Assert.Null(result.TerminatingError);
            var error = Assert.Single(result.Errors);
            Assert.Equal("ImportFailed,OfflineData.Commands.ImportOfflineDataCommand", error.FullyQualifiedErrorId);
            Assert.Equal(bad, error.TargetObject);
            Assert.Contains("CorruptCompressedStream", error.Exception.Message, StringComparison.Ordinal);
            Assert.Equal(2, result.Output.Count);
            Assert.Equal("Failed", result.Output[0].Properties["Status"].Value.ToString());
            Assert.Equal("Imported", result.Output[1].Properties["Status"].Value.ToString());
            Assert.Equal(10L, result.Output[1].Properties["Imported"].Value);
        }

        [Fact]
        public void Test_OfflineDataFile_reports_the_damage_as_a_located_finding_and_checks_the_next_file()
        {
            var result = session.Invoke("param($Bad, $Good) Test-OfflineDataFile -LiteralPath $Bad, $Good", Args(("Bad", bad), ("Good", good)));

            Assert.True(result.Succeeded, result.DescribeErrors());
            Assert.Equal(2, result.Output.Count);
            Assert.False((bool)result.Output[0].Properties["IsValid"].Value);
            var finding = ((System.Collections.IEnumerable)result.Output[0].Properties["Findings"].Value).Cast<object>()
                .Select(f => f is PSObject p ? p : new PSObject(f))
                .Single(f => f.Properties["Code"].Value.ToString() == "CorruptCompressedStream");
            Assert.Equal(bad, finding.Properties["Path"].Value);
            Assert.Contains("IndexOutOfRangeException", finding.Properties["Message"].Value.ToString(), StringComparison.Ordinal);
            Assert.True((bool)result.Output[1].Properties["IsValid"].Value);
        }

        [Fact]
        public void Read_OfflineDataFile_writes_an_error_for_the_damage_and_the_rows_of_the_next_file()
        {
            var result = session.Invoke("param($Bad, $Good) Read-OfflineDataFile -LiteralPath $Bad, $Good", Args(("Bad", bad), ("Good", good)));

            Assert.Null(result.TerminatingError);
            var error = Assert.Single(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("CorruptCompressedStream,", StringComparison.Ordinal));
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Equal(bad, new PSObject(error.TargetObject).Properties["Path"].Value);
            Assert.Equal(10, result.Output.Count(o => good.Equals(o.Properties["Path"].Value)));
        }

        [Fact]
        public void Convert_OfflineDataFile_writes_an_error_for_the_damage_and_converts_the_next_file()
        {
            var output = dir.CreateDirectory("out");
            var result = session.Invoke(
                "param($Bad, $Good, $Out) Convert-OfflineDataFile -LiteralPath $Bad, $Good -Destination $Out",
                Args(("Bad", bad), ("Good", good), ("Out", output + Path.DirectorySeparatorChar)));

            Assert.Null(result.TerminatingError);
            var error = Assert.Single(result.Errors);
            Assert.Equal("CorruptCompressedStream,OfflineData.Commands.ConvertOfflineDataFileCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Equal(bad, error.TargetObject);
            Assert.Equal(10L, Assert.Single(result.Output).Properties["RowsWritten"].Value);
            Assert.Equal(new[] { "good.csv" }, Directory.GetFiles(output).Select(Path.GetFileName));
        }

        [Fact]
        public void Rows_appended_after_the_end_of_a_gzip_are_TrailingData_in_Test_and_Import_never_dropped()
        {
            // What `gzip day.csv; cat late-rows.csv >> day.csv.gz` makes: gzip -t warns "trailing garbage".
            var rows = File.ReadAllText(good);
            var compressed = new MemoryStream();
            using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                var bytes = Encoding.UTF8.GetBytes(rows);
                gzip.Write(bytes, 0, bytes.Length);
            }

            var appended = dir.WriteBytes("appended.csv.gz", compressed.ToArray().Concat(Encoding.UTF8.GetBytes("2025-03-02 10:00:00;C-9;7;;SKU-9;1;99.00\n")).ToArray());
            var result = session.Invoke(
                "param($File, $Store) Test-OfflineDataFile -LiteralPath $File; Import-OfflineData -LiteralPath $File -ReportSuite acme.prod -Store $Store",
                Args(("File", appended), ("Store", dir.Combine("store.db"))));

            var report = result.Output[0];
            Assert.False((bool)report.Properties["IsValid"].Value);
            Assert.Equal(10L, report.Properties["RowCount"].Value);
            var error = Assert.Single(result.Errors);
            Assert.Equal("ImportFailed,OfflineData.Commands.ImportOfflineDataCommand", error.FullyQualifiedErrorId);
            Assert.Contains("TrailingData", error.Exception.Message, StringComparison.Ordinal);
            Assert.Equal("Failed", result.Output[1].Properties["Status"].Value.ToString());
        }

        public void Dispose()
        {
            session.Dispose();
            dir.Dispose();
        }
    }
}
