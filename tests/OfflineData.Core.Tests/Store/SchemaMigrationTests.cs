using System;
using System.Linq;
using Microsoft.Data.Sqlite;
using OfflineData.Core.Matching;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Sqlite;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Store
{
    public class SchemaMigrationTests
    {
        [Fact]
        public void ANewStoreIsCreatedOnFirstUseAtTheCurrentVersionInWalMode()
        {
            using var dir = new TempDirectory();
            var path = dir.Combine(System.IO.Path.Combine("nested", "folder", "store.db"));
            using (SqliteOfflineDataStore.Open(path, create: true))
            {
            }

            using var connection = Open(path);
            Assert.Equal(StoreSchema.CurrentVersion, StoreSchema.GetVersion(connection));
            Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        }

        [Fact]
        public void ALaterReleaseOpensAVersion1Store_AndKeepsItsData()
        {
            using var dir = new TempDirectory();
            var path = dir.Combine("v1.db");
            using (var connection = Open(path))
            {
                // Exactly what release 1 wrote: migration 1 only, and data in it.
                StoreSchema.Migrate(connection, path, targetVersion: 1);
                Assert.Equal(1, StoreSchema.GetVersion(connection));
                Exec(connection, @"INSERT INTO report_suite VALUES ('acme.prod', 1, 120, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z');
INSERT INTO online_transaction (report_suite, transaction_id, visitor_id, occurred_at, state, recorded_at) VALUES ('acme.prod', 'T1', 'V1', '2024-03-01 10:00:00', '{""Campaign"":""spring""}', '2024-03-01T10:00:00.000Z');
INSERT INTO import (id, report_suite, file_name, path, size, sha256, started_at, ended_at, status) VALUES (1, 'acme.prod', 'a.csv', '/a.csv', 10, 'abc', '2024-03-02T00:00:00.000Z', '2024-03-02T00:00:01.000Z', 'Completed');
INSERT INTO offline_row (import_id, report_suite, occurred_at, customer_id, event_type, event_name, num1, num2, line, row_index, outcome, reason, transaction_reason)
VALUES (1, 'acme.prod', '2024-03-02 09:00:00', 'C1', 7, 'SKU', '1', '9.5', 1, 1, 'CustomerId', 'CustomerMatched', 'NoTransactionId');");
            }

            using var store = SqliteOfflineDataStore.Open(path, create: false);

            var settings = store.GetRecording("acme.prod")!;
            Assert.True(settings.Enabled);
            Assert.Equal(120, settings.ExpirationDays);
            Assert.Equal("spring", store.GetTransaction("acme.prod", "T1")!.State["Campaign"]);
            Assert.Equal("EventTransaction Attr1", store.GetImports(new ImportLedgerQuery()).Single().TransactionIdColumn);
            Assert.Equal(9.5m, store.GetOfflineRows(new OfflineRowQuery()).Single().Num2);
            Assert.Equal(StoreSchema.CurrentVersion, StoreSchema.GetVersion(store.Connection));
        }

        [Fact]
        public void AStoreWithLedgersFromBeforeSuppressionReadsZeroSuppressedRows_AndRecordsCountsAfterTheUpgrade()
        {
            // The ledgers' suppressed_rows column (issue 12): deliveries and exported batches recorded before it count 0.
            using var dir = new TempDirectory();
            var path = dir.Combine("v5.db");
            using (var connection = Open(path))
            {
                StoreSchema.Migrate(connection, path, targetVersion: 5);
                Exec(connection, @"INSERT INTO delivery (destination, source_path, file_name, remote_name, sha256, size, started_at, ended_at, status, attempts)
VALUES ('sftp://u@h/in', '/a.csv', 'a.csv', 'a.csv', 'abc', 10, '2024-03-02T00:00:00.000Z', '2024-03-02T00:00:01.000Z', 2, 1);
INSERT INTO export_batch (export_key, batch, range_from, range_to, rows, files, bytes, written_at)
VALUES ('acme.prod|k', 1, '2024-01-01 00:00:00', '2024-02-01 00:00:00', 12, '/out/a.csv', 345, '2024-03-02T00:00:00.000Z');");
            }

            using var store = SqliteOfflineDataStore.Open(path, create: false);

            Assert.Equal(StoreSchema.CurrentVersion, StoreSchema.GetVersion(store.Connection));
            Assert.Equal(0, store.GetDeliveries(new DeliveryLedgerQuery()).Single().SuppressedRows);
            var batch = store.GetExportBatches("acme.prod|k").Single();
            Assert.Equal((12L, 0L), (batch.Rows, batch.SuppressedRows));
            store.RecordExportBatch(new ExportLedgerEntry { ExportKey = "acme.prod|k", Batch = 2, From = batch.To, To = batch.To.AddDays(1), Rows = 3, SuppressedRows = 4 });
            Assert.Equal(4, store.GetExportBatches("acme.prod|k").Single(b => b.Batch == 2).SuppressedRows);
        }

        [Fact]
        public void AVersion2StoreIsUpgradedToCompactRows_WithEveryRowIntactAndFindable()
        {
            // Migration 3 rebuilds offline_row (times as yyyyMMddHHmmss numbers, outcome and reasons as numbers, the
            // transaction-ID index partial): what release 2 stored must read back the same and be found by every filter.
            using var dir = new TempDirectory();
            var path = dir.Combine("v2.db");
            using (var connection = Open(path))
            {
                StoreSchema.Migrate(connection, path, targetVersion: 2);
                Exec(connection, @"INSERT INTO import (id, report_suite, file_name, path, size, sha256, started_at, ended_at, status) VALUES (1, 'acme.prod', 'a.csv', '/a.csv', 10, 'abc', '2024-03-02T00:00:00.000Z', '2024-03-02T00:00:01.000Z', 'Completed');
INSERT INTO offline_row (id, import_id, report_suite, occurred_at, customer_id, event_type, category, event_name, num1, num2, var1, attr10, transaction_attributes, entry, line, row_index,
    outcome, reason, transaction_reason, transaction_id, credited_visitor, online_time, state) VALUES
(1, 1, 'acme.prod', '2024-03-02 09:00:00', 'C1', 7, 'CAT', 'SKU', '1', '9.5', 'Stockholm', 'a10', '[""x""]', 'north.csv', 3, 2,
    'TransactionId', 'TransactionMatched', 'TransactionMatched', 'T1', 'V1', '2024-03-01 23:59:59', '{""Campaign"":""spring""}'),
(2, 1, 'acme.prod', '2024-12-31 23:59:59', 'C2', 12, NULL, 'SKU2', '2', '-0.25', NULL, NULL, '[]', NULL, 4, 3,
    'CustomerId', 'CustomerMatched', 'NoTransactionId', NULL, 'C2', NULL, '{}'),
(3, 1, 'acme.prod', '2024-06-15 12:30:00', 'C3', 7, NULL, 'SKU3', '3', '100', NULL, NULL, '[]', NULL, 5, 4,
    'Unattributed', 'TransactionExpired', 'TransactionExpired', 'T9', NULL, NULL, '{}');");
            }

            using var store = SqliteOfflineDataStore.Open(path, create: false);

            Assert.Equal(StoreSchema.CurrentVersion, StoreSchema.GetVersion(store.Connection)); // and on through every later migration
            var rows = store.GetOfflineRows(new OfflineRowQuery()).ToList();
            Assert.Equal(new long?[] { 2, 3, 1 }, rows.Select(r => r.Id)); // newest first, as before
            var first = rows.Single(r => r.Id == 1);
            Assert.Equal(new DateTime(2024, 3, 2, 9, 0, 0), first.Timestamp);
            Assert.Equal(MatchOutcome.TransactionId, first.OutcomeValue);
            Assert.Equal(MatchReason.TransactionMatched, first.ReasonValue);
            Assert.Equal("T1", first.TransactionId);
            Assert.Equal("V1", first.CreditedVisitorId);
            Assert.Equal(new DateTime(2024, 3, 1, 23, 59, 59), first.OnlineTimestamp);
            Assert.Equal("spring", first.State["Campaign"]);
            Assert.Equal("Stockholm", first.Record.Var1);
            Assert.Equal("a10", first.Record.EventNameAttr10);
            Assert.Equal(new[] { "x" }, first.Record.TransactionAttributes);
            Assert.Equal("north.csv", first.Record.Entry);
            Assert.Equal(3, first.Line);
            Assert.Equal(9.5m, first.Num2);
            var second = rows.Single(r => r.Id == 2);
            Assert.Equal(new DateTime(2024, 12, 31, 23, 59, 59), second.Timestamp);
            Assert.Equal(-0.25m, second.Num2);
            Assert.Null(second.OnlineTimestamp);
            Assert.Equal(MatchReason.NoTransactionId, second.Match.TransactionReasonValue);

            Assert.Equal(new long?[] { 3 }, store.GetOfflineRows(new OfflineRowQuery { From = new DateTime(2024, 6, 15, 12, 30, 0), To = new DateTime(2024, 6, 15, 12, 30, 0) }).Select(r => r.Id));
            Assert.Equal(new long?[] { 3, 1 }, store.GetOfflineRows(new OfflineRowQuery { To = new DateTime(2024, 12, 31, 23, 59, 58) }).Select(r => r.Id));
            Assert.Equal(new long?[] { 2 }, store.GetOfflineRows(new OfflineRowQuery { Outcome = MatchOutcome.CustomerId }).Select(r => r.Id));
            Assert.Equal(new long?[] { 3 }, store.GetOfflineRows(new OfflineRowQuery { Reason = MatchReason.TransactionExpired }).Select(r => r.Id));
            Assert.Equal(new long?[] { 2 }, store.GetOfflineRows(new OfflineRowQuery { Reason = MatchReason.NoTransactionId }).Select(r => r.Id));
            Assert.Equal(new long?[] { 3 }, store.GetOfflineRows(new OfflineRowQuery { TransactionId = "T9" }).Select(r => r.Id));
            Assert.Equal(new long?[] { 3, 1 }, store.GetOfflineRows(new OfflineRowQuery { TransactionId = "T*" }).Select(r => r.Id));
            Assert.Equal(new long?[] { 2 }, store.GetOfflineRows(new OfflineRowQuery { CustomerId = "C2" }).Select(r => r.Id));

            // The indexes the queries rely on are there again, the transaction ID one without the rows that have none.
            Assert.Contains("WHERE transaction_id IS NOT NULL", Scalar(store.Connection, "SELECT sql FROM sqlite_schema WHERE name = 'offline_row_transaction';"));
            Assert.Equal("4", Scalar(store.Connection, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'offline_row';"));
            Assert.Contains("INDEX offline_row_transaction", Scalar(store.Connection, "EXPLAIN QUERY PLAN SELECT * FROM offline_row WHERE transaction_id = 'T9';", column: 3));
            Assert.Equal("1", Scalar(store.Connection, "SELECT count(*) FROM offline_row WHERE typeof(occurred_at) = 'integer' AND typeof(outcome) = 'integer' AND id = 1;"));
        }

        [Fact]
        public void TheDeliveryLedgersQueriesUseItsIndexes_NotATableScan()
        {
            // The shapes of FindDelivery, the newest-first listing and the destination completion (schema 4): a nightly
            // send asks once per file, so the lookup must stay a search however long the ledger grows.
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);
            string Plan(string sql) => string.Join(" | ", PlanRows(store.Connection, "EXPLAIN QUERY PLAN " + sql));

            Assert.Contains("SEARCH delivery USING INDEX delivery_content (destination=? AND sha256=?)",
                Plan("SELECT " + StoreColumns.Delivery + " FROM delivery WHERE destination = 'x' AND sha256 = 'y' AND status IN (1, 2) ORDER BY started_at DESC, id DESC LIMIT 1;"));
            Assert.Contains("USING INDEX delivery_started", Plan("SELECT " + StoreColumns.Delivery + " FROM delivery WHERE 1 = 1 ORDER BY started_at DESC, id DESC LIMIT 20;"));
            Assert.Contains("USING INDEX delivery_started (started_at>?)", Plan("SELECT " + StoreColumns.Delivery + " FROM delivery WHERE 1 = 1 AND started_at >= '2026' ORDER BY started_at DESC, id DESC;"));
            Assert.Contains("COVERING INDEX delivery_content", Plan("SELECT DISTINCT destination FROM delivery ORDER BY destination;"));
        }

        private static string[] PlanRows(SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var rows = new System.Collections.Generic.List<string>();
            while (reader.Read()) rows.Add(reader.GetString(3));
            return rows.ToArray();
        }

        [Fact]
        public void AFileThatIsNotAStoreIsAClearError()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("not-a-db.db", "this is not an SQLite database, just text that is long enough to fill a header page...");

            var e = Assert.Throws<StoreException>(() => SqliteOfflineDataStore.Open(path, create: true));
            Assert.Contains(path, e.Message);
            Assert.Equal(StoreFailureKind.Unavailable, e.Kind);
        }

        private static SqliteConnection Open(string path)
        {
            NativeSqliteLoader.EnsureLoaded();
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            connection.Open();
            return connection;
        }

        private static void Exec(SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        private static string Scalar(SqliteConnection connection, string sql, int column = 0)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            reader.Read();
            return Convert.ToString(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture)!;
        }
    }
}
