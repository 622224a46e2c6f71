using System;
using System.Collections.Generic;
using System.Data;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using OfflineData.Core.Format;
using OfflineData.Core.Matching;
using OfflineData.Core.Store.Transfer;

namespace OfflineData.Core.Store.Postgres
{
    /// <summary>
    /// A PostgreSQL store's whole content for <see cref="StoreCopier"/>. Read in each table's primary-key order with
    /// keyset paging (transactions and visitors by their ID, then report suite, as their Citus-ready keys are laid out);
    /// written batch by batch: binary COPY into a TEMP table, then <c>INSERT … SELECT … ON CONFLICT DO NOTHING</c> into
    /// the store's table, in one transaction with the copy marker, so a batch is written whole or not at all and at COPY
    /// speed. The marker lives in <c>offlinedata.store_copy</c> and <c>offlinedata.store_copy_position</c>, created only
    /// in a store that is the destination of a copy (reference tables on Citus: small, keyed by the source). Copy batches
    /// take no report-suite lock (a batch spans report suites); ON CONFLICT keeps them safe beside other writers.
    /// </summary>
    internal sealed class PostgresStoreContent : IStoreContentTarget
    {
        private const string ImportColumns = StoreColumns.Ledger;

        private const string RowColumns = StoreColumns.OfflineRow;

        private const string ReportSuiteColumns = StoreColumns.ReportSuite;

        private const string TransactionColumns = StoreColumns.Transaction;

        private const string VisitorColumns = StoreColumns.Visitor;

        private const string DeliveryColumns = StoreColumns.Delivery;

        private readonly PostgresOfflineDataStore store;

        /// <summary>
        /// The columns a copy reads and writes, per table: every column of the schema (a test compares them with the
        /// tables, so a migration that adds a column cannot leave it behind in a copy).
        /// </summary>
        internal static IReadOnlyDictionary<string, string> CopiedColumns { get; } = new Dictionary<string, string>
        {
            ["report_suite"] = ReportSuiteColumns,
            ["online_transaction"] = TransactionColumns,
            ["visitor"] = VisitorColumns,
            ["import"] = ImportColumns,
            ["offline_row"] = RowColumns,
            ["delivery"] = DeliveryColumns,
            ["export_batch"] = ExportLedgerSchema.Columns,
            ["consent"] = ConsentSchema.Columns,
        };

        public PostgresStoreContent(PostgresOfflineDataStore store)
        {
            this.store = store;
        }

        public string DisplayName => store.DisplayName;

        private NpgsqlConnection Connection => store.Connection;

        public IDisposable BeginSnapshot()
        {
            if (!store.Exists) return new Snapshot(null);
            var transaction = store.Guard("begin reading its content", () => Connection.BeginTransaction(IsolationLevel.RepeatableRead));
            return new Snapshot(transaction);
        }

        public long Count(StoreContentTable table)
        {
            if (!store.Exists) return 0;
            return store.Guard("count its " + Describe(table), () =>
            {
                using var command = Connection.CreateCommand();
                command.CommandText = "SELECT count(*) FROM offlinedata." + TableName(table) + ";";
                return (long)command.ExecuteScalar()!;
            });
        }

        public IReadOnlyList<RecordingSettings> ReadReportSuites(StoreContentKey? after, int limit) => Read(
            "SELECT " + ReportSuiteColumns + " FROM offlinedata.report_suite" + (after == null ? string.Empty : " WHERE id > @suite") + " ORDER BY id LIMIT @limit;",
            after,
            limit,
            r => new RecordingSettings(r.GetString(0), r.GetBoolean(1), r.GetInt32(2), r.IsDBNull(3) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(3), r.GetFieldValue<DateTimeOffset>(4), 0, 0, store.Location),
            "read its report suites");

        public IReadOnlyList<OnlineTransaction> ReadOnlineTransactions(StoreContentKey? after, int limit) => Read(
            "SELECT " + TransactionColumns + " FROM offlinedata.online_transaction"
                + (after == null ? string.Empty : " WHERE (transaction_id, report_suite) > (@text, @suite)") + " ORDER BY transaction_id, report_suite LIMIT @limit;",
            after,
            limit,
            r => new OnlineTransaction(r.GetString(0), r.GetString(1), r.GetString(2), r.GetDateTime(3), StateCodec.Decode(r.GetString(4)), r.GetFieldValue<DateTimeOffset>(5), r.GetInt64(6)),
            "read its online transactions");

