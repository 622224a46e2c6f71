using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using Microsoft.Data.Sqlite;
using OfflineData.Core.Format;
using OfflineData.Core.Matching;

namespace OfflineData.Core.Store.Sqlite
{
    /// <summary>
    /// The embedded store: one SQLite file (WAL journal, full sync), schema versioned with ordered migrations.
    /// Readers never block the writer; writers queue on the file's write lock, so two imports at once both
    /// succeed, one after the other, and a writer that waits longer than <see cref="LockTimeout"/> gets a
    /// <see cref="StoreException"/> that says so (never a bare "database is locked").
    /// </summary>
    public sealed partial class SqliteOfflineDataStore : IOfflineDataStore, IDeliveryDestinations
    {
        private const int SqliteBusy = 5;
        private const int SqliteLocked = 6;

        private readonly SqliteConnection connection;
        private bool intact;

        private SqliteOfflineDataStore(string location, SqliteConnection connection, bool exists)
        {
            Location = location;
            this.connection = connection;
            Exists = exists;
        }

        /// <summary>
        /// Opens the store at <paramref name="path"/> (null: <see cref="StoreLocation.Resolve"/>). With
        /// <paramref name="create"/> a missing store is created (folders too); without it a missing store is opened
        /// as an empty in-memory one, so reading and dry runs never create a file.
        /// </summary>
        /// <exception cref="StoreException">The file is not a store, is from a newer release, or cannot be opened.</exception>
        public static SqliteOfflineDataStore Open(string? path, bool create)
        {
            NativeSqliteLoader.EnsureLoaded();
            var location = StoreLocation.Resolve(path);
            if (Directory.Exists(location))
            {
                // Without this a reader would open an empty in-memory store and find nothing, as if all were well.
                throw new StoreException($"Cannot open the store '{location}': it is a folder, not a store file. Give the store file's path, e.g. '{Path.Combine(location, StoreLocation.FileName)}'.", StoreFailureKind.Unavailable);
            }

            // An empty file is no store yet: opened for reading (or -WhatIf) it was given the whole schema, a write by a
            // cmdlet that promises to write nothing (e.g. -Store pointing at an empty file by mistake).
            bool exists = File.Exists(location) && (create || new FileInfo(location).Length > 0);
            var builder = new SqliteConnectionStringBuilder
            {
                // No pooling: a closed store must release its file (tests delete it, users move it).
                Pooling = false,
                DefaultTimeout = 30,
            };
            if (exists || create)
            {
                if (!exists)
                {
                    var directory = Path.GetDirectoryName(location);
                    try
                    {
                        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
                    }
                    catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                    {
                        // The runtime's own message names a file ("Could not find file '/proc/nope'"), not the folder.
                        throw new StoreException($"Cannot open the store '{location}': its folder '{directory}' does not exist and cannot be created ({e.Message}).", StoreFailureKind.Unavailable, e);
                    }
                }

                builder.DataSource = location;
                builder.Mode = SqliteOpenMode.ReadWriteCreate;
            }
            else
            {
                builder.DataSource = ":memory:";
                builder.Mode = SqliteOpenMode.Memory;
            }

            var connection = new SqliteConnection(builder.ToString());
            try
            {
                connection.Open();
                Execute(connection, "PRAGMA busy_timeout = 1000; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;");
                if (exists || create)
                {
                    // WAL: readers do not block the writer and a killed writer leaves the last committed state.
                    Execute(connection, "PRAGMA journal_mode = WAL;");
                }

                StoreSchema.Migrate(connection, location);
                return new SqliteOfflineDataStore(location, connection, exists || create);
            }
            catch (SqliteException e)
            {
                connection.Dispose();
                throw new StoreException($"Cannot open the store '{location}': {StoreFailure.Cause(e)}.", OpenKind(e), e);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        // A store that fails while it is opened cannot be used: what is not busy, damaged or too new is unavailable.
        private static StoreFailureKind OpenKind(SqliteException e)
        {
            var kind = StoreFailure.Kind(e);
            return kind == StoreFailureKind.Other ? StoreFailureKind.Unavailable : kind;
        }

        /// <inheritdoc />
        public string Location { get; }

        /// <inheritdoc />
        /// <remarks>The full path of the file: a path holds no secret.</remarks>
        public string DisplayName => Location;

        /// <inheritdoc />
        public bool Exists { get; }

        /// <summary>How long a writer waits for another process's write to finish before giving up (default one hour).</summary>
        public TimeSpan LockTimeout { get; set; } = TimeSpan.FromHours(1);

        /// <summary>Called once when a writer has to wait for another process (for a verbose or progress message).</summary>
        public Action<string>? WaitingForLock { get; set; }

        internal SqliteConnection Connection => connection;

        /// <inheritdoc />
        public RecordingSettings? GetRecording(string reportSuite)
        {
            ReportSuiteId.Validate(reportSuite, nameof(reportSuite));
            try
            {
                foreach (var settings in ReadRecordings(reportSuite)) return settings;
                return null;
            }
            catch (SqliteException e)
            {
                throw StoreFailure.From(Location, $"read the recording settings of '{reportSuite}'", e);
            }
        }

        /// <inheritdoc />
        public IReadOnlyList<RecordingSettings> GetRecordings()
        {
            try
            {
                return ReadRecordings(null);
            }
            catch (SqliteException e)
            {
                throw StoreFailure.From(Location, "read the recording settings", e);
            }
        }

        /// <inheritdoc />
        public IReadOnlyList<string> GetReportSuiteIds()
        {
            using var command = connection.CreateCommand();
            // The import index starts with report_suite, so the DISTINCT is an index scan, not a table scan.
            command.CommandText = "SELECT id FROM report_suite UNION SELECT DISTINCT report_suite FROM import ORDER BY 1;";
            var result = new List<string>();
            using var reader = command.ExecuteReader();
            while (reader.Read()) result.Add(reader.GetString(0));
            return result;
        }

        /// <inheritdoc />
        public RecordingSettings SetRecording(string reportSuite, bool? enabled, int? expirationDays)
        {
            ReportSuiteId.Validate(reportSuite, nameof(reportSuite));
            if (expirationDays.HasValue && (expirationDays.Value < RecordingSettings.MinExpirationDays || expirationDays.Value > RecordingSettings.MaxExpirationDays))
            {
                throw new ArgumentOutOfRangeException(nameof(expirationDays), expirationDays.Value, $"The expiration window must be {RecordingSettings.MinExpirationDays} to {RecordingSettings.MaxExpirationDays} days.");
            }

            EnsureIntact();
            BeginWrite();
            try
            {
                var now = StoreTime.Utc(DateTime.UtcNow);
                using (var command = connection.CreateCommand())
                {
                    // Insert a new suite (off, 90 days) or keep the old values where nothing new is given;
                    // "since" is set only when recording goes from off to on.
                    command.CommandText = @"
INSERT INTO report_suite (id, recording_enabled, expiration_days, enabled_since, updated_at)
VALUES ($id, coalesce($enabled, 0), coalesce($days, $defaultDays), CASE WHEN coalesce($enabled, 0) = 1 THEN $now END, $now)
ON CONFLICT (id) DO UPDATE SET
    recording_enabled = coalesce($enabled, recording_enabled),
    expiration_days = coalesce($days, expiration_days),
    enabled_since = CASE
        WHEN coalesce($enabled, recording_enabled) = 0 THEN NULL
        WHEN recording_enabled = 0 THEN $now
        ELSE enabled_since END,
    updated_at = $now;";
                    command.Parameters.AddWithValue("$id", reportSuite);
                    command.Parameters.AddWithValue("$enabled", enabled.HasValue ? (object)(enabled.Value ? 1 : 0) : DBNull.Value);
                    command.Parameters.AddWithValue("$days", expirationDays.HasValue ? (object)expirationDays.Value : DBNull.Value);
                    command.Parameters.AddWithValue("$defaultDays", RecordingSettings.DefaultExpirationDays);
                    command.Parameters.AddWithValue("$now", now);
                    command.ExecuteNonQuery();
                }

                Execute(connection, "COMMIT;");
            }
            catch (SqliteException e)
            {
                Rollback();
                throw StoreFailure.From(Location, $"save the recording settings of '{reportSuite}'", e);
            }
            catch
            {
                Rollback();
                throw;
            }

            return GetRecording(reportSuite)!;
        }

        /// <inheritdoc />
        public OnlineTransaction? GetTransaction(string reportSuite, string transactionId)
        {
            try
            {
                return ReadTransaction(reportSuite, transactionId);
            }
            catch (SqliteException e)
            {
                throw StoreFailure.From(Location, $"read transaction '{transactionId}'", e);
            }
        }

        private OnlineTransaction? ReadTransaction(string reportSuite, string transactionId)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT visitor_id, occurred_at, state, recorded_at, duplicate_count FROM online_transaction WHERE report_suite = $suite AND transaction_id = $id;";
            command.Parameters.AddWithValue("$suite", reportSuite);
            command.Parameters.AddWithValue("$id", transactionId);
            using var reader = command.ExecuteReader();
            if (!reader.Read()) return null;
            return new OnlineTransaction(reportSuite, transactionId, reader.GetString(0), StoreTime.ParseEvent(reader.GetString(1)),
                StateCodec.Decode(reader.GetString(2)), StoreTime.ParseUtc(reader.GetString(3)), reader.GetInt64(4));
        }

        /// <inheritdoc />
        public IOnlineRecordingSession BeginOnlineRecording(string reportSuite)
        {
            ReportSuiteId.Validate(reportSuite, nameof(reportSuite));
            EnsureWritable();
            EnsureIntact();
            BeginWrite();
            try
            {
                return new SqliteOnlineRecordingSession(this, reportSuite, GetRecording(reportSuite));
            }
            catch (SqliteException e)
            {
                Rollback();
                throw StoreFailure.From(Location, $"begin recording into '{reportSuite}'", e);
            }
            catch
            {
                Rollback();
                throw;
            }
        }

        /// <inheritdoc />
        public IImportSession BeginImport(ImportLedgerEntry entry, bool dryRun)
        {
            if (entry == null) throw new ArgumentNullException(nameof(entry));
            ReportSuiteId.Validate(entry.ReportSuite, nameof(entry));
            if (dryRun)
            {
                try
                {
                    return new SqliteImportSession(this, entry, GetRecording(entry.ReportSuite), FindCompletedImport(entry.ReportSuite, entry.Sha256), dryRun: true);
                }
                catch (SqliteException e)
                {
                    throw StoreFailure.From(Location, $"begin a dry run of '{entry.Path}'", e);
                }
            }

            EnsureWritable();
            EnsureIntact();
            // The import's rows reference the ledger row its session inserts first in the same transaction, so the
            // foreign-key check SQLite makes for every inserted row (a search in `import`, 2-3% of the import's processor
            // time: docs/performance.md, round 4) can never fail there. Off for the import's transaction only (SQLite
            // ignores the pragma inside a transaction, so before it); on again at its commit or rollback.
            Execute(connection, "PRAGMA foreign_keys = OFF;");
            try
            {
                BeginWrite();
            }
            catch
            {
                EnforceForeignKeys();
                throw;
            }

            try
            {
                // Read settings and the ledger only now, under the write lock: what another import committed
                // while we waited is seen.
                return new SqliteImportSession(this, entry, GetRecording(entry.ReportSuite), FindCompletedImport(entry.ReportSuite, entry.Sha256), dryRun: false);
            }
            catch (SqliteException e)
            {
                Rollback();
                throw StoreFailure.From(Location, $"begin importing '{entry.Path}'", e);
            }
            catch
            {
                Rollback();
                throw;
            }
        }

        /// <inheritdoc />
        public ImportLedgerEntry? FindCompletedImport(string reportSuite, string sha256)
        {
            foreach (var entry in GetImports(new ImportLedgerQuery { ReportSuite = reportSuite, Sha256 = sha256, Status = ImportStatus.Completed }))
            {
                // An import that stored no row (recorded as Completed by releases before 0-row files failed) is no
                // reason to skip the content: it would block the file for ever.
                if (entry.Imported > 0) return entry;
            }

            return null;
        }

        /// <inheritdoc />
        public ImportLedgerEntry RecordFailedImport(ImportLedgerEntry entry)
        {
            if (entry == null) throw new ArgumentNullException(nameof(entry));
            EnsureWritable();
            EnsureIntact();
            BeginWrite();
            try
            {
                var stored = ReadLedgerEntry(InsertLedger(entry, ImportStatus.Failed));
                Execute(connection, "COMMIT;");
                return stored;
            }
            catch (SqliteException e)
            {
                Rollback();
                throw StoreFailure.From(Location, "record the failed import in the ledger", e);
            }
            catch
            {
                Rollback();
                throw;
            }
        }

        /// <inheritdoc />
        public IEnumerable<ImportLedgerEntry> GetImports(ImportLedgerQuery query)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            return Guarded(ReadImports(query), "read the import ledger");
        }

