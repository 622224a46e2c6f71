using System;
using System.Collections.Generic;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace OfflineData.Core.Store.Postgres
{
    /// <summary>The PostgreSQL store's side of <see cref="IExportStore"/>: time-ordered rows and the export ledger.</summary>
    public sealed partial class PostgresOfflineDataStore
    {
        /// <inheritdoc />
        public IEnumerable<StoredOfflineRow> GetOfflineRowsInTimeOrder(string reportSuite, DateTime from, DateTime before, long? afterRowId, int? first)
        {
            if (reportSuite == null) throw new ArgumentNullException(nameof(reportSuite));
            if (!Exists) return Array.Empty<StoredOfflineRow>();
            return Guarded(ReadRowsInTimeOrder(reportSuite, from, before, afterRowId, first), "read the offline rows");
        }

        private IEnumerable<StoredOfflineRow> ReadRowsInTimeOrder(string reportSuite, DateTime from, DateTime before, long? afterRowId, int? first)
        {
            using var command = connection.CreateCommand();
            // offline_row_time (report_suite, occurred_at) serves the range and the order; the reader streams.
            command.CommandText = "SELECT " + StoreColumns.OfflineRowOf("r") + @", i.path
FROM offlinedata.offline_row r JOIN offlinedata.import i ON i.id = r.import_id
WHERE r.report_suite = @suite AND r.occurred_at >= @from AND r.occurred_at < @before"
                + (afterRowId.HasValue ? " AND (r.occurred_at > @from OR r.id > @after)" : string.Empty)
                + "\nORDER BY r.occurred_at, r.id" + (first.HasValue ? " LIMIT " + first.Value.ToString(CultureInfo.InvariantCulture) : string.Empty) + ";";
            AddRange(command, reportSuite, from, before);
            if (afterRowId.HasValue) command.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Bigint) { Value = afterRowId.Value });
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                yield return PostgresStoredRows.ReadOfflineRow(reader, Location, reader.GetString(36));
            }
        }

        /// <inheritdoc />
        public long CountOfflineRows(string reportSuite, DateTime from, DateTime before)
        {
            if (reportSuite == null) throw new ArgumentNullException(nameof(reportSuite));
            if (!Exists) return 0;
            return Guard("count the offline rows", () =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT count(*) FROM offlinedata.offline_row r WHERE r.report_suite = @suite AND r.occurred_at >= @from AND r.occurred_at < @before;";
                AddRange(command, reportSuite, from, before);
                return (long)command.ExecuteScalar()!;
            });
        }

        /// <inheritdoc />
        public IReadOnlyList<ExportLedgerEntry> GetExportBatches(string exportKey)
        {
            if (exportKey == null) throw new ArgumentNullException(nameof(exportKey));
            if (!Exists) return Array.Empty<ExportLedgerEntry>();
            return Guard("read the export ledger", () =>
            {
                var result = new List<ExportLedgerEntry>();
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT " + ExportLedgerSchema.Columns + " FROM offlinedata.export_batch WHERE export_key = @key ORDER BY batch;";
                command.Parameters.Add(new NpgsqlParameter("key", NpgsqlDbType.Text) { Value = exportKey });
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    result.Add(ReadExportBatch(reader));
                }

                return (IReadOnlyList<ExportLedgerEntry>)result;
            });
        }

        /// <summary>Maps a row of <see cref="ExportLedgerSchema.Columns"/> (also for Copy-OfflineDataStore).</summary>
        internal static ExportLedgerEntry ReadExportBatch(NpgsqlDataReader reader) => new ExportLedgerEntry
        {
            ExportKey = reader.GetString(0),
            Batch = reader.GetInt32(1),
            From = reader.GetDateTime(2),
            To = reader.GetDateTime(3),
            Rows = reader.GetInt64(4),
            Files = ExportLedgerFiles.Split(reader.GetString(5)),
            Bytes = reader.GetInt64(6),
            LastTimestamp = reader.IsDBNull(7) ? (DateTime?)null : reader.GetDateTime(7),
            LastRowId = reader.IsDBNull(8) ? (long?)null : reader.GetInt64(8),
            WrittenAt = new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(9), DateTimeKind.Utc)),
            SuppressedRows = reader.GetInt64(10),
        };

        /// <inheritdoc />
        public void RecordExportBatch(ExportLedgerEntry entry)
        {
            if (entry == null) throw new ArgumentNullException(nameof(entry));
            EnsureWritable();
            Guard($"record batch {entry.Batch} in the export ledger", () =>
            {
                // One statement, so its own transaction.
                using var command = connection.CreateCommand();
                command.CommandText = @"INSERT INTO offlinedata.export_batch (export_key, batch, range_from, range_to, rows, files, bytes, last_occurred_at, last_row_id, written_at, suppressed_rows)
VALUES (@key, @batch, @from, @to, @rows, @files, @bytes, @last, @lastId, @written, @suppressed)
ON CONFLICT (export_key, batch) DO UPDATE SET range_from = EXCLUDED.range_from, range_to = EXCLUDED.range_to, rows = EXCLUDED.rows,
    files = EXCLUDED.files, bytes = EXCLUDED.bytes, last_occurred_at = EXCLUDED.last_occurred_at, last_row_id = EXCLUDED.last_row_id, written_at = EXCLUDED.written_at,
    suppressed_rows = EXCLUDED.suppressed_rows;";
                command.Parameters.Add(new NpgsqlParameter("key", NpgsqlDbType.Text) { Value = entry.ExportKey });
                command.Parameters.Add(new NpgsqlParameter("batch", NpgsqlDbType.Integer) { Value = entry.Batch });
                command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Timestamp) { Value = Event(entry.From) });
                command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.Timestamp) { Value = Event(entry.To) });
                command.Parameters.Add(new NpgsqlParameter("rows", NpgsqlDbType.Bigint) { Value = entry.Rows });
                command.Parameters.Add(new NpgsqlParameter("suppressed", NpgsqlDbType.Bigint) { Value = entry.SuppressedRows });
                command.Parameters.Add(new NpgsqlParameter("files", NpgsqlDbType.Text) { Value = ExportLedgerFiles.Join(entry.Files) });
                command.Parameters.Add(new NpgsqlParameter("bytes", NpgsqlDbType.Bigint) { Value = entry.Bytes });
                command.Parameters.Add(new NpgsqlParameter("last", NpgsqlDbType.Timestamp) { Value = entry.LastTimestamp.HasValue ? Event(entry.LastTimestamp.Value) : (object)DBNull.Value });
                command.Parameters.Add(new NpgsqlParameter("lastId", NpgsqlDbType.Bigint) { Value = entry.LastRowId.HasValue ? entry.LastRowId.Value : (object)DBNull.Value });
                command.Parameters.Add(new NpgsqlParameter("written", NpgsqlDbType.TimestampTz) { Value = Utc(entry.WrittenAt == default ? DateTimeOffset.UtcNow : entry.WrittenAt) });
                return command.ExecuteNonQuery();
            });
        }

        /// <inheritdoc />
        public int ForgetExport(string exportKey)
        {
            if (exportKey == null) throw new ArgumentNullException(nameof(exportKey));
            EnsureWritable();
            return Guard("clear the export ledger", () =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "DELETE FROM offlinedata.export_batch WHERE export_key = @key;";
                command.Parameters.Add(new NpgsqlParameter("key", NpgsqlDbType.Text) { Value = exportKey });
                return command.ExecuteNonQuery();
            });
        }

        private static void AddRange(NpgsqlCommand command, string reportSuite, DateTime from, DateTime before)
        {
            command.Parameters.Add(new NpgsqlParameter("suite", NpgsqlDbType.Text) { Value = reportSuite });
            command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Timestamp) { Value = Event(from) });
            command.Parameters.Add(new NpgsqlParameter("before", NpgsqlDbType.Timestamp) { Value = Event(before) });
        }
    }
}
