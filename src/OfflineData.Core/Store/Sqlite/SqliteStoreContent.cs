using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Data.Sqlite;
using OfflineData.Core.Format;
using OfflineData.Core.Matching;
using OfflineData.Core.Store.Transfer;

namespace OfflineData.Core.Store.Sqlite
{
    /// <summary>
    /// An SQLite store's whole content for <see cref="StoreCopier"/>: read in key order with keyset paging (the
    /// primary keys are the order, so no batch sorts), written as given with <c>INSERT … ON CONFLICT DO NOTHING</c>,
    /// one write transaction per batch. The copy marker lives in two tables of its own (<c>store_copy</c>,
    /// <c>store_copy_position</c>), created only in a store that is the destination of a copy: they are the copy's
    /// bookkeeping, not content, so the store's versioned schema does not carry them and a store never copied into
    /// has none. Import, row and delivery IDs need no sequence: SQLite gives a new row max(id) + 1.
    /// </summary>
    internal sealed class SqliteStoreContent : IStoreContentTarget
    {
        private const string ImportColumns = StoreColumns.Ledger;

        private const string RowColumns = StoreColumns.OfflineRow;

        private const string ReportSuiteColumns = StoreColumns.ReportSuite;

        private const string TransactionColumns = StoreColumns.Transaction;

        private const string VisitorColumns = StoreColumns.Visitor;

        private const string DeliveryColumns = StoreColumns.Delivery;

        private readonly SqliteOfflineDataStore store;

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

        public SqliteStoreContent(SqliteOfflineDataStore store)
        {
            this.store = store;
        }

        public string DisplayName => store.DisplayName;

        private SqliteConnection Connection => store.Connection;

        public IDisposable BeginSnapshot()
        {
            try
            {
                // A deferred transaction's snapshot starts with its first read: read once now, so every later batch
                // sees the store as it was here (WAL keeps it while writers go on).
                SqliteOfflineDataStore.Execute(Connection, "BEGIN DEFERRED; SELECT count(*) FROM import;");
            }
            catch (SqliteException e)
            {
                throw StoreFailure.From(store.Location, "begin reading its content", e);
            }

            return new Snapshot(store);
        }

        public long Count(StoreContentTable table)
        {
            return Guard("count its " + Describe(table), () =>
            {
                using var command = Connection.CreateCommand();
                command.CommandText = "SELECT count(*) FROM " + TableName(table) + ";";
                return (long)command.ExecuteScalar()!;
            });
        }

        public IReadOnlyList<RecordingSettings> ReadReportSuites(StoreContentKey? after, int limit) => Read(
            "SELECT " + ReportSuiteColumns + " FROM report_suite" + (after == null ? string.Empty : " WHERE id > $suite") + " ORDER BY id LIMIT $limit;",
            after,
            limit,
            r => new RecordingSettings(r.GetString(0), r.GetInt64(1) != 0, r.GetInt32(2), r.IsDBNull(3) ? (DateTimeOffset?)null : StoreTime.ParseUtc(r.GetString(3)), StoreTime.ParseUtc(r.GetString(4)), 0, 0, store.Location),
            "read its report suites");

        public IReadOnlyList<OnlineTransaction> ReadOnlineTransactions(StoreContentKey? after, int limit) => Read(
            "SELECT " + TransactionColumns + " FROM online_transaction"
                + (after == null ? string.Empty : " WHERE (report_suite, transaction_id) > ($suite, $text)") + " ORDER BY report_suite, transaction_id LIMIT $limit;",
            after,
            limit,
            r => new OnlineTransaction(r.GetString(0), r.GetString(1), r.GetString(2), StoreTime.ParseEvent(r.GetString(3)), StateCodec.Decode(r.GetString(4)), StoreTime.ParseUtc(r.GetString(5)), r.GetInt64(6)),
            "read its online transactions");

