using System;
using System.Linq;
using System.Management.Automation;
using OfflineData.Module.Tests.StoreKinds;
using Xunit;

namespace OfflineData.Module.Tests.Store
{
    /// <summary>
    /// Get-OfflineDataDelivery from the assembled module: the delivery ledger newest first, every filter, the store's
    /// own objects piped back, and errors; against each kind of store (views, JSON and CSV: tests/pester). The entries
    /// are written as Send-OfflineDataFile writes them (Add-TestDelivery, through the module's store types).
    /// </summary>
    public abstract class DeliveryLedgerCmdletTests : IDisposable
    {
        // Three deliveries a day apart: a Sent one by SFTP, a Failed one to a share, a Started (killed) one by FTPS.
        private const string ThreeDeliveries = @"
            $t = [DateTimeOffset]::new(2026, 11, 20, 22, 0, 0, [TimeSpan]::Zero)
            $sent = Add-TestDelivery -Store $Store -Destination 'sftp://upload@files.example.com:2222/in' -FileName 'till-1120.csv' -RemoteName 'till_1120_0001.txt' -MarkerName 'till_1120_0001.fin' -Sha256 ('a' * 64) -StartedAt $t -Size 4096 -Attempts 2
            $failed = Add-TestDelivery -Store $Store -Destination '//files01/drop/in' -FileName 'crm-1121.csv' -Sha256 ('b' * 64) -StartedAt $t.AddDays(1) -Status Failed -Message 'No space left on //files01/drop/in.'
            $started = Add-TestDelivery -Store $Store -Destination 'ftps://adobe@ftp.example.com/rs' -FileName 'ds-1122.txt' -Sha256 ('c' * 64) -StartedAt $t.AddDays(2) -Status Started
";

        private readonly StoreScenario scenario;

        protected DeliveryLedgerCmdletTests(StoreKind kind)
        {
            scenario = new StoreScenario(kind);
            scenario.DefineDeliveryHelper();
        }

        public void Dispose() => scenario.Dispose();