        public IReadOnlyList<VisitorContent> ReadVisitors(StoreContentKey? after, int limit) => Read(
            "SELECT " + VisitorColumns + " FROM offlinedata.visitor"
                + (after == null ? string.Empty : " WHERE (visitor_id, report_suite) > (@text, @suite)") + " ORDER BY visitor_id, report_suite LIMIT @limit;",
            after,
            limit,
            r => new VisitorContent(r.GetString(0), r.GetString(1), r.GetDateTime(2), r.GetDateTime(3)),
            "read its visitors");

        public IReadOnlyList<ImportLedgerEntry> ReadImports(StoreContentKey? after, int limit) => Read(
            "SELECT " + ImportColumns + " FROM offlinedata.import" + (after == null ? string.Empty : " WHERE id > @id") + " ORDER BY id LIMIT @limit;",
            after,
            limit,
            ReadImport,
            "read its import ledger");

        public IReadOnlyList<StoredOfflineRow> ReadOfflineRows(StoreContentKey? after, int limit) => Read(
            "SELECT " + RowColumns + " FROM offlinedata.offline_row" + (after == null ? string.Empty : " WHERE id > @id") + " ORDER BY id LIMIT @limit;",
            after,
            limit,
            ReadRow,
            "read its offline rows");

        public IReadOnlyList<DeliveryLedgerEntry> ReadDeliveries(StoreContentKey? after, int limit) => Read(
            "SELECT " + DeliveryColumns + " FROM offlinedata.delivery" + (after == null ? string.Empty : " WHERE id > @id") + " ORDER BY id LIMIT @limit;",
            after,
            limit,
            r => PostgresStoredRows.ReadDeliveryEntry(r, store.Location),
            "read its delivery ledger");

        public IReadOnlyList<ExportLedgerEntry> ReadExportBatches(StoreContentKey? after, int limit) => Read(
            "SELECT " + ExportLedgerSchema.Columns + " FROM offlinedata.export_batch" + (after == null ? string.Empty : " WHERE (export_key, batch) > (@text, @id)") + " ORDER BY export_key, batch LIMIT @limit;",
            after,
            limit,
            PostgresOfflineDataStore.ReadExportBatch,
            "read its export ledger");

        public IReadOnlyList<ConsentEntry> ReadConsents(StoreContentKey? after, int limit) => Read(
            "SELECT " + ConsentSchema.Columns + " FROM offlinedata.consent" + (after == null ? string.Empty : " WHERE id > @id") + " ORDER BY id LIMIT @limit;",
            after,
            limit,
            r => PostgresOfflineDataStore.ReadConsent(r, store.DisplayName),
            "read its consent entries");

        public IReadOnlyList<ImportRowTotals> ReadRowTotals()
        {
            if (!store.Exists) return Array.Empty<ImportRowTotals>();
            return store.Guard("total its offline rows per import", () =>
            {
                // numeric sums exactly, so the server adds (one pass, no rows sent).
                var totals = new List<ImportRowTotals>();
                using var command = Connection.CreateCommand();
                command.CommandText = "SELECT import_id, count(*), sum(num2) FROM offlinedata.offline_row GROUP BY import_id ORDER BY import_id;";
                using var reader = command.ExecuteReader();
                while (reader.Read()) totals.Add(new ImportRowTotals(reader.GetInt64(0), reader.GetInt64(1), reader.GetDecimal(2)));
                return (IReadOnlyList<ImportRowTotals>)totals;
            });
        }