        public IReadOnlyList<VisitorContent> ReadVisitors(StoreContentKey? after, int limit) => Read(
            "SELECT " + VisitorColumns + " FROM visitor"
                + (after == null ? string.Empty : " WHERE (report_suite, visitor_id) > ($suite, $text)") + " ORDER BY report_suite, visitor_id LIMIT $limit;",
            after,
            limit,
            r => new VisitorContent(r.GetString(0), r.GetString(1), StoreTime.ParseEvent(r.GetString(2)), StoreTime.ParseEvent(r.GetString(3))),
            "read its visitors");

        public IReadOnlyList<ImportLedgerEntry> ReadImports(StoreContentKey? after, int limit) => Read(
            "SELECT " + ImportColumns + " FROM import" + (after == null ? string.Empty : " WHERE id > $id") + " ORDER BY id LIMIT $limit;",
            after,
            limit,
            ReadImport,
            "read its import ledger");

        public IReadOnlyList<StoredOfflineRow> ReadOfflineRows(StoreContentKey? after, int limit) => Read(
            "SELECT " + RowColumns + " FROM offline_row" + (after == null ? string.Empty : " WHERE id > $id") + " ORDER BY id LIMIT $limit;",
            after,
            limit,
            ReadRow,
            "read its offline rows");

        public IReadOnlyList<DeliveryLedgerEntry> ReadDeliveries(StoreContentKey? after, int limit) => Read(
            "SELECT " + DeliveryColumns + " FROM delivery" + (after == null ? string.Empty : " WHERE id > $id") + " ORDER BY id LIMIT $limit;",
            after,
            limit,
            r => SqliteStoredRows.ReadDeliveryEntry(r, store.Location),
            "read its delivery ledger");

        public IReadOnlyList<ExportLedgerEntry> ReadExportBatches(StoreContentKey? after, int limit) => Read(
            "SELECT " + ExportLedgerSchema.Columns + " FROM export_batch" + (after == null ? string.Empty : " WHERE (export_key, batch) > ($text, $id)") + " ORDER BY export_key, batch LIMIT $limit;",
            after,
            limit,
            SqliteOfflineDataStore.ReadExportBatch,
            "read its export ledger");

        public IReadOnlyList<ConsentEntry> ReadConsents(StoreContentKey? after, int limit) => Read(
            "SELECT " + ConsentSchema.Columns + " FROM consent" + (after == null ? string.Empty : " WHERE id > $id") + " ORDER BY id LIMIT $limit;",
            after,
            limit,
            r => SqliteOfflineDataStore.ReadConsent(r, store.Location),
            "read its consent entries");

        public IReadOnlyList<ImportRowTotals> ReadRowTotals()
        {
            return Guard("total its offline rows per import", () =>
            {
                // Num2 is stored as exact decimal text: summed here as decimal, since SQLite's sum() would add doubles.
                var totals = new List<ImportRowTotals>();
                using var command = Connection.CreateCommand();
                command.CommandText = "SELECT import_id, num2 FROM offline_row ORDER BY import_id;";
                using var reader = command.ExecuteReader();
                long current = 0, rows = 0;
                decimal revenue = 0;
                while (reader.Read())
                {
                    var importId = reader.GetInt64(0);
                    if (rows > 0 && importId != current)
                    {
                        totals.Add(new ImportRowTotals(current, rows, revenue));
                        rows = 0;
                        revenue = 0;
                    }

                    current = importId;
                    rows++;
                    revenue += ParseDecimal(reader.GetString(1));
                }

                if (rows > 0) totals.Add(new ImportRowTotals(current, rows, revenue));
                return (IReadOnlyList<ImportRowTotals>)totals;
            });
        }