        [StoreFact]
        public void Lists_the_ledger_newest_first_and_every_filter_holds()
        {
            var result = scenario.Run("param($Store)" + ThreeDeliveries + @"
                (Get-OfflineDataDelivery -Store $Store | ForEach-Object FileName) -join ','
                (Get-OfflineDataDelivery -Store $Store -Destination 'sftp://*' | ForEach-Object FileName) -join ','
                (Get-OfflineDataDelivery -Store $Store 'ftps://adobe@ftp.example.com/rs' | ForEach-Object FileName) -join ','
                @(Get-OfflineDataDelivery -Store $Store -Destination 'SFTP://*').Count
                (Get-OfflineDataDelivery -Store $Store -FileName 'c*' | ForEach-Object FileName) -join ','
                (Get-OfflineDataDelivery -Store $Store -RemoteName '*_0001.txt' | ForEach-Object FileName) -join ','
                (Get-OfflineDataDelivery -Store $Store -Sha256 ('B' * 64) | ForEach-Object FileName) -join ','
                (Get-OfflineDataDelivery -Store $Store -Status Started | ForEach-Object FileName) -join ','
                (Get-OfflineDataDelivery -Store $Store -Status sent | ForEach-Object FileName) -join ','
                (Get-OfflineDataDelivery -Store $Store -Id $failed.Id | ForEach-Object FileName) -join ','
                (Get-OfflineDataDelivery -Store $Store -From $t.AddDays(1) | ForEach-Object FileName) -join ','
                (Get-OfflineDataDelivery -Store $Store -To $t.AddDays(1) | ForEach-Object FileName) -join ','
                (Get-OfflineDataDelivery -Store $Store -After $t.AddHours(1) -Before $t.AddDays(1).AddHours(1) | ForEach-Object FileName) -join ','
                (Get-OfflineDataDelivery -Store $Store -First 2 | ForEach-Object FileName) -join ','").ThrowIfFailed();

            Assert.Equal(
                new object[]
                {
                    "ds-1122.txt,crm-1121.csv,till-1120.csv", "till-1120.csv", "ds-1122.txt", 0, "crm-1121.csv", "till-1120.csv", "crm-1121.csv",
                    "ds-1122.txt", "till-1120.csv", "crm-1121.csv", "ds-1122.txt,crm-1121.csv", "crm-1121.csv,till-1120.csv", "crm-1121.csv", "ds-1122.txt,crm-1121.csv",
                },
                result.Output.Select(o => o.BaseObject));
        }

        [StoreFact]
        public void An_entry_carries_everything_a_delivery_recorded_and_its_store()
        {
            var result = scenario.Run("param($Store)" + ThreeDeliveries + @"
                Get-OfflineDataDelivery -Store $Store -Status Sent").ThrowIfFailed();

            var entry = Assert.Single(result.Output);
            Assert.Equal("OfflineData.Core.Store.DeliveryLedgerEntry", entry.BaseObject.GetType().FullName);
            Assert.Equal("sftp://upload@files.example.com:2222/in", StoreScenario.Property(entry, "Destination"));
            Assert.Equal("till_1120_0001.txt", StoreScenario.Property(entry, "RemoteName"));
            Assert.Equal("till_1120_0001.fin", StoreScenario.Property(entry, "MarkerName"));
            Assert.Equal(new string('a', 64), StoreScenario.Property(entry, "Sha256"));
            Assert.Equal(4096L, StoreScenario.Property(entry, "Size"));
            Assert.Equal(2, StoreScenario.Property(entry, "Attempts"));
            Assert.Equal("Sent", StoreScenario.Property(entry, "Status"));
            Assert.Equal(new DateTimeOffset(2026, 11, 20, 22, 0, 0, TimeSpan.Zero), StoreScenario.Property(entry, "StartedAt"));
            Assert.Equal(TimeSpan.FromSeconds(2), StoreScenario.Property(entry, "Duration"));
            Assert.Equal(scenario.Kind == StoreKind.Sqlite ? System.IO.Path.GetFullPath(scenario.StorePath) : StoreScenario.Property(entry, "Store"), StoreScenario.Property(entry, "Store"));
            Assert.False(string.IsNullOrEmpty((string?)StoreScenario.Property(entry, "Store")));
        }

        [StoreFact]
        public void Entries_piped_back_are_read_from_their_own_store_and_another_Store_is_StoreMismatch()
        {
            var other = scenario.Directory.Combine("other.db");
            var result = scenario.Run("param($Store, $Other)" + ThreeDeliveries + @"
                $null = Add-TestDelivery -Store $Other -FileName 'elsewhere.csv'
                (Get-OfflineDataDelivery -Store $Store -First 1 | Get-OfflineDataDelivery | ForEach-Object FileName) -join ','
                (Get-OfflineDataDelivery -Store $Store -Status Sent | Get-OfflineDataDelivery -Store $Other -ErrorAction SilentlyContinue -ErrorVariable mismatch | ForEach-Object FileName) -join ','
                $mismatch[0].FullyQualifiedErrorId
                (Get-OfflineDataDelivery -Store $Other | ForEach-Object FileName) -join ','
                [pscustomobject]@{ DeliveryId = $failed.Id; Store = $Store } | Get-OfflineDataDelivery | ForEach-Object FileName
                'text' | Get-OfflineDataDelivery -Store $Store -ErrorAction SilentlyContinue -ErrorVariable unbound
                $unbound[0].FullyQualifiedErrorId", ("Other", other)).ThrowIfFailed();

            Assert.Equal(
                new object[]
                {
                    "ds-1122.txt", string.Empty, "StoreMismatch,OfflineData.Commands.GetOfflineDataDeliveryCommand", "elsewhere.csv", "crm-1121.csv",
                    "InputObjectNotBound,OfflineData.Commands.GetOfflineDataDeliveryCommand",
                },
                result.Output.Select(o => o.BaseObject));
        }

        [StoreFact]
        public void An_unknown_Id_is_DeliveryNotFound_and_the_other_entries_still_come()
        {
            var result = scenario.Run("param($Store)" + ThreeDeliveries + @"
                1, 999 | ForEach-Object { Get-OfflineDataDelivery -Store $Store -Id $_ } | ForEach-Object FileName");

            Assert.Equal(new object[] { "till-1120.csv" }, result.Output.Select(o => o.BaseObject));
            var error = Assert.Single(result.Errors);
            Assert.Equal("DeliveryNotFound,OfflineData.Commands.GetOfflineDataDeliveryCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
            Assert.Equal(999L, error.TargetObject);
            Assert.Contains("999", error.Exception.Message);
        }

        [StoreFact]
        public void Reading_a_store_that_does_not_exist_returns_nothing_and_creates_nothing()
        {
            var result = scenario.Run("param($Store) Get-OfflineDataDelivery -Store $Store; Get-OfflineDataDelivery -Store $Store -Destination 'sftp://*' -Status Sent").ThrowIfFailed();

            Assert.Empty(result.Output);
            Assert.False(scenario.StoreExists());
        }

        [StoreFact]
        public void A_reversed_From_To_range_is_InvalidTimeRange()
        {
            var result = scenario.Run("param($Store) Get-OfflineDataDelivery -Store $Store -From 2026-01-01 -To 2020-01-01");

            var error = result.TerminatingError ?? Assert.Single(result.Errors);
            Assert.Equal("InvalidTimeRange,OfflineData.Commands.GetOfflineDataDeliveryCommand", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.False(scenario.StoreExists());
        }

        /// <summary>Against an SQLite store file.</summary>
        public sealed class Sqlite : DeliveryLedgerCmdletTests
        {
            public Sqlite()
                : base(StoreKind.Sqlite)
            {
            }
        }

        /// <summary>Against a PostgreSQL database (OFFLINEDATA_TEST_POSTGRES).</summary>
        public sealed class PostgreSql : DeliveryLedgerCmdletTests, IRunsOnPostgres
        {
            public PostgreSql()
                : base(StoreKind.PostgreSql)
            {
            }
        }
    }
}
