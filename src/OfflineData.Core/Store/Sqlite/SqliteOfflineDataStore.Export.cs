using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace OfflineData.Core.Store.Sqlite
{
    /// <summary>The SQLite store's side of <see cref="IExportStore"/>: time-ordered rows and the export ledger.</summary>
    public sealed partial class SqliteOfflineDataStore
    {
        /// <inheritdoc />
        public IEnumerable<StoredOfflineRow> GetOfflineRowsInTimeOrder(string reportSuite, DateTime from, DateTime before, long? afterRowId, int? first)
        {
            if (reportSuite == null) throw new ArgumentNullException(nameof(reportSuite));
            return Guarded(ReadRowsInTimeOrder(reportSuite, from, before, afterRowId, first), "read the offline rows");
        }

        private IEnumerable<StoredOfflineRow> ReadRowsInTimeOrder(string reportSuite, DateTime from, DateTime before, long? afterRowId, int? first)
        {
            using var command = connection.CreateCommand();
            // offline_row_time (report_suite, occurred_at) serves the range and the order.
            command.CommandText = "SELECT " + StoreColumns.OfflineRowOf("r") + @", i.path
FROM offline_row r JOIN import i ON i.id = r.import_id
WHERE r.report_suite = $suite AND r.occurred_at >= $from AND r.occurred_at < $before"
                + (afterRowId.HasValue ? " AND (r.occurred_at > $from OR r.id > $after)" : string.Empty)
                + "\nORDER BY r.occurred_at, r.id" + (first.HasValue ? " LIMIT " + first.Value.ToString(CultureInfo.InvariantCulture) : string.Empty) + ";";
            command.Parameters.AddWithValue("$suite", reportSuite);
            command.Parameters.AddWithValue("$from", StoreTime.EventNumber(from));
            command.Parameters.AddWithValue("$before", StoreTime.EventNumber(before));
            if (afterRowId.HasValue) command.Parameters.AddWithValue("$after", afterRowId.Value);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                yield return SqliteStoredRows.ReadOfflineRow(reader, Location, reader.GetString(36));
            }
        }

        /// <inheritdoc />
        public long CountOfflineRows(string reportSuite, DateTime from, DateTime before)
        {
            if (reportSuite == null) throw new ArgumentNullException(nameof(reportSuite));
            try
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT count(*) FROM offline_row WHERE report_suite = $suite AND occurred_at >= $from AND occurred_at < $before;";
                command.Parameters.AddWithValue("$suite", reportSuite);
                command.Parameters.AddWithValue("$from", StoreTime.EventNumber(from));
                command.Parameters.AddWithValue("$before", StoreTime.EventNumber(before));
                return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            }
            catch (SqliteException e)
            {
                throw StoreFailure.From(Location, "count the offline rows", e);
            }
        }

        /// <inheritdoc />
        public IReadOnlyList<ExportLedgerEntry> GetExportBatches(string exportKey)
        {
            if (exportKey == null) throw new ArgumentNullException(nameof(exportKey));
            var result = new List<ExportLedgerEntry>();
            try
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT " + ExportLedgerSchema.Columns + " FROM export_batch WHERE export_key = $key ORDER BY batch;";
                command.Parameters.AddWithValue("$key", exportKey);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    result.Add(ReadExportBatch(reader));
                }
            }
            catch (SqliteException e)
            {
                throw StoreFailure.From(Location, "read the export ledger", e);
            }

            return result;
        }

        /// <summary>Maps a row of <see cref="ExportLedgerSchema.Columns"/> (also for Copy-OfflineDataStore).</summary>
        internal static ExportLedgerEntry ReadExportBatch(SqliteDataReader reader) => new ExportLedgerEntry
        {
            ExportKey = reader.GetString(0),
            Batch = reader.GetInt32(1),
            From = StoreTime.ParseEvent(reader.GetString(2)),
            To = StoreTime.ParseEvent(reader.GetString(3)),
            Rows = reader.GetInt64(4),
            Files = ExportLedgerFiles.Split(reader.GetString(5)),
            Bytes = reader.GetInt64(6),
            LastTimestamp = reader.IsDBNull(7) ? (DateTime?)null : StoreTime.ParseEvent(reader.GetString(7)),
            LastRowId = reader.IsDBNull(8) ? (long?)null : reader.GetInt64(8),
            WrittenAt = StoreTime.ParseUtc(reader.GetString(9)),
            SuppressedRows = reader.GetInt64(10),
        };

        /// <inheritdoc />
        public void RecordExportBatch(ExportLedgerEntry entry)
        {
            if (entry == null) throw new ArgumentNullException(nameof(entry));
            EnsureWritable();
            EnsureIntact();
            BeginWrite();
            try
            {
                using (var command = connection.CreateCommand())
                {
                    command.CommandText = @"INSERT OR REPLACE INTO export_batch (export_key, batch, range_from, range_to, rows, files, bytes, last_occurred_at, last_row_id, written_at, suppressed_rows)
VALUES ($key, $batch, $from, $to, $rows, $files, $bytes, $last, $lastId, $written, $suppressed);";
                    command.Parameters.AddWithValue("$key", entry.ExportKey);
                    command.Parameters.AddWithValue("$batch", entry.Batch);
                    command.Parameters.AddWithValue("$from", StoreTime.Event(entry.From));
                    command.Parameters.AddWithValue("$to", StoreTime.Event(entry.To));
                    command.Parameters.AddWithValue("$rows", entry.Rows);
                    command.Parameters.AddWithValue("$suppressed", entry.SuppressedRows);
                    command.Parameters.AddWithValue("$files", ExportLedgerFiles.Join(entry.Files));
                    command.Parameters.AddWithValue("$bytes", entry.Bytes);
                    command.Parameters.AddWithValue("$last", entry.LastTimestamp.HasValue ? StoreTime.Event(entry.LastTimestamp.Value) : (object)DBNull.Value);
                    command.Parameters.AddWithValue("$lastId", entry.LastRowId.HasValue ? entry.LastRowId.Value : (object)DBNull.Value);
                    command.Parameters.AddWithValue("$written", StoreTime.Utc(entry.WrittenAt == default ? DateTimeOffset.UtcNow : entry.WrittenAt));
                    command.ExecuteNonQuery();
                }

                Execute(connection, "COMMIT;");
            }
            catch (SqliteException e)
            {
                Rollback();
                throw StoreFailure.From(Location, $"record batch {entry.Batch} in the export ledger", e);
            }
            catch
            {
                Rollback();
                throw;
            }
        }

        /// <inheritdoc />
        public int ForgetExport(string exportKey)
        {
            if (exportKey == null) throw new ArgumentNullException(nameof(exportKey));
            EnsureWritable();
            EnsureIntact();
            BeginWrite();
            try
            {
                int n;
                using (var command = connection.CreateCommand())
                {
                    command.CommandText = "DELETE FROM export_batch WHERE export_key = $key;";
                    command.Parameters.AddWithValue("$key", exportKey);
                    n = command.ExecuteNonQuery();
                }

                Execute(connection, "COMMIT;");
                return n;
            }
            catch (SqliteException e)
            {
                Rollback();
                throw StoreFailure.From(Location, "clear the export ledger", e);
            }
            catch
            {
                Rollback();
                throw;
            }
        }
    }
}