        public StoreCopyMarker? ReadCopyMarker(string source)
        {
            return Guard("read its copy marker", () =>
            {
                if (!MarkerTablesExist()) return null;
                using var command = Connection.CreateCommand();
                command.CommandText = "SELECT started_at, completed_at FROM store_copy WHERE source = $source;";
                command.Parameters.AddWithValue("$source", source);
                DateTimeOffset started;
                DateTimeOffset? completed;
                using (var reader = command.ExecuteReader())
                {
                    if (!reader.Read()) return null;
                    started = StoreTime.ParseUtc(reader.GetString(0));
                    completed = reader.IsDBNull(1) ? (DateTimeOffset?)null : StoreTime.ParseUtc(reader.GetString(1));
                }

                var positions = new Dictionary<StoreContentTable, StoreContentKey>();
                command.CommandText = "SELECT content, after_suite, after_text, after_id FROM store_copy_position WHERE source = $source;";
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
            store.EnsureIntact();
            Write("begin the copy marker", () =>
            {
                SqliteOfflineDataStore.Execute(Connection, @"
CREATE TABLE IF NOT EXISTS store_copy (
    source TEXT NOT NULL PRIMARY KEY,
    started_at TEXT NOT NULL,
    completed_at TEXT NULL
);
CREATE TABLE IF NOT EXISTS store_copy_position (
    source TEXT NOT NULL,
    content TEXT NOT NULL,
    after_suite TEXT NULL,
    after_text TEXT NULL,
    after_id INTEGER NULL,
    PRIMARY KEY (source, content)
) WITHOUT ROWID;");
                using var command = Connection.CreateCommand();
                command.Parameters.AddWithValue("$source", source);
                command.Parameters.AddWithValue("$now", StoreTime.Utc(DateTimeOffset.UtcNow));
                command.CommandText = restart
                    ? @"DELETE FROM store_copy_position WHERE source = $source;
INSERT INTO store_copy (source, started_at) VALUES ($source, $now) ON CONFLICT (source) DO UPDATE SET started_at = $now, completed_at = NULL;"
                    : "INSERT INTO store_copy (source, started_at) VALUES ($source, $now) ON CONFLICT (source) DO UPDATE SET completed_at = NULL;";
                command.ExecuteNonQuery();
            });
        }

        public int WriteReportSuites(IReadOnlyList<RecordingSettings> batch, string source, StoreContentKey last) => WriteBatch(
            StoreContentTable.ReportSuites,
            "INSERT INTO report_suite (" + ReportSuiteColumns + ") VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING;",
            batch,
            (s, p) =>
            {
                p[0].Value = s.ReportSuite;
                p[1].Value = s.Enabled ? 1 : 0;
                p[2].Value = s.ExpirationDays;
                p[3].Value = s.EnabledSince.HasValue ? (object)StoreTime.Utc(s.EnabledSince.Value) : DBNull.Value;
                p[4].Value = StoreTime.Utc(s.UpdatedAt);
            },
            source,
            last);

        public int WriteOnlineTransactions(IReadOnlyList<OnlineTransaction> batch, string source, StoreContentKey last) => WriteBatch(
            StoreContentTable.OnlineTransactions,
            "INSERT INTO online_transaction (" + TransactionColumns + ") VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING;",
            batch,
            (t, p) =>
            {
                p[0].Value = t.ReportSuite;
                p[1].Value = t.TransactionId;
                p[2].Value = t.VisitorId;
                p[3].Value = StoreTime.Event(t.Timestamp);
                p[4].Value = StateCodec.Encode(t.State);
                p[5].Value = StoreTime.Utc(t.RecordedAt);
                p[6].Value = t.DuplicateCount;
            },
            source,
            last);

        public int WriteVisitors(IReadOnlyList<VisitorContent> batch, string source, StoreContentKey last) => WriteBatch(
            StoreContentTable.Visitors,
            "INSERT INTO visitor (" + VisitorColumns + ") VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING;",
            batch,
            (v, p) =>
            {
                p[0].Value = v.ReportSuite;
                p[1].Value = v.VisitorId;
                p[2].Value = StoreTime.Event(v.FirstSeen);
                p[3].Value = StoreTime.Event(v.LastSeen);
            },
            source,
            last);

        public int WriteImports(IReadOnlyList<ImportLedgerEntry> batch, string source, StoreContentKey last) => WriteBatch(
            StoreContentTable.Imports,
            "INSERT INTO import (" + ImportColumns + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24) ON CONFLICT DO NOTHING;",
            batch,
            (e, p) =>
            {
                var byReason = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var pair in e.UnattributedByReason) byReason[pair.Key] = pair.Value.ToString(CultureInfo.InvariantCulture);
                p[0].Value = e.Id;
                p[1].Value = e.ReportSuite;
                p[2].Value = e.FileName;
                p[3].Value = e.Path;
                p[4].Value = e.Size;
                p[5].Value = e.Sha256;
                p[6].Value = StoreTime.Utc(e.StartedAt);
                p[7].Value = e.EndedAt.HasValue ? (object)StoreTime.Utc(e.EndedAt.Value) : DBNull.Value;
                p[8].Value = e.StatusValue.ToString();
                p[9].Value = e.Rows;
                p[10].Value = e.Imported;
                p[11].Value = e.MatchedByTransactionId;
                p[12].Value = e.MatchedByCustomerId;
                p[13].Value = e.Unattributed;
                p[14].Value = StateCodec.Encode(byReason);
                p[15].Value = e.Rejected;
                p[16].Value = e.Duplicates;
                p[17].Value = e.Warnings;
                p[18].Value = e.Revenue.ToString(CultureInfo.InvariantCulture);
                p[19].Value = e.DistinctCustomers;
                p[20].Value = (object?)e.QuarantinePath ?? DBNull.Value;
                p[21].Value = e.TransactionIdColumn;
                p[22].Value = e.SupersededBy.HasValue ? (object)e.SupersededBy.Value : DBNull.Value;
                p[23].Value = (object?)e.Message ?? DBNull.Value;
            },
            source,
            last);

        public int WriteOfflineRows(IReadOnlyList<StoredOfflineRow> batch, string source, StoreContentKey last) => WriteBatch(
            StoreContentTable.OfflineRows,
            "INSERT INTO offline_row (" + RowColumns + ") VALUES (" + string.Join(", ", Enumerable.Range(1, 36).Select(i => "$" + i.ToString(CultureInfo.InvariantCulture))) + ") ON CONFLICT DO NOTHING;",
            batch,
            (row, p) =>
            {
                var record = row.Record;
                var match = row.Match;
                p[0].Value = row.Id ?? throw new ArgumentException("A stored row to copy has no ID.", nameof(batch));
                p[1].Value = row.ImportId ?? throw new ArgumentException("A stored row to copy has no import ID.", nameof(batch));
                p[2].Value = row.ReportSuite;
                p[3].Value = StoreTime.EventNumber(record.Timestamp);
                p[4].Value = record.CustomerId;
                p[5].Value = record.EventType;
                p[6].Value = (object?)record.Category ?? DBNull.Value;
                p[7].Value = record.EventName;
                p[8].Value = record.Num1.ToString(CultureInfo.InvariantCulture);
                p[9].Value = record.Num2.ToString(CultureInfo.InvariantCulture);
                for (int column = 8; column <= OfflineDataSchema.NamedColumnCount; column++)
                {
                    p[column + 2].Value = (object?)record.GetText(column) ?? DBNull.Value;
                }

                p[25].Value = StateCodec.EncodeArray(record.TransactionAttributes);
                p[26].Value = (object?)record.Entry ?? DBNull.Value;
                p[27].Value = record.Line;
                p[28].Value = record.RowIndex;
                p[29].Value = (long)match.OutcomeValue;
                p[30].Value = (long)match.ReasonValue;
                p[31].Value = (long)match.TransactionReasonValue;
                p[32].Value = (object?)match.TransactionId ?? DBNull.Value;
                p[33].Value = (object?)match.CreditedVisitorId ?? DBNull.Value;
                p[34].Value = match.OnlineTimestamp.HasValue ? (object)StoreTime.EventNumber(match.OnlineTimestamp.Value) : DBNull.Value;
                p[35].Value = StateCodec.Encode(match.State);
            },
            source,
            last);

        public int WriteDeliveries(IReadOnlyList<DeliveryLedgerEntry> batch, string source, StoreContentKey last) => WriteBatch(
            StoreContentTable.Deliveries,
            "INSERT INTO delivery (" + DeliveryColumns + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT DO NOTHING;",
            batch,
            (e, p) =>
            {
                p[0].Value = e.Id;
                p[1].Value = e.Destination;
                p[2].Value = e.SourcePath;
                p[3].Value = e.FileName;
                p[4].Value = e.RemoteName;
                p[5].Value = (object?)e.MarkerName ?? DBNull.Value;
                p[6].Value = e.Sha256;
                p[7].Value = e.Size;
                p[8].Value = StoreTime.Utc(e.StartedAt);
                p[9].Value = e.EndedAt.HasValue ? (object)StoreTime.Utc(e.EndedAt.Value) : DBNull.Value;
                p[10].Value = (long)e.StatusValue;
                p[11].Value = e.Attempts;
                p[12].Value = (object?)e.Message ?? DBNull.Value;
                p[13].Value = e.SuppressedRows;
            },
            source,
            last);

        public int WriteConsents(IReadOnlyList<ConsentEntry> batch, string source, StoreContentKey last) => WriteBatch(
            StoreContentTable.Consents,
            // The ID as given unless the destination's own entry holds it (a merge): then SQLite gives a new one (NULL).
            "INSERT INTO consent (" + ConsentSchema.Columns + ") VALUES ((SELECT CASE WHEN EXISTS (SELECT 1 FROM consent WHERE id = $1) THEN NULL ELSE $8 END), $2, $3, $4, $5, $6, $7)"
                + " ON CONFLICT (customer_id, scope, decided_at, value) DO NOTHING;",
            batch,
            (e, p) =>
            {
                p[0].Value = e.Id;
                p[1].Value = e.CustomerId;
                p[2].Value = e.Scope;
                p[3].Value = e.Value;
                p[4].Value = StoreTime.Utc(e.Time);
                p[5].Value = e.Source;
                p[6].Value = StoreTime.Utc(e.RecordedAt);
                p[7].Value = e.Id;
            },
            source,
            last);

        public int WriteExportBatches(IReadOnlyList<ExportLedgerEntry> batch, string source, StoreContentKey last) => WriteBatch(
            StoreContentTable.ExportBatches,
            "INSERT INTO export_batch (" + ExportLedgerSchema.Columns + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING;",
            batch,
            (e, p) =>
            {
                p[0].Value = e.ExportKey;
                p[1].Value = e.Batch;
                p[2].Value = StoreTime.Event(e.From);
                p[3].Value = StoreTime.Event(e.To);
                p[4].Value = e.Rows;
                p[5].Value = ExportLedgerFiles.Join(e.Files);
                p[6].Value = e.Bytes;
                p[7].Value = e.LastTimestamp.HasValue ? (object)StoreTime.Event(e.LastTimestamp.Value) : DBNull.Value;
                p[8].Value = e.LastRowId.HasValue ? (object)e.LastRowId.Value : DBNull.Value;
                p[9].Value = StoreTime.Utc(e.WrittenAt);
                p[10].Value = e.SuppressedRows;
            },
            source,
            last);

        public void FinishCopy(string source)
        {
            Write("complete the copy marker", () =>
            {
                using var command = Connection.CreateCommand();
                command.CommandText = "UPDATE store_copy SET completed_at = $now WHERE source = $source;";
                command.Parameters.AddWithValue("$source", source);
                command.Parameters.AddWithValue("$now", StoreTime.Utc(DateTimeOffset.UtcNow));
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

        private bool MarkerTablesExist()
        {
            using var command = Connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('store_copy', 'store_copy_position');";
            return (long)command.ExecuteScalar()! == 2;
        }

        private IReadOnlyList<T> Read<T>(string sql, StoreContentKey? after, int limit, Func<SqliteDataReader, T> map, string action)
        {
            return Guard(action, () =>
            {
                using var command = Connection.CreateCommand();
                command.CommandText = sql;
                command.Parameters.AddWithValue("$limit", limit);
                if (after != null)
                {
                    if (after.ReportSuite != null) command.Parameters.AddWithValue("$suite", after.ReportSuite);
                    if (after.Text != null) command.Parameters.AddWithValue("$text", after.Text);
                    if (after.Id.HasValue) command.Parameters.AddWithValue("$id", after.Id.Value);
                }

                var result = new List<T>(Math.Min(limit, 10_000));
                using var reader = command.ExecuteReader();
                while (reader.Read()) result.Add(map(reader));
                return (IReadOnlyList<T>)result;
            });
        }

        private int WriteBatch<T>(StoreContentTable table, string sql, IReadOnlyList<T> batch, Action<T, SqliteParameter[]> bind, string source, StoreContentKey last)
        {
            int inserted = 0;
            Write("write " + batch.Count.ToString(CultureInfo.InvariantCulture) + " " + Describe(table) + " of the copy", () =>
            {
                using var command = Connection.CreateCommand();
                command.CommandText = sql;
                // The statement's only '$' are its numbered parameters. No SqliteType: each value binds as its own type
                // (a long as INTEGER, text as TEXT), exactly as the store's own writers bind them.
                int count = sql.Count(c => c == '$');
                var parameters = new SqliteParameter[count];
                for (int i = 0; i < count; i++)
                {
                    parameters[i] = command.CreateParameter();
                    parameters[i].ParameterName = "$" + (i + 1).ToString(CultureInfo.InvariantCulture);
                    command.Parameters.Add(parameters[i]);
                }
                command.Prepare();
                foreach (var item in batch)
                {
                    bind(item, parameters);
                    inserted += command.ExecuteNonQuery();
                }

                using var position = Connection.CreateCommand();
                position.CommandText = @"INSERT INTO store_copy_position (source, content, after_suite, after_text, after_id) VALUES ($source, $content, $suite, $text, $id)
ON CONFLICT (source, content) DO UPDATE SET after_suite = excluded.after_suite, after_text = excluded.after_text, after_id = excluded.after_id;";
                position.Parameters.AddWithValue("$source", source);
                position.Parameters.AddWithValue("$content", table.ToString());
                position.Parameters.AddWithValue("$suite", (object?)last.ReportSuite ?? DBNull.Value);
                position.Parameters.AddWithValue("$text", (object?)last.Text ?? DBNull.Value);
                position.Parameters.AddWithValue("$id", last.Id.HasValue ? (object)last.Id.Value : DBNull.Value);
                position.ExecuteNonQuery();
            });
            return inserted;
        }

        /// <summary>Runs <paramref name="work"/> in a write transaction of its own (waiting for the write lock like every writer).</summary>
        private void Write(string action, Action work)
        {
            store.BeginWrite();
            try
            {
                work();
                SqliteOfflineDataStore.Execute(Connection, "COMMIT;");
            }
            catch (SqliteException e)
            {
                store.Rollback();
                throw StoreFailure.From(store.Location, action, e);
            }
            catch
            {
                store.Rollback();
                throw;
            }
        }

        private T Guard<T>(string action, Func<T> work)
        {
            try
            {
                return work();
            }
            catch (SqliteException e)
            {
                throw StoreFailure.From(store.Location, action, e);
            }
        }

        private ImportLedgerEntry ReadImport(SqliteDataReader reader) => SqliteStoredRows.ReadLedgerEntry(reader, store.Location);

        private StoredOfflineRow ReadRow(SqliteDataReader reader) => SqliteStoredRows.ReadOfflineRow(reader, store.Location, null);


        private static decimal ParseDecimal(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

        /// <summary>Ends the source's read transaction.</summary>
        private sealed class Snapshot : IDisposable
        {
            private SqliteOfflineDataStore? store;

            public Snapshot(SqliteOfflineDataStore store) => this.store = store;

            public void Dispose()
            {
                store?.Rollback();
                store = null;
            }
        }
    }
}
