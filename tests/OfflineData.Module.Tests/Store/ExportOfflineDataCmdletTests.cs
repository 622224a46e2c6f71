using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OfflineData.Module.Tests.StoreKinds;
using Xunit;

namespace OfflineData.Module.Tests.Store
{
    /// <summary>
    /// Export-OfflineData from the assembled module, against each kind of store: ReportSuite and Store bound from a piped
    /// object, one result per batch with a PSPath of all its files, progress per batch completed once, and a store that
    /// does not exist yet left uncreated. (Range edge, kill and resume, SFTP pipe: tests/pester/Export-OfflineData.Tests.ps1.)
    /// </summary>
    public abstract class ExportOfflineDataCmdletTests : IDisposable
    {
        private readonly StoreScenario scenario;

        protected ExportOfflineDataCmdletTests(StoreKind kind)
        {
            scenario = new StoreScenario(kind);
        }

        public void Dispose() => scenario.Dispose();

        [StoreFact]
        public void Binds_the_store_from_the_pipeline_and_returns_one_result_per_batch_with_PSPath_and_progress_per_batch()
        {
            var folder = scenario.Directory.Combine("out");
            Directory.CreateDirectory(folder);
            var result = scenario.Run(@"param($Store, $Sample, $Folder)
                $null = Import-OfflineData -Path $Sample -ReportSuite acme.prod -Store $Store
                [pscustomobject]@{ ReportSuite = 'acme.prod'; Store = $Store } |
                    Export-OfflineData -From 2025-01-01 -To 2025-06-01 -OutputFolder $Folder -BatchRows 4 -Format Csv",
                ("Sample", StoreScenario.OfflineSample), ("Folder", folder)).ThrowIfFailed();

            Assert.Equal(3, result.Output.Count); // 10 rows in batches of 4
            Assert.Equal(new object[] { 4L, 4L, 2L }, result.Output.Select(o => StoreScenario.Property(o, "Rows")).ToArray());
            Assert.All(result.Output, o => Assert.Equal("Written", StoreScenario.Property(o, "Status")));
            Assert.Equal("OfflineData.Core.Exporting.ExportBatchResult", result.Output[0].BaseObject.GetType().FullName);
            var psPath = Assert.IsType<string[]>(StoreScenario.Property(result.Output[0], "PSPath"));
            Assert.Equal("Microsoft.PowerShell.Core\\FileSystem::" + StoreScenario.Property(result.Output[0], "Path"), Assert.Single(psPath));
            Assert.Equal(3, Directory.GetFiles(folder, "acme.prod_20250101-20250601_*.csv").Length);

            var export = result.Progress.Where(p => p.Activity.StartsWith("Exporting 'acme.prod' 2025-01-01 to 2025-06-01", StringComparison.Ordinal)).ToList(); // not Import's
            var batches = export.Where(p => p.RecordType == ProgressRecordType.Processing).ToList();
            Assert.Equal(3, batches.Count);
            Assert.Contains("Batch 1 of 3", batches[0].StatusDescription, StringComparison.Ordinal);
            Assert.Contains("Batch 3 of 3", batches[2].StatusDescription, StringComparison.Ordinal);
            Assert.Equal(100, batches[2].PercentComplete);
            Assert.Single(export, p => p.RecordType == ProgressRecordType.Completed);
        }

        [StoreFact]
        public void A_store_that_does_not_exist_is_not_created_and_nothing_is_written()
        {
            var folder = scenario.Directory.Combine("empty");
            Directory.CreateDirectory(folder);

            var result = scenario.Run(@"param($Store, $Folder) Export-OfflineData acme.prod -From 2025-01-01 -To 2025-06-01 -OutputFolder $Folder -Store $Store", ("Folder", folder)).ThrowIfFailed();

            Assert.Empty(result.Output);
            Assert.Contains(result.Warnings, w => w.Message.Contains("does not exist yet", StringComparison.Ordinal));
            Assert.False(scenario.StoreExists());
            Assert.Empty(Directory.GetFiles(folder));
        }

        /// <summary>Against an SQLite store file.</summary>
        public sealed class Sqlite : ExportOfflineDataCmdletTests
        {
            public Sqlite()
                : base(StoreKind.Sqlite)
            {
            }
        }

        /// <summary>Against a PostgreSQL database (OFFLINEDATA_TEST_POSTGRES).</summary>
        public sealed class PostgreSql : ExportOfflineDataCmdletTests, IRunsOnPostgres
        {
            public PostgreSql()
                : base(StoreKind.PostgreSql)
            {
            }
        }
    }
}