        public StoreCopyMarker? ReadCopyMarker(string source)
        {
            if (!store.Exists) return null;
            return store.Guard("read its copy marker", () =>
            {
                using var command = Connection.CreateCommand();
                command.CommandText = "SELECT to_regclass('offlinedata.store_copy') IS NOT NULL AND to_regclass('offlinedata.store_copy_position') IS NOT NULL;";
                if (!(bool)command.ExecuteScalar()!) return null;
                command.CommandText = "SELECT started_at, completed_at FROM offlinedata.store_copy WHERE source = @source;";
                command.Parameters.Add(new NpgsqlParameter("source", NpgsqlDbType.Text) { Value = source });
                DateTimeOffset started;
                DateTimeOffset? completed;
                using (var reader = command.ExecuteReader())
                {
                    if (!reader.Read()) return null;
                    started = reader.GetFieldValue<DateTimeOffset>(0);
                    completed = reader.IsDBNull(1) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(1);
                }

                var positions = new Dictionary<StoreContentTable, StoreContentKey>();
                command.CommandText = "SELECT content, after_suite, after_text, after_id FROM offlinedata.store_copy_position WHERE source = @source;";
                using (var reader = command.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        var key = StoreContentKey.FromParts(reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? (long?)null : reader.GetInt64(3));
                        if (key != null) positions[(StoreContentTable)Enum.Parse(typeof(StoreContentTable), reader.GetString(0))] = key;
                    }
                }

                return new StoreCopyMarker(source, started, completed, positions);
            });
        }