        private IEnumerable<ImportLedgerEntry> ReadImports(ImportLedgerQuery query)
        {
            using var command = connection.CreateCommand();
            var where = new StringBuilder("WHERE 1 = 1");
            AddMatch(command, where, "report_suite", query.ReportSuite);
            AddMatch(command, where, "file_name", query.FileName);
            if (query.Sha256 != null) AddEquals(command, where, "sha256", query.Sha256.ToLowerInvariant());
            if (query.Status.HasValue) AddEquals(command, where, "status", query.Status.Value.ToString());
            if (query.Id.HasValue) AddEquals(command, where, "id", query.Id.Value);
            if (query.After.HasValue) AddCompare(command, where, "started_at", ">=", StoreTime.Utc(query.After.Value));
            if (query.Before.HasValue) AddCompare(command, where, "started_at", "<=", StoreTime.Utc(query.Before.Value));
            command.CommandText = "SELECT " + StoreColumns.Ledger + "\nFROM import " + where + " ORDER BY started_at DESC, id DESC" + Limit(query.First) + ";";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                yield return SqliteStoredRows.ReadLedgerEntry(reader, Location);
            }
        }

        /// <inheritdoc />
        public IEnumerable<StoredOfflineRow> GetOfflineRows(OfflineRowQuery query)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            return Guarded(ReadOfflineRows(query), "read the offline rows");
        }

        /// <summary>
        /// The WHERE clause (with its parameters added to <paramref name="command"/>) that selects the offline rows
        /// <paramref name="query"/> asks for (alias <c>r</c>): shared by reading rows and by summarising them, so both
        /// always select the same rows.
        /// </summary>
        private static StringBuilder OfflineRowFilter(SqliteCommand command, OfflineRowQuery query)
        {
            var where = new StringBuilder("WHERE 1 = 1");
            AddMatch(command, where, "r.report_suite", query.ReportSuite);
            AddMatch(command, where, "r.customer_id", query.CustomerId);
            AddMatch(command, where, "r.transaction_id", query.TransactionId);
            // Offline rows store times as yyyyMMddHHmmss numbers and outcomes and reasons as the enums' numbers (schema 3).
            if (query.From.HasValue) AddCompare(command, where, "r.occurred_at", ">=", StoreTime.EventNumber(query.From.Value));
            if (query.To.HasValue) AddCompare(command, where, "r.occurred_at", "<=", StoreTime.EventNumber(query.To.Value));
            if (query.Outcome.HasValue) AddEquals(command, where, "r.outcome", (long)query.Outcome.Value);
            // NoTransactionId is only ever a transaction reason (the row's Reason is then CustomerMatched or CustomerUnknown),
            // so comparing it with reason matched nothing: it asks for the rows that carried no transaction ID.
            if (query.Reason.HasValue) AddEquals(command, where, query.Reason == MatchReason.NoTransactionId ? "r.transaction_reason" : "r.reason", (long)query.Reason.Value);
            if (query.ImportId.HasValue) AddEquals(command, where, "r.import_id", query.ImportId.Value);
            if (query.RowId.HasValue) AddEquals(command, where, "r.id", query.RowId.Value);
            return where;
        }

        private IEnumerable<StoredOfflineRow> ReadOfflineRows(OfflineRowQuery query)
        {
            using var command = connection.CreateCommand();
            var where = OfflineRowFilter(command, query);
            command.CommandText = "SELECT " + StoreColumns.OfflineRowOf("r") + ", i.path\nFROM offline_row r JOIN import i ON i.id = r.import_id " + where + " ORDER BY r.occurred_at DESC, r.id DESC" + Limit(query.First) + ";";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                yield return SqliteStoredRows.ReadOfflineRow(reader, Location, reader.GetString(36));
            }
        }

        /// <inheritdoc />
        public DeliveryLedgerEntry RecordDeliveryStart(DeliveryLedgerEntry entry)
        {
            DeliveryLedgerChecks.CheckStart(entry);
            EnsureWritable();
            EnsureIntact();
            BeginWrite();
            try
            {
                long id;
                using (var command = connection.CreateCommand())
                {
                    command.CommandText = @"INSERT INTO delivery (destination, source_path, file_name, remote_name, marker_name, sha256, size, started_at, ended_at, status, attempts, message, suppressed_rows)
VALUES ($destination, $source, $name, $remote, $marker, $sha, $size, $started, NULL, $status, $attempts, $message, $suppressed) RETURNING id;";
                    command.Parameters.AddWithValue("$destination", entry.Destination);
                    command.Parameters.AddWithValue("$source", entry.SourcePath);
                    command.Parameters.AddWithValue("$name", entry.FileName);
                    command.Parameters.AddWithValue("$remote", entry.RemoteName);
                    command.Parameters.AddWithValue("$marker", DeliveryLedgerChecks.Optional(entry.MarkerName));
                    command.Parameters.AddWithValue("$sha", DeliveryLedgerChecks.Sha256(entry.Sha256));
                    command.Parameters.AddWithValue("$size", entry.Size);
                    command.Parameters.AddWithValue("$started", StoreTime.Utc(entry.StartedAt));
                    command.Parameters.AddWithValue("$status", (long)DeliveryStatus.Started);
                    command.Parameters.AddWithValue("$attempts", entry.Attempts);
                    command.Parameters.AddWithValue("$message", DeliveryLedgerChecks.Optional(entry.Message));
                    command.Parameters.AddWithValue("$suppressed", entry.SuppressedRows);
                    id = (long)command.ExecuteScalar()!;
                }

                var stored = ReadDelivery(id);
                Execute(connection, "COMMIT;");
                return stored;
            }
            catch (SqliteException e)
            {
                Rollback();
                throw StoreFailure.From(Location, $"record the start of the delivery of '{entry.FileName}' in the delivery ledger", e);
            }
            catch
            {
                Rollback();
                throw;
            }
        }

        /// <inheritdoc />
        public DeliveryLedgerEntry RecordDeliveryEnd(DeliveryLedgerEntry entry)
        {
            DeliveryLedgerChecks.CheckEnd(entry);
            EnsureWritable();
            EnsureIntact();
            BeginWrite();
            try
            {
                using (var command = connection.CreateCommand())
                {
                    // Only a Started entry ends: an end never rewrites how an earlier delivery ended.
                    command.CommandText = @"UPDATE delivery SET status = $status, ended_at = $ended, remote_name = $remote, marker_name = $marker,
    size = $size, attempts = $attempts, message = $message
WHERE id = $id AND status = $started;";
                    command.Parameters.AddWithValue("$id", entry.Id);
                    command.Parameters.AddWithValue("$status", (long)entry.StatusValue);
                    command.Parameters.AddWithValue("$ended", StoreTime.Utc(entry.EndedAt ?? DateTimeOffset.UtcNow));
                    command.Parameters.AddWithValue("$remote", entry.RemoteName);
                    command.Parameters.AddWithValue("$marker", DeliveryLedgerChecks.Optional(entry.MarkerName));
                    command.Parameters.AddWithValue("$size", entry.Size);
                    command.Parameters.AddWithValue("$attempts", entry.Attempts);
                    command.Parameters.AddWithValue("$message", DeliveryLedgerChecks.Optional(entry.Message));
                    command.Parameters.AddWithValue("$started", (long)DeliveryStatus.Started);
                    if (command.ExecuteNonQuery() == 0) throw DeliveryLedgerChecks.NotStarted(Location, entry.Id);
                }

                var stored = ReadDelivery(entry.Id);
                Execute(connection, "COMMIT;");
                return stored;
            }
            catch (SqliteException e)
            {
                Rollback();
                throw StoreFailure.From(Location, $"record the end of delivery {entry.Id} in the delivery ledger", e);
            }
            catch
            {
                Rollback();
                throw;
            }
        }

        /// <inheritdoc />
        public DeliveryLedgerEntry? FindDelivery(string destination, string sha256)
        {
            if (destination == null) throw new ArgumentNullException(nameof(destination));
            if (sha256 == null) throw new ArgumentNullException(nameof(sha256));
            try
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT " + StoreColumns.Delivery + @"
FROM delivery WHERE destination = $destination AND sha256 = $sha AND status IN ($started, $sent)
ORDER BY started_at DESC, id DESC LIMIT 1;";
                command.Parameters.AddWithValue("$destination", destination);
                command.Parameters.AddWithValue("$sha", DeliveryLedgerChecks.Sha256(sha256));
                command.Parameters.AddWithValue("$started", (long)DeliveryStatus.Started);
                command.Parameters.AddWithValue("$sent", (long)DeliveryStatus.Sent);
                using var reader = command.ExecuteReader();
                return reader.Read() ? SqliteStoredRows.ReadDeliveryEntry(reader, Location) : null;
            }
            catch (SqliteException e)
            {
                throw StoreFailure.From(Location, "read the delivery ledger", e);
            }
        }

        /// <inheritdoc />
        /// <remarks>An OS lock on a file in the folder <c>&lt;store&gt;.deliveries</c> beside the store (see <see cref="SqliteDeliveryLease"/>).</remarks>
        public IDisposable? TryAcquireDelivery(string destination, string sha256)
        {
            if (destination == null) throw new ArgumentNullException(nameof(destination));
            if (sha256 == null) throw new ArgumentNullException(nameof(sha256));
            EnsureWritable();
            return SqliteDeliveryLease.TryAcquire(Location, destination, sha256);
        }

        /// <inheritdoc />
        public IEnumerable<DeliveryLedgerEntry> GetDeliveries(DeliveryLedgerQuery query)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            return Guarded(ReadDeliveries(query), "read the delivery ledger");
        }

        private IEnumerable<DeliveryLedgerEntry> ReadDeliveries(DeliveryLedgerQuery query)
        {
            using var command = connection.CreateCommand();
            var where = new StringBuilder("WHERE 1 = 1");
            AddMatch(command, where, "destination", query.Destination);
            AddMatch(command, where, "file_name", query.FileName);
            AddMatch(command, where, "remote_name", query.RemoteName);
            if (query.Sha256 != null) AddEquals(command, where, "sha256", DeliveryLedgerChecks.Sha256(query.Sha256));
            if (query.Status.HasValue) AddEquals(command, where, "status", (long)query.Status.Value);
            if (query.Id.HasValue) AddEquals(command, where, "id", query.Id.Value);
            if (query.After.HasValue) AddCompare(command, where, "started_at", ">=", StoreTime.Utc(query.After.Value));
            if (query.Before.HasValue) AddCompare(command, where, "started_at", "<=", StoreTime.Utc(query.Before.Value));
            command.CommandText = "SELECT " + StoreColumns.Delivery + "\nFROM delivery " + where + " ORDER BY started_at DESC, id DESC" + Limit(query.First) + ";";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                yield return SqliteStoredRows.ReadDeliveryEntry(reader, Location);
            }
        }

        /// <inheritdoc />
        IReadOnlyList<string> IDeliveryDestinations.GetDeliveryDestinations()
        {
            try
            {
                using var command = connection.CreateCommand();
                // delivery_content starts with destination: the DISTINCT walks the index.
                command.CommandText = "SELECT DISTINCT destination FROM delivery ORDER BY destination;";
                var result = new List<string>();
                using var reader = command.ExecuteReader();
                while (reader.Read()) result.Add(reader.GetString(0));
                return result;
            }
            catch (SqliteException e)
            {
                throw StoreFailure.From(Location, "list the destinations of the delivery ledger", e);
            }
        }

        private DeliveryLedgerEntry ReadDelivery(long id)
        {
            foreach (var entry in ReadDeliveries(new DeliveryLedgerQuery { Id = id })) return entry;
            throw new InvalidOperationException($"Delivery ledger entry {id} was written but cannot be read back.");
        }

        /// <inheritdoc />
        public void Dispose() => connection.Dispose();

        /// <summary>
        /// Takes the write lock (BEGIN IMMEDIATE). While another process holds it, waits in steps of the busy
        /// timeout, tells <see cref="WaitingForLock"/> once, and gives up after <see cref="LockTimeout"/> with a
        /// message that says what happened.
        /// </summary>
        internal void BeginWrite()
        {
            var waited = Stopwatch.StartNew();
            bool told = false;
            while (true)
            {
                try
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = "BEGIN IMMEDIATE;";
                    command.CommandTimeout = 1;
                    command.ExecuteNonQuery();
                    return;
                }
                catch (SqliteException e) when (e.SqliteErrorCode == SqliteBusy || e.SqliteErrorCode == SqliteLocked)
                {
                    // Told before the limit is checked: a lock wait shorter than one busy-timeout step has waited too.
                    if (!told)
                    {
                        told = true;
                        WaitingForLock?.Invoke($"The store '{Location}' is being written by another process (another import?); waiting for it to finish.");
                    }

                    if (waited.Elapsed >= LockTimeout)
                    {
                        throw new StoreException($"The store '{Location}' is busy: another process has been writing to it for more than {LockTimeout.TotalMinutes:0.#} minutes (waited since {DateTime.Now.Subtract(waited.Elapsed):HH:mm:ss}). Nothing was written; run again when the other import has finished.", StoreFailureKind.Busy, e);
                    }
                }
                catch (SqliteException e)
                {
                    throw StoreFailure.From(Location, "begin writing", e);
                }
            }
        }

        internal void Rollback()
        {
            try
            {
                Execute(connection, "ROLLBACK;");
            }
            catch (SqliteException)
            {
                // No transaction open (SQLite rolled back on its own after an I/O error): nothing to undo.
            }

            EnforceForeignKeys();
        }

        /// <summary>Checks foreign keys again on this connection, after an import's transaction turned them off.</summary>
        internal void EnforceForeignKeys()
        {
            try
            {
                Execute(connection, "PRAGMA foreign_keys = ON;");
            }
            catch (SqliteException)
            {
                // A connection that cannot run a pragma runs nothing else either: the next statement reports why.
            }
        }

        /// <summary>One ledger entry as stored (read on the store's connection, so inside its open transaction).</summary>
        internal ImportLedgerEntry ReadLedgerEntry(long id)
        {
            foreach (var entry in ReadImports(new ImportLedgerQuery { Id = id })) return entry;
            throw new InvalidOperationException($"Ledger entry {id} was written but cannot be read back.");
        }

        /// <summary>Inserts a ledger row for <paramref name="entry"/> with <paramref name="status"/>; the entry is not modified.</summary>
        internal long InsertLedger(ImportLedgerEntry entry, ImportStatus status)
        {
            using var command = connection.CreateCommand();
            command.CommandText = @"INSERT INTO import (report_suite, file_name, path, size, sha256, started_at, ended_at, status, transaction_id_column, message, rows, rejected)
VALUES ($suite, $name, $path, $size, $sha, $started, $ended, $status, $column, $message, $rows, $rejected) RETURNING id;";
            command.Parameters.AddWithValue("$rows", entry.Rows);
            command.Parameters.AddWithValue("$rejected", entry.Rejected);
            command.Parameters.AddWithValue("$suite", entry.ReportSuite);
            command.Parameters.AddWithValue("$name", entry.FileName);
            command.Parameters.AddWithValue("$path", entry.Path);
            command.Parameters.AddWithValue("$size", entry.Size);
            command.Parameters.AddWithValue("$sha", entry.Sha256);
            command.Parameters.AddWithValue("$started", StoreTime.Utc(entry.StartedAt));
            command.Parameters.AddWithValue("$ended", entry.EndedAt.HasValue ? (object)StoreTime.Utc(entry.EndedAt.Value) : DBNull.Value);
            command.Parameters.AddWithValue("$status", status.ToString());
            command.Parameters.AddWithValue("$column", entry.TransactionIdColumn);
            command.Parameters.AddWithValue("$message", (object?)entry.Message ?? DBNull.Value);
            return (long)command.ExecuteScalar()!;
        }

        internal static void Execute(SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        private void EnsureWritable()
        {
            if (!Exists)
            {
                throw new InvalidOperationException("The store was opened without creating it and does not exist; open it with create: true to write.");
            }
        }

        /// <summary>
        /// Refuses to write to a damaged store: writing to it can spread the damage and a ledger entry saying
        /// "Completed" would be a lie. <c>PRAGMA quick_check</c> reads every page once (seconds for a store of
        /// gigabytes; the index cross-checks of integrity_check would take far longer), once per opened store.
        /// </summary>
        /// <exception cref="StoreException">The check found damage or could not read the file.</exception>
        internal void EnsureIntact()
        {
            if (intact) return;
            var problems = new List<string>();
            try
            {
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA quick_check(5);";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var line = reader.IsDBNull(0) ? string.Empty : reader.GetString(0);
                    if (!string.Equals(line, "ok", StringComparison.Ordinal)) problems.Add(line);
                }
            }
            catch (SqliteException e)
            {
                throw StoreFailure.From(Location, "be checked before writing", e);
            }

            if (problems.Count > 0)
            {
                throw new StoreException($"The store '{Location}' is damaged, so nothing is written to it (PRAGMA quick_check: {string.Join("; ", problems)}). Restore it from a backup; reading it may still work.", StoreFailureKind.IO);
            }

            intact = true;
        }

        /// <summary>Streams <paramref name="source"/>, turning an SQLite failure while reading into a <see cref="StoreException"/>.</summary>
        private IEnumerable<T> Guarded<T>(IEnumerable<T> source, string action)
        {
            using var enumerator = source.GetEnumerator();
            while (true)
            {
                T current;
                try
                {
                    if (!enumerator.MoveNext()) yield break;
                    current = enumerator.Current;
                }
                catch (SqliteException e)
                {
                    throw StoreFailure.From(Location, action, e);
                }

                yield return current;
            }
        }

        private IReadOnlyList<RecordingSettings> ReadRecordings(string? reportSuite)
        {
            using var command = connection.CreateCommand();
            command.CommandText = @"SELECT s.id, s.recording_enabled, s.expiration_days, s.enabled_since, s.updated_at,
    (SELECT count(*) FROM online_transaction t WHERE t.report_suite = s.id),
    (SELECT count(*) FROM visitor v WHERE v.report_suite = s.id)
FROM report_suite s" + (reportSuite == null ? string.Empty : " WHERE s.id = $id") + " ORDER BY s.id;";
            if (reportSuite != null) command.Parameters.AddWithValue("$id", reportSuite);
            var result = new List<RecordingSettings>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                result.Add(new RecordingSettings(
                    reader.GetString(0),
                    reader.GetInt64(1) != 0,
                    reader.GetInt32(2),
                    reader.IsDBNull(3) ? (DateTimeOffset?)null : StoreTime.ParseUtc(reader.GetString(3)),
                    StoreTime.ParseUtc(reader.GetString(4)),
                    reader.GetInt64(5),
                    reader.GetInt64(6),
                    Location));
            }

            return result;
        }


        private static string Limit(int? first) => first.HasValue ? " LIMIT " + Math.Max(0, first.Value).ToString(CultureInfo.InvariantCulture) : string.Empty;

        private static void AddEquals(SqliteCommand command, StringBuilder where, string column, object value)
        {
            var name = "$p" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
            where.Append(" AND ").Append(column).Append(" = ").Append(name);
            command.Parameters.AddWithValue(name, value);
        }

        private static void AddCompare(SqliteCommand command, StringBuilder where, string column, string op, object value)
        {
            var name = "$p" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
            where.Append(" AND ").Append(column).Append(' ').Append(op).Append(' ').Append(name);
            command.Parameters.AddWithValue(name, value);
        }

        /// <summary>
        /// A contract wildcard filter in SQLite's dialect: equality with the literal value, or GLOB (case-sensitive,
        /// escaped by <see cref="WildcardGlob"/>) when the pattern has wildcard parts.
        /// </summary>
        private static void AddMatch(SqliteCommand command, StringBuilder where, string column, string? pattern)
        {
            if (pattern == null || pattern.Length == 0) return;
            var name = "$p" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
            var wildcard = StoreWildcard.Parse(pattern);
            where.Append(" AND ").Append(column).Append(wildcard.HasWildcard ? " GLOB " : " = ").Append(name);
            command.Parameters.AddWithValue(name, wildcard.HasWildcard ? WildcardGlob.ToGlob(wildcard) : wildcard.Literal);
        }
    }
}
