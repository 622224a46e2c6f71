using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using Xunit;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Sqlite;
using OfflineData.Core.Tests.Infrastructure;

namespace OfflineData.Core.Tests.Store.Transfer
{
    /// <summary>The populated store the copy tests copy.</summary>
    internal static class StoreCopyFixtures
    {
        private static readonly DateTime T = new DateTime(2024, 3, 1, 10, 0, 0);
        private static readonly string[] Tables = { "report_suite", "online_transaction", "visitor", "import", "offline_row", "delivery", "export_batch", "consent" };

        /// <summary>
        /// A store with two report suites (one recording, one not), transactions with state snapshots and a duplicate,
        /// visitors, a completed import, a forced re-import of the same content (the first superseded), a failed import
        /// and a second file with rows matched by transaction ID, by customer ID and unattributed; and three deliveries:
        /// one Sent with a marker, one Failed with a message, one Started and never ended (a killed send).
        /// </summary>
        public static SqliteOfflineDataStore Populate(TempDirectory dir, string name)
        {
            var store = StoreTestKit.NewStore(dir, name);
            store.SetRecording(StoreTestKit.Suite, true, 365);
            store.SetRecording("acme.dev", false, 30);
            StoreTestKit.RecordOnline(store, StoreTestKit.Suite,
                StoreTestKit.Online(T.AddDays(-2), "V1", "T1", ("Campaign", "spring \"sale\""), ("Region", "north")),
                StoreTestKit.Online(T.AddDays(-1), "V2", "T2"),
                StoreTestKit.Online(T.AddDays(-1), "V3", "T1", ("Campaign", "later")),
                StoreTestKit.Online(T.AddDays(-1), "C2", "T3"),
                StoreTestKit.Online(T.AddHours(-5), "V4"));
            var first = dir.WriteText(name + "-a.csv", Rows.Lines(StoreTestKit.OfflineRow(T, "C1", null, 10m), StoreTestKit.OfflineRow(T.AddMinutes(1), "C2", null, 20.5m, "ünïcode")));
            StoreTestKit.Import(store, first);
            StoreTestKit.Import(store, first, force: true);
            store.RecordFailedImport(new ImportLedgerEntry { ReportSuite = StoreTestKit.Suite, FileName = "broken.csv", Path = dir.Combine("broken.csv"), Size = 3, Sha256 = new string('a', 64), StartedAt = new DateTimeOffset(T, TimeSpan.Zero), Message = "The file is not an offline data file." });
            StoreTestKit.Import(store, dir.WriteText(name + "-b.csv", Rows.Lines(
                StoreTestKit.OfflineRow(T.AddDays(1), "C9", "T1", 7.25m),
                StoreTestKit.OfflineRow(T.AddDays(1), "V2", "T404", 100m),
                StoreTestKit.OfflineRow(T.AddDays(1), "C2", null, 1m))));
            var sent = store.RecordDeliveryStart(Delivery("sftp://upload@example.com:2222/in", "a.csv", 'a', T.AddDays(2)));
            store.RecordDeliveryEnd(new DeliveryLedgerEntry { Id = sent.Id, StatusValue = DeliveryStatus.Sent, RemoteName = "a_0001.txt", MarkerName = "a_0001.fin", Size = 99, Attempts = 2, EndedAt = new DateTimeOffset(T.AddDays(2).AddSeconds(1.234), TimeSpan.Zero) });
            var failed = store.RecordDeliveryStart(Delivery("//files/drop ünï", "b.csv", 'b', T.AddDays(2).AddHours(1)));
            store.RecordDeliveryEnd(new DeliveryLedgerEntry { Id = failed.Id, StatusValue = DeliveryStatus.Failed, RemoteName = "b.csv", Size = 10, Attempts = 3, Message = "No space left on the server." });
            store.RecordDeliveryStart(Delivery("sftp://upload@example.com:2222/in", "c.csv", 'c', T.AddDays(3)));
            // Two batches of a history export (one with two files and a resume point, one without rows).
            store.RecordExportBatch(new ExportLedgerEntry { ExportKey = "acme.prod|20240101|days=7|out ünï", Batch = 1, From = T.AddDays(-7), To = T, Rows = 3, Files = new[] { "/out/a_0001_0001.txt", "/out/a_0001_0002.txt" }, Bytes = 512, LastTimestamp = T.AddHours(-1), LastRowId = 2, WrittenAt = new DateTimeOffset(T.AddDays(4).AddSeconds(0.5), TimeSpan.Zero) });
            store.RecordExportBatch(new ExportLedgerEntry { ExportKey = "acme.prod|20240101|days=7|out ünï", Batch = 2, From = T, To = T.AddDays(7), WrittenAt = new DateTimeOffset(T.AddDays(4), TimeSpan.Zero) });
            // Consent: C2 opted out and later in again (history of two), C9 opted out of collect and marketing e-mail.
            store.RecordConsents(new[]
            {
                new ConsentEntry { CustomerId = "C2", Scope = "collect", Value = "n", Time = DateTime.SpecifyKind(T.AddDays(-3).AddSeconds(0.25), DateTimeKind.Utc), Source = "optouts.csv:2" },
                new ConsentEntry { CustomerId = "C9", Scope = "collect", Value = "n", Time = DateTime.SpecifyKind(T, DateTimeKind.Utc), Source = "optouts.csv:3" },
                new ConsentEntry { CustomerId = "C9", Scope = "marketing.email", Value = "n", Time = DateTime.SpecifyKind(T, DateTimeKind.Utc), Source = "ünï.csv:2" },
            });
            store.RecordConsents(new[] { new ConsentEntry { CustomerId = "C2", Scope = "collect", Value = "y", Time = DateTime.SpecifyKind(T.AddDays(-1), DateTimeKind.Utc), Source = "pipeline" } });
            return store;
        }

        private static DeliveryLedgerEntry Delivery(string destination, string file, char content, DateTime started) => new DeliveryLedgerEntry
        {
            Destination = destination,
            SourcePath = "/data/out/" + file,
            FileName = file,
            RemoteName = file,
            Sha256 = new string(content, 64),
            Size = 10,
            StartedAt = new DateTimeOffset(started, TimeSpan.Zero),
        };

        /// <summary>Every table of two SQLite store files holds the same rows, column by column, in key order.</summary>
        public static void AssertTablesIdentical(string sourcePath, string destinationPath)
        {
            foreach (var table in Tables)
            {
                var sql = "SELECT * FROM " + table + " ORDER BY 1, 2;";
                var expected = Query(sourcePath, sql);
                var actual = Query(destinationPath, sql);
                Assert.True(expected.Count > 0, table + " holds something to compare");
                Assert.Equal(expected.Count, actual.Count);
                for (int i = 0; i < expected.Count; i++) Assert.Equal(expected[i], actual[i]);
            }
        }

        /// <summary>The rows a query returns from an SQLite store file, read only.</summary>
        public static List<object?[]> Query(string path, string sql)
        {
            NativeSqliteLoader.EnsureLoaded();
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                var values = new object?[reader.FieldCount];
                for (int i = 0; i < values.Length; i++) values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                rows.Add(values);
            }

            return rows;
        }
    }
}