        public void BeginCopy(string source, bool restart)
        {
            Write("begin the copy marker", () =>
            {
                using var command = Connection.CreateCommand();
                command.CommandText = @"
CREATE TABLE IF NOT EXISTS offlinedata.store_copy (
    source text COLLATE ""C"" NOT NULL PRIMARY KEY,
    started_at timestamptz NOT NULL,
    completed_at timestamptz NULL
);
CREATE TABLE IF NOT EXISTS offlinedata.store_copy_position (
    source text COLLATE ""C"" NOT NULL,
    content text NOT NULL,
    after_suite text COLLATE ""C"" NULL,
    after_text text COLLATE ""C"" NULL,
    after_id bigint NULL,
    PRIMARY KEY (source, content)
);" + (restart
                    ? @"DELETE FROM offlinedata.store_copy_position WHERE source = @source;
INSERT INTO offlinedata.store_copy (source, started_at) VALUES (@source, @now) ON CONFLICT (source) DO UPDATE SET started_at = @now, completed_at = NULL;"
                    : "INSERT INTO offlinedata.store_copy (source, started_at) VALUES (@source, @now) ON CONFLICT (source) DO UPDATE SET completed_at = NULL;");
                command.Parameters.Add(new NpgsqlParameter("source", NpgsqlDbType.Text) { Value = source });
                command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = PostgresOfflineDataStore.Now() });
                command.ExecuteNonQuery();
            });
        }

        public int WriteReportSuites(IReadOnlyList<RecordingSettings> batch, string source, StoreContentKey last) => WriteBatch(
            StoreContentTable.ReportSuites,
            ReportSuiteColumns,
            batch,
            (w, s) =>
            {
                w.Write(s.ReportSuite, NpgsqlDbType.Text);
                w.Write(s.Enabled, NpgsqlDbType.Boolean);
                w.Write(s.ExpirationDays, NpgsqlDbType.Integer);
                WriteUtc(w, s.EnabledSince);
                WriteUtc(w, s.UpdatedAt);
            },
            source,
            last);

        public int WriteOnlineTransactions(IReadOnlyList<OnlineTransaction> batch, string source, StoreContentKey last) => WriteBatch(
            StoreContentTable.OnlineTransactions,
            TransactionColumns,
            batch,
            (w, t) =>
            {
                w.Write(t.ReportSuite, NpgsqlDbType.Text);
                w.Write(t.TransactionId, NpgsqlDbType.Text);
                w.Write(t.VisitorId, NpgsqlDbType.Text);
                w.Write(PostgresOfflineDataStore.Event(t.Timestamp), NpgsqlDbType.Timestamp);
                w.Write(StateCodec.Encode(t.State), NpgsqlDbType.Text);
                WriteUtc(w, t.RecordedAt);
                w.Write(t.DuplicateCount, NpgsqlDbType.Bigint);
            },
            source,
            last);

        public int WriteVisitors(IReadOnlyList<VisitorContent> batch, string source, StoreContentKey last) => WriteBatch(
            StoreContentTable.Visitors,
            VisitorColumns,
            batch,
            (w, v) =>
            {
                w.Write(v.ReportSuite, NpgsqlDbType.Text);
                w.Write(v.VisitorId, NpgsqlDbType.Text);
                w.Write(PostgresOfflineDataStore.Event(v.FirstSeen), NpgsqlDbType.Timestamp);
                w.Write(PostgresOfflineDataStore.Event(v.LastSeen), NpgsqlDbType.Timestamp);
            },
            source,
            last);

        public int WriteImports(IReadOnlyList<ImportLedgerEntry> batch, string source, StoreContentKey last) => WriteBatch(
            StoreContentTable.Imports,
            ImportColumns,
            batch,
            (w, e) =>
            {
                var byReason = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var pair in e.UnattributedByReason) byReason[pair.Key] = pair.Value.ToString(CultureInfo.InvariantCulture);
                w.Write(e.Id, NpgsqlDbType.Bigint);
                w.Write(e.ReportSuite, NpgsqlDbType.Text);
                w.Write(e.FileName, NpgsqlDbType.Text);
                w.Write(e.Path, NpgsqlDbType.Text);
                w.Write(e.Size, NpgsqlDbType.Bigint);
                w.Write(e.Sha256, NpgsqlDbType.Text);
                WriteUtc(w, e.StartedAt);
                WriteUtc(w, e.EndedAt);
                w.Write(e.StatusValue.ToString(), NpgsqlDbType.Text);
                w.Write(e.Rows, NpgsqlDbType.Bigint);
                w.Write(e.Imported, NpgsqlDbType.Bigint);
                w.Write(e.MatchedByTransactionId, NpgsqlDbType.Bigint);
                w.Write(e.MatchedByCustomerId, NpgsqlDbType.Bigint);
                w.Write(e.Unattributed, NpgsqlDbType.Bigint);
                w.Write(StateCodec.Encode(byReason), NpgsqlDbType.Text);
                w.Write(e.Rejected, NpgsqlDbType.Bigint);
                w.Write(e.Duplicates, NpgsqlDbType.Bigint);
                w.Write(e.Warnings, NpgsqlDbType.Bigint);
                w.Write(e.Revenue, NpgsqlDbType.Numeric);
                w.Write(e.DistinctCustomers, NpgsqlDbType.Bigint);
                WriteText(w, e.QuarantinePath);
                w.Write(e.TransactionIdColumn, NpgsqlDbType.Text);
                if (e.SupersededBy.HasValue) w.Write(e.SupersededBy.Value, NpgsqlDbType.Bigint);
                else w.WriteNull();
                WriteText(w, e.Message);
            },
            source,
            last);

        public int WriteOfflineRows(IReadOnlyList<StoredOfflineRow> batch, string source, StoreContentKey last) => WriteBatch(
            StoreContentTable.OfflineRows,
            RowColumns,
            batch,
            (w, row) =>
            {
                var record = row.Record;
                var match = row.Match;
                w.Write(row.Id ?? throw new ArgumentException("A stored row to copy has no ID.", nameof(batch)), NpgsqlDbType.Bigint);
                w.Write(row.ImportId ?? throw new ArgumentException("A stored row to copy has no import ID.", nameof(batch)), NpgsqlDbType.Bigint);
                w.Write(row.ReportSuite, NpgsqlDbType.Text);
                w.Write(PostgresOfflineDataStore.Event(record.Timestamp), NpgsqlDbType.Timestamp);
                w.Write(record.CustomerId, NpgsqlDbType.Text);
                w.Write(record.EventType, NpgsqlDbType.Integer);
                WriteText(w, record.Category);
                w.Write(record.EventName, NpgsqlDbType.Text);
                w.Write(record.Num1, NpgsqlDbType.Numeric);
                w.Write(record.Num2, NpgsqlDbType.Numeric);
                for (int column = 8; column <= OfflineDataSchema.NamedColumnCount; column++) WriteText(w, record.GetText(column));
                w.Write(StateCodec.EncodeArray(record.TransactionAttributes), NpgsqlDbType.Text);
                WriteText(w, record.Entry);
                w.Write(record.Line, NpgsqlDbType.Bigint);
                w.Write(record.RowIndex, NpgsqlDbType.Bigint);
                w.Write(match.Outcome, NpgsqlDbType.Text);
                w.Write(match.Reason, NpgsqlDbType.Text);
                w.Write(match.TransactionReason, NpgsqlDbType.Text);
                WriteText(w, match.TransactionId);
                WriteText(w, match.CreditedVisitorId);
                if (match.OnlineTimestamp.HasValue) w.Write(PostgresOfflineDataStore.Event(match.OnlineTimestamp.Value), NpgsqlDbType.Timestamp);
                else w.WriteNull();
                w.Write(StateCodec.Encode(match.State), NpgsqlDbType.Text);
            },
            source,
            last);

        public int WriteDeliveries(IReadOnlyList<DeliveryLedgerEntry> batch, string source, StoreContentKey last) => WriteBatch(
            StoreContentTable.Deliveries,
            DeliveryColumns,
            batch,
            (w, e) =>
            {
                w.Write(e.Id, NpgsqlDbType.Bigint);
                w.Write(e.Destination, NpgsqlDbType.Text);
                w.Write(e.SourcePath, NpgsqlDbType.Text);
                w.Write(e.FileName, NpgsqlDbType.Text);
                w.Write(e.RemoteName, NpgsqlDbType.Text);
                WriteText(w, e.MarkerName);
                w.Write(e.Sha256, NpgsqlDbType.Text);
                w.Write(e.Size, NpgsqlDbType.Bigint);
                WriteUtc(w, e.StartedAt);
                WriteUtc(w, e.EndedAt);
                w.Write((short)e.StatusValue, NpgsqlDbType.Smallint);
                w.Write(e.Attempts, NpgsqlDbType.Integer);
                WriteText(w, e.Message);
                w.Write(e.SuppressedRows, NpgsqlDbType.Bigint);
            },
            source,
            last);

        public int WriteConsents(IReadOnlyList<ConsentEntry> batch, string source, StoreContentKey last) => WriteBatch(
            StoreContentTable.Consents,
            ConsentSchema.Columns,
            batch,
            (w, e) =>
            {
                w.Write(e.Id, NpgsqlDbType.Bigint);
                w.Write(e.CustomerId, NpgsqlDbType.Text);
                w.Write(e.Scope, NpgsqlDbType.Text);
                w.Write(e.Value, NpgsqlDbType.Text);
                w.Write(e.Time.UtcDateTime, NpgsqlDbType.TimestampTz);
                w.Write(e.Source, NpgsqlDbType.Text);
                w.Write(DateTime.SpecifyKind(e.RecordedAt, DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
            },
            source,
            last,
            // The ID as given unless the destination's own entry holds it (a merge): then a new one from the identity.
            "CASE WHEN EXISTS (SELECT 1 FROM offlinedata.consent o WHERE o.id = x.id) THEN nextval(pg_get_serial_sequence('offlinedata.consent', 'id')) ELSE x.id END, x.customer_id, x.scope, x.value, x.decided_at, x.source, x.recorded_at");

        public int WriteExportBatches(IReadOnlyList<ExportLedgerEntry> batch, string source, StoreContentKey last) => WriteBatch(
            StoreContentTable.ExportBatches,
            ExportLedgerSchema.Columns,
            batch,
            (w, e) =>
            {
                w.Write(e.ExportKey, NpgsqlDbType.Text);
                w.Write(e.Batch, NpgsqlDbType.Integer);
                w.Write(PostgresOfflineDataStore.Event(e.From), NpgsqlDbType.Timestamp);
                w.Write(PostgresOfflineDataStore.Event(e.To), NpgsqlDbType.Timestamp);
                w.Write(e.Rows, NpgsqlDbType.Bigint);
                w.Write(ExportLedgerFiles.Join(e.Files), NpgsqlDbType.Text);
                w.Write(e.Bytes, NpgsqlDbType.Bigint);
                if (e.LastTimestamp.HasValue) w.Write(PostgresOfflineDataStore.Event(e.LastTimestamp.Value), NpgsqlDbType.Timestamp); else w.WriteNull();
                if (e.LastRowId.HasValue) w.Write(e.LastRowId.Value, NpgsqlDbType.Bigint); else w.WriteNull();
                WriteUtc(w, e.WrittenAt);
                w.Write(e.SuppressedRows, NpgsqlDbType.Bigint);
            },
            source,
            last);

        public void FinishCopy(string source)
        {
            Write("complete the copy marker", () =>
            {
                using var command = Connection.CreateCommand();
                // New imports and rows get IDs after the copied ones: each sequence moves up to the highest ID stored,
                // never down (a merged destination may already be further).
                command.CommandText = @"
SELECT setval(s, m) FROM (SELECT pg_get_serial_sequence('offlinedata.import', 'id')::regclass AS s, (SELECT max(id) FROM offlinedata.import) AS m) x
    WHERE m > coalesce(pg_sequence_last_value(s), 0);
SELECT setval(s, m) FROM (SELECT 'offlinedata.offline_row_id_seq'::regclass AS s, (SELECT max(id) FROM offlinedata.offline_row) AS m) x
    WHERE m > coalesce(pg_sequence_last_value(s), 0);
SELECT setval(s, m) FROM (SELECT pg_get_serial_sequence('offlinedata.delivery', 'id')::regclass AS s, (SELECT max(id) FROM offlinedata.delivery) AS m) x
    WHERE m > coalesce(pg_sequence_last_value(s), 0);
SELECT setval(s, m) FROM (SELECT pg_get_serial_sequence('offlinedata.consent', 'id')::regclass AS s, (SELECT max(id) FROM offlinedata.consent) AS m) x
    WHERE m > coalesce(pg_sequence_last_value(s), 0);
UPDATE offlinedata.store_copy SET completed_at = @now WHERE source = @source;";
                command.Parameters.Add(new NpgsqlParameter("source", NpgsqlDbType.Text) { Value = source });
                command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = PostgresOfflineDataStore.Now() });
                command.ExecuteNonQuery();
            });
        }

        private static string TableName(StoreContentTable table) => table switch
        {
            StoreContentTable.ReportSuites => "report_suite",
            StoreContentTable.OnlineTransactions => "online_transaction",
            StoreContentTable.Visitors => "visitor",
            StoreContentTable.Imports => "import",
            StoreContentTable.OfflineRows => "offline_row",
            StoreContentTable.Deliveries => "delivery",
            StoreContentTable.ExportBatches => "export_batch",
            StoreContentTable.Consents => "consent",
            _ => throw new ArgumentOutOfRangeException(nameof(table)),
        };

        private static string Describe(StoreContentTable table) => table == StoreContentTable.Deliveries ? "deliveries" : table == StoreContentTable.ExportBatches ? "exported batches" : table == StoreContentTable.Consents ? "consent entries" : TableName(table).Replace('_', ' ') + "s";

        private static void WriteText(NpgsqlBinaryImporter writer, string? value)
        {
            if (value == null) writer.WriteNull();
            else writer.Write(value, NpgsqlDbType.Text);
        }

        private static void WriteUtc(NpgsqlBinaryImporter writer, DateTimeOffset? value)
        {
            // As given, to the tick: a copy does not round what the source stored.
            if (value.HasValue) writer.Write(value.Value.UtcDateTime, NpgsqlDbType.TimestampTz);
            else writer.WriteNull();
        }

        private IReadOnlyList<T> Read<T>(string sql, StoreContentKey? after, int limit, Func<NpgsqlDataReader, T> map, string action)
        {
            if (!store.Exists) return Array.Empty<T>();
            return store.Guard(action, () =>
            {
                using var command = Connection.CreateCommand();
                command.CommandText = sql;
                command.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = limit });
                if (after != null)
                {
                    if (after.ReportSuite != null) command.Parameters.Add(new NpgsqlParameter("suite", NpgsqlDbType.Text) { Value = after.ReportSuite });
                    if (after.Text != null) command.Parameters.Add(new NpgsqlParameter("text", NpgsqlDbType.Text) { Value = after.Text });
                    if (after.Id.HasValue) command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Bigint) { Value = after.Id.Value });
                }

                var result = new List<T>(Math.Min(limit, 10_000));
                using var reader = command.ExecuteReader();
                while (reader.Read()) result.Add(map(reader));
                return (IReadOnlyList<T>)result;
            });
        }

        /// <summary>
        /// One batch: binary COPY into a TEMP table shaped like the store's (emptied at commit), then one
        /// INSERT … SELECT … ON CONFLICT DO NOTHING, and the marker's position, in one transaction.
        /// </summary>
        private int WriteBatch<T>(StoreContentTable table, string columns, IReadOnlyList<T> batch, Action<NpgsqlBinaryImporter, T> write, string source, StoreContentKey last, string? select = null)
        {
            int inserted = 0;
            var name = TableName(table);
            var staging = "offlinedata_copy_" + name;
            Write("write " + batch.Count.ToString(CultureInfo.InvariantCulture) + " " + Describe(table) + " of the copy", () =>
            {
                using (var create = Connection.CreateCommand())
                {
                    create.CommandText = $"CREATE TEMP TABLE IF NOT EXISTS {staging} (LIKE offlinedata.{name}) ON COMMIT DELETE ROWS;";
                    create.ExecuteNonQuery();
                }

                using (var writer = Connection.BeginBinaryImport($"COPY {staging} ({columns}) FROM STDIN (FORMAT BINARY)"))
                {
                    foreach (var item in batch)
                    {
                        writer.StartRow();
                        write(writer, item);
                    }

                    writer.Complete();
                }

                using var command = Connection.CreateCommand();
                command.CommandText = $"INSERT INTO offlinedata.{name} ({columns}) SELECT {select ?? columns} FROM {staging} x ON CONFLICT DO NOTHING;";
                inserted = command.ExecuteNonQuery();
                command.CommandText = @"INSERT INTO offlinedata.store_copy_position (source, content, after_suite, after_text, after_id) VALUES (@source, @content, @suite, @text, @id)
ON CONFLICT (source, content) DO UPDATE SET after_suite = excluded.after_suite, after_text = excluded.after_text, after_id = excluded.after_id;";
                command.Parameters.Add(new NpgsqlParameter("source", NpgsqlDbType.Text) { Value = source });
                command.Parameters.Add(new NpgsqlParameter("content", NpgsqlDbType.Text) { Value = table.ToString() });
                command.Parameters.Add(new NpgsqlParameter("suite", NpgsqlDbType.Text) { Value = (object?)last.ReportSuite ?? DBNull.Value });
                command.Parameters.Add(new NpgsqlParameter("text", NpgsqlDbType.Text) { Value = (object?)last.Text ?? DBNull.Value });
                command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Bigint) { Value = last.Id.HasValue ? (object)last.Id.Value : DBNull.Value });
                command.ExecuteNonQuery();
            });
            return inserted;
        }

        /// <summary>Runs <paramref name="work"/> in a transaction of its own; a failure rolls it back and is a <see cref="StoreException"/>.</summary>
        private void Write(string action, Action work)
        {
            if (!store.Exists) throw new InvalidOperationException("The store was opened without creating it and has no OfflineData schema; open it with create: true to copy into it.");
            NpgsqlTransaction transaction = store.Guard(action, () => Connection.BeginTransaction());
            try
            {
                store.Guard(action, () =>
                {
                    work();
                    transaction.Commit();
                    return true;
                });
            }
            catch
            {
                PostgresOfflineDataStore.SafeRollback(transaction);
                throw;
            }
            finally
            {
                transaction.Dispose();
            }
        }

        private ImportLedgerEntry ReadImport(NpgsqlDataReader reader) => PostgresStoredRows.ReadLedgerEntry(reader, store.Location);

        private StoredOfflineRow ReadRow(NpgsqlDataReader reader) => PostgresStoredRows.ReadOfflineRow(reader, store.Location, null);


        /// <summary>Ends the source's REPEATABLE READ transaction.</summary>
        private sealed class Snapshot : IDisposable
        {
            private NpgsqlTransaction? transaction;

            public Snapshot(NpgsqlTransaction? transaction) => this.transaction = transaction;

            public void Dispose()
            {
                if (transaction == null) return;
                PostgresOfflineDataStore.SafeRollback(transaction);
                transaction.Dispose();
                transaction = null;
            }
        }
    }
}
