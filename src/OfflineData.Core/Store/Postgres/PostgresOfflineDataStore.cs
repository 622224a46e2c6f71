using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading;
using Npgsql;
using NpgsqlTypes;
using OfflineData.Core.Format;
using OfflineData.Core.Matching;

namespace OfflineData.Core.Store.Postgres
{
    /// <summary>
    /// The server store: the schema <c>offlinedata</c> in a PostgreSQL database, shared by several import servers. A
    /// write (an import, online recording, recording settings) runs in one transaction holding the report suite's
    /// advisory lock, polled so that a writer that waits is told once and gives up after <see cref="LockTimeout"/> with
    /// a <see cref="StoreException"/> of kind Busy; a killed client's transaction is rolled back by the server, so it
    /// leaves nothing. Offline rows are written with binary COPY in chunks. Tables are laid out for Citus
    /// (<see cref="PostgresSchema.Layout"/>). No Npgsql type leaves this folder: failures are <see cref="StoreException"/>s.
    /// </summary>
    public sealed partial class PostgresOfflineDataStore : IOfflineDataStore, IDeliveryDestinations
    {
        // First half of the advisory lock key of a report suite's write lock ("ODRS"); the second half hashes its ID.
        private const int SuiteLockKey = 0x4F445253;

        private readonly NpgsqlConnection connection;
        private readonly PostgresLocation location;

        private PostgresOfflineDataStore(PostgresLocation location, NpgsqlConnection connection, bool exists)
        {
            this.location = location;
            this.connection = connection;
            Exists = exists;
        }

        /// <summary>
        /// Opens the store <paramref name="location"/> names (a PostgreSQL URI or keyword connection string). With
        /// <see cref="StoreOpenOptions.Create"/> the schema is created (or upgraded) now; without it a database without the
        /// schema reads as an empty store and nothing is created.
        /// </summary>
        /// <exception cref="StoreException">The location is malformed or holds a password, the server cannot be reached or refuses the login, or the schema is newer than this release.</exception>
        public static PostgresOfflineDataStore Open(string location, StoreOpenOptions options)
        {
            if (location == null) throw new ArgumentNullException(nameof(location));
            if (options == null) throw new ArgumentNullException(nameof(options));
            var parsed = PostgresLocation.Parse(location, options.Credential);
            var connection = new NpgsqlConnection(parsed.Builder.ConnectionString);
            try
            {
                connection.Open();
                var version = PostgresSchema.GetVersion(connection);
                PostgresSchema.EnsureNotNewer(version, parsed.DisplayName);
                if (options.Create || version.HasValue) PostgresSchema.Migrate(connection, parsed.DisplayName);
                var store = new PostgresOfflineDataStore(parsed, connection, options.Create || version.HasValue);
                if (options.LockWait.HasValue) store.LockTimeout = options.LockWait.Value;
                store.WaitingForLock = options.Waiting;
                return store;
            }
            catch (Exception e) when (PostgresFailure.IsDriverFailure(e))
            {
                connection.Dispose();
                throw PostgresFailure.Opening(parsed, e);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        /// <inheritdoc />
        /// <remarks><c>postgresql://user@host:port/database</c> with the location's non-secret parameters (TLS settings...): never a password.</remarks>
        public string Location => location.Location;

        /// <inheritdoc />
        /// <remarks><c>postgresql://user@host:port/database</c>.</remarks>
        public string DisplayName => location.DisplayName;

        /// <inheritdoc />
        /// <remarks>Whether the schema <c>offlinedata</c> is in the database (or was created by opening with Create).</remarks>
        public bool Exists { get; }

        /// <summary>How long a writer waits for another writer of the same report suite before giving up (default one hour).</summary>
        public TimeSpan LockTimeout { get; set; } = TimeSpan.FromHours(1);

        /// <summary>Called once when a writer has to wait for another (for a verbose or progress message).</summary>
        public Action<string>? WaitingForLock { get; set; }

        internal NpgsqlConnection Connection => connection;

        /// <summary>
        /// Opens another connection to the same database with the same login, for an import's lookups while its own
        /// connection is busy with a COPY (online transactions and visitors are not written by an import).
        /// </summary>
        internal NpgsqlConnection OpenLookupConnection()
        {
            var lookups = new NpgsqlConnection(location.Builder.ConnectionString);
            try
            {
                lookups.Open();
                return lookups;
            }
            catch
            {
                lookups.Dispose();
                throw;
            }
        }

        internal PostgresLocation ParsedLocation => location;

        /// <inheritdoc />
        public RecordingSettings? GetRecording(string reportSuite)
        {
            ReportSuiteId.Validate(reportSuite, nameof(reportSuite));
            return Guard($"read the recording settings of '{reportSuite}'", () =>
            {
                foreach (var settings in ReadRecordings(reportSuite)) return settings;
                return null;
            });
        }

        /// <inheritdoc />
        public IReadOnlyList<RecordingSettings> GetRecordings() => Guard("read the recording settings", () => ReadRecordings(null));

        /// <inheritdoc />
        public IReadOnlyList<string> GetReportSuiteIds()
        {
            if (!Exists) return Array.Empty<string>();
            return Guard("list the report suites", () =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT id FROM offlinedata.report_suite UNION SELECT DISTINCT report_suite FROM offlinedata.import ORDER BY 1;";
                var result = new List<string>();
                using var reader = command.ExecuteReader();
                while (reader.Read()) result.Add(reader.GetString(0));
                return (IReadOnlyList<string>)result;
            });
        }

        /// <inheritdoc />
        public RecordingSettings SetRecording(string reportSuite, bool? enabled, int? expirationDays)
        {
            ReportSuiteId.Validate(reportSuite, nameof(reportSuite));
            if (expirationDays.HasValue && (expirationDays.Value < RecordingSettings.MinExpirationDays || expirationDays.Value > RecordingSettings.MaxExpirationDays))
            {
                throw new ArgumentOutOfRangeException(nameof(expirationDays), expirationDays.Value, $"The expiration window must be {RecordingSettings.MinExpirationDays} to {RecordingSettings.MaxExpirationDays} days.");
            }

            EnsureWritable();
            var transaction = BeginWrite(reportSuite, $"save the recording settings of '{reportSuite}'");
            try
            {
                using (var command = connection.CreateCommand())
                {
                    // A new suite starts off with 90 days; "since" is set only when recording goes from off to on.
                    command.CommandText = @"
INSERT INTO offlinedata.report_suite AS s (id, recording_enabled, expiration_days, enabled_since, updated_at)
VALUES (@id, coalesce(@enabled, false), coalesce(@days, @defaultDays), CASE WHEN coalesce(@enabled, false) THEN @now END, @now)
ON CONFLICT (id) DO UPDATE SET
    recording_enabled = coalesce(@enabled, s.recording_enabled),
    expiration_days = coalesce(@days, s.expiration_days),
    enabled_since = CASE
        WHEN NOT coalesce(@enabled, s.recording_enabled) THEN NULL
        WHEN NOT s.recording_enabled THEN @now
        ELSE s.enabled_since END,
    updated_at = @now;";
                    command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Text) { Value = reportSuite });
                    command.Parameters.Add(new NpgsqlParameter("enabled", NpgsqlDbType.Boolean) { Value = enabled.HasValue ? (object)enabled.Value : DBNull.Value });
                    command.Parameters.Add(new NpgsqlParameter("days", NpgsqlDbType.Integer) { Value = expirationDays.HasValue ? (object)expirationDays.Value : DBNull.Value });
                    command.Parameters.Add(new NpgsqlParameter("defaultDays", NpgsqlDbType.Integer) { Value = RecordingSettings.DefaultExpirationDays });
                    command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = Now() });
                    command.ExecuteNonQuery();
                }

                transaction.Commit();
            }
            catch (Exception e) when (PostgresFailure.IsDriverFailure(e))
            {
                SafeRollback(transaction);
                throw PostgresFailure.From(location, $"save the recording settings of '{reportSuite}'", e);
            }
            catch
            {
                SafeRollback(transaction);
                throw;
            }
            finally
            {
                transaction.Dispose();
            }

            return GetRecording(reportSuite)!;
        }

        /// <inheritdoc />
        public OnlineTransaction? GetTransaction(string reportSuite, string transactionId)
        {
            if (!Exists) return null;
            return Guard($"read transaction '{transactionId}'", () =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT transaction_id, visitor_id, occurred_at, state, recorded_at, duplicate_count FROM offlinedata.online_transaction WHERE transaction_id = @id AND report_suite = @suite;";
                command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Text) { Value = transactionId });
                command.Parameters.Add(new NpgsqlParameter("suite", NpgsqlDbType.Text) { Value = reportSuite });
                using var reader = command.ExecuteReader();
                return reader.Read() ? ReadTransaction(reader, reportSuite) : null;
            });
        }

        /// <summary>An online transaction from a row (transaction_id, visitor_id, occurred_at, state, recorded_at, duplicate_count).</summary>
        internal static OnlineTransaction ReadTransaction(NpgsqlDataReader reader, string reportSuite) =>
            new OnlineTransaction(reportSuite, reader.GetString(0), reader.GetString(1), reader.GetDateTime(2), StateCodec.Decode(reader.GetString(3)),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt64(5));

        /// <inheritdoc />
        public IOnlineRecordingSession BeginOnlineRecording(string reportSuite)
        {
            ReportSuiteId.Validate(reportSuite, nameof(reportSuite));
            EnsureWritable();
            var transaction = BeginWrite(reportSuite, $"begin recording into '{reportSuite}'");
            try
            {
                return new PostgresOnlineRecordingSession(this, transaction, reportSuite, GetRecording(reportSuite));
            }
            catch (Exception e) when (PostgresFailure.IsDriverFailure(e))
            {
                SafeRollback(transaction);
                transaction.Dispose();
                throw PostgresFailure.From(location, $"begin recording into '{reportSuite}'", e);
            }
            catch
            {
                SafeRollback(transaction);
                transaction.Dispose();
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
                return Guard($"begin a dry run of '{entry.Path}'",
                    () => (IImportSession)new PostgresImportSession(this, null, entry, GetRecording(entry.ReportSuite), FindCompletedImport(entry.ReportSuite, entry.Sha256), null));
            }

            EnsureWritable();
            var transaction = BeginWrite(entry.ReportSuite, $"begin importing '{entry.Path}'");
            try
            {
                // Read the settings and the ledger only now, under the report suite's lock: what another import committed
                // while this one waited is seen, so two servers importing the same content at once import it once.
                var recording = GetRecording(entry.ReportSuite);
                var already = FindCompletedImport(entry.ReportSuite, entry.Sha256);
                var importId = InsertLedger(entry, ImportStatus.Completed);
                return new PostgresImportSession(this, transaction, entry, recording, already, importId);
            }
            catch (Exception e) when (PostgresFailure.IsDriverFailure(e))
            {
                SafeRollback(transaction);
                transaction.Dispose();
                throw PostgresFailure.From(location, $"begin importing '{entry.Path}'", e);
            }
            catch
            {
                SafeRollback(transaction);
                transaction.Dispose();
                throw;
            }
        }

        /// <inheritdoc />
        public ImportLedgerEntry? FindCompletedImport(string reportSuite, string sha256)
        {
            foreach (var entry in GetImports(new ImportLedgerQuery { ReportSuite = reportSuite, Sha256 = sha256, Status = ImportStatus.Completed }))
            {
                // As in SQLite: a completed import that stored no row is no reason to skip the content.
                if (entry.Imported > 0) return entry;
            }

            return null;
        }

        /// <inheritdoc />
        public ImportLedgerEntry RecordFailedImport(ImportLedgerEntry entry)
        {
            if (entry == null) throw new ArgumentNullException(nameof(entry));
            EnsureWritable();
            try
            {
                using var transaction = connection.BeginTransaction();
                var stored = ReadLedgerEntry(InsertLedger(entry, ImportStatus.Failed));
                transaction.Commit();
                return stored;
            }
            catch (Exception e) when (PostgresFailure.IsDriverFailure(e))
            {
                throw PostgresFailure.From(location, "record the failed import in the ledger", e);
            }
        }

        /// <inheritdoc />
        public IEnumerable<ImportLedgerEntry> GetImports(ImportLedgerQuery query)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            if (!Exists) return Array.Empty<ImportLedgerEntry>();
            return Guarded(ReadImports(query), "read the import ledger");
        }

        /// <inheritdoc />
        public IEnumerable<StoredOfflineRow> GetOfflineRows(OfflineRowQuery query)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            if (!Exists) return Array.Empty<StoredOfflineRow>();
            return Guarded(ReadOfflineRows(query), "read the offline rows");
        }

        /// <inheritdoc />
        public DeliveryLedgerEntry RecordDeliveryStart(DeliveryLedgerEntry entry)
        {
            DeliveryLedgerChecks.CheckStart(entry);
            EnsureWritable();
            return Guard($"record the start of the delivery of '{entry.FileName}' in the delivery ledger", () =>
            {
                // One statement, so its own transaction: the identity gives two servers starting at once distinct IDs.
                using var command = connection.CreateCommand();
                command.CommandText = "INSERT INTO offlinedata.delivery (destination, source_path, file_name, remote_name, marker_name, sha256, size, started_at, ended_at, status, attempts, message, suppressed_rows)\n"
                    + "VALUES (@destination, @source, @name, @remote, @marker, @sha, @size, @started, NULL, @status, @attempts, @message, @suppressed) RETURNING " + StoreColumns.Delivery + ";";
                command.Parameters.Add(new NpgsqlParameter("destination", NpgsqlDbType.Text) { Value = entry.Destination });
                command.Parameters.Add(new NpgsqlParameter("source", NpgsqlDbType.Text) { Value = entry.SourcePath });
                command.Parameters.Add(new NpgsqlParameter("name", NpgsqlDbType.Text) { Value = entry.FileName });
                command.Parameters.Add(new NpgsqlParameter("remote", NpgsqlDbType.Text) { Value = entry.RemoteName });
                command.Parameters.Add(new NpgsqlParameter("marker", NpgsqlDbType.Text) { Value = DeliveryLedgerChecks.Optional(entry.MarkerName) });
                command.Parameters.Add(new NpgsqlParameter("sha", NpgsqlDbType.Text) { Value = DeliveryLedgerChecks.Sha256(entry.Sha256) });
                command.Parameters.Add(new NpgsqlParameter("size", NpgsqlDbType.Bigint) { Value = entry.Size });
                command.Parameters.Add(new NpgsqlParameter("started", NpgsqlDbType.TimestampTz) { Value = Utc(entry.StartedAt) });
                command.Parameters.Add(new NpgsqlParameter("status", NpgsqlDbType.Smallint) { Value = (short)DeliveryStatus.Started });
                command.Parameters.Add(new NpgsqlParameter("attempts", NpgsqlDbType.Integer) { Value = entry.Attempts });
                command.Parameters.Add(new NpgsqlParameter("message", NpgsqlDbType.Text) { Value = DeliveryLedgerChecks.Optional(entry.Message) });
                command.Parameters.Add(new NpgsqlParameter("suppressed", NpgsqlDbType.Bigint) { Value = entry.SuppressedRows });
                using var reader = command.ExecuteReader();
                reader.Read();
                return PostgresStoredRows.ReadDeliveryEntry(reader, Location);
            });
        }

        /// <inheritdoc />
        public DeliveryLedgerEntry RecordDeliveryEnd(DeliveryLedgerEntry entry)
        {
            DeliveryLedgerChecks.CheckEnd(entry);
            EnsureWritable();
            var stored = Guard($"record the end of delivery {entry.Id} in the delivery ledger", () =>
            {
                // Only a Started entry ends: an end never rewrites how an earlier delivery ended.
                using var command = connection.CreateCommand();
                command.CommandText = @"UPDATE offlinedata.delivery SET status = @status, ended_at = @ended, remote_name = @remote, marker_name = @marker,
    size = @size, attempts = @attempts, message = @message
WHERE id = @id AND status = @started RETURNING " + StoreColumns.Delivery + ";";
                command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Bigint) { Value = entry.Id });
                command.Parameters.Add(new NpgsqlParameter("status", NpgsqlDbType.Smallint) { Value = (short)entry.StatusValue });
                command.Parameters.Add(new NpgsqlParameter("ended", NpgsqlDbType.TimestampTz) { Value = Utc(entry.EndedAt ?? DateTimeOffset.UtcNow) });
                command.Parameters.Add(new NpgsqlParameter("remote", NpgsqlDbType.Text) { Value = entry.RemoteName });
                command.Parameters.Add(new NpgsqlParameter("marker", NpgsqlDbType.Text) { Value = DeliveryLedgerChecks.Optional(entry.MarkerName) });
                command.Parameters.Add(new NpgsqlParameter("size", NpgsqlDbType.Bigint) { Value = entry.Size });
                command.Parameters.Add(new NpgsqlParameter("attempts", NpgsqlDbType.Integer) { Value = entry.Attempts });
                command.Parameters.Add(new NpgsqlParameter("message", NpgsqlDbType.Text) { Value = DeliveryLedgerChecks.Optional(entry.Message) });
                command.Parameters.Add(new NpgsqlParameter("started", NpgsqlDbType.Smallint) { Value = (short)DeliveryStatus.Started });
                using var reader = command.ExecuteReader();
                return reader.Read() ? PostgresStoredRows.ReadDeliveryEntry(reader, Location) : null;
            });
            return stored ?? throw DeliveryLedgerChecks.NotStarted(DisplayName, entry.Id);
        }

        /// <inheritdoc />
        public DeliveryLedgerEntry? FindDelivery(string destination, string sha256)
        {
            if (destination == null) throw new ArgumentNullException(nameof(destination));
            if (sha256 == null) throw new ArgumentNullException(nameof(sha256));
            if (!Exists) return null;
            return Guard("read the delivery ledger", () =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT " + StoreColumns.Delivery + @"
FROM offlinedata.delivery WHERE destination = @destination AND sha256 = @sha AND status IN (@started, @sent)
ORDER BY started_at DESC, id DESC LIMIT 1;";
                command.Parameters.Add(new NpgsqlParameter("destination", NpgsqlDbType.Text) { Value = destination });
                command.Parameters.Add(new NpgsqlParameter("sha", NpgsqlDbType.Text) { Value = DeliveryLedgerChecks.Sha256(sha256) });
                command.Parameters.Add(new NpgsqlParameter("started", NpgsqlDbType.Smallint) { Value = (short)DeliveryStatus.Started });
                command.Parameters.Add(new NpgsqlParameter("sent", NpgsqlDbType.Smallint) { Value = (short)DeliveryStatus.Sent });
                using var reader = command.ExecuteReader();
                return reader.Read() ? PostgresStoredRows.ReadDeliveryEntry(reader, Location) : null;
            });
        }

        /// <inheritdoc />
        /// <remarks>A session-level advisory lock on a connection of its own (see <see cref="PostgresDeliveryLease"/>).</remarks>
        public IDisposable? TryAcquireDelivery(string destination, string sha256)
        {
            if (destination == null) throw new ArgumentNullException(nameof(destination));
            if (sha256 == null) throw new ArgumentNullException(nameof(sha256));
            EnsureWritable();
            return PostgresDeliveryLease.TryAcquire(location, destination, sha256);
        }

        /// <inheritdoc />
        public IEnumerable<DeliveryLedgerEntry> GetDeliveries(DeliveryLedgerQuery query)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            if (!Exists) return Array.Empty<DeliveryLedgerEntry>();
            return Guarded(ReadDeliveries(query), "read the delivery ledger");
        }

        /// <inheritdoc />
        IReadOnlyList<string> IDeliveryDestinations.GetDeliveryDestinations()
        {
            if (!Exists) return Array.Empty<string>();
            return Guard("list the destinations of the delivery ledger", () =>
            {
                using var command = connection.CreateCommand();
                // COLLATE "C" on the column: the order is ordinal, as SQLite's.
                command.CommandText = "SELECT DISTINCT destination FROM offlinedata.delivery ORDER BY destination;";
                var result = new List<string>();
                using var reader = command.ExecuteReader();
                while (reader.Read()) result.Add(reader.GetString(0));
                return (IReadOnlyList<string>)result;
            });
        }

        private IEnumerable<DeliveryLedgerEntry> ReadDeliveries(DeliveryLedgerQuery query)
        {
            using var command = connection.CreateCommand();
            var where = new StringBuilder("WHERE true");
            AddMatch(command, where, "destination", query.Destination);
            AddMatch(command, where, "file_name", query.FileName);
            AddMatch(command, where, "remote_name", query.RemoteName);
            if (query.Sha256 != null) AddCompare(command, where, "sha256", "=", NpgsqlDbType.Text, DeliveryLedgerChecks.Sha256(query.Sha256));
            if (query.Status.HasValue) AddCompare(command, where, "status", "=", NpgsqlDbType.Smallint, (short)query.Status.Value);
            if (query.Id.HasValue) AddCompare(command, where, "id", "=", NpgsqlDbType.Bigint, query.Id.Value);
            if (query.After.HasValue) AddCompare(command, where, "started_at", ">=", NpgsqlDbType.TimestampTz, DateTime.SpecifyKind(query.After.Value.ToUniversalTime(), DateTimeKind.Utc));
            if (query.Before.HasValue) AddCompare(command, where, "started_at", "<=", NpgsqlDbType.TimestampTz, DateTime.SpecifyKind(query.Before.Value.ToUniversalTime(), DateTimeKind.Utc));
            command.CommandText = "SELECT " + StoreColumns.Delivery + "\nFROM offlinedata.delivery " + where + " ORDER BY started_at DESC, id DESC" + Limit(query.First) + ";";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                yield return PostgresStoredRows.ReadDeliveryEntry(reader, Location);
            }
        }

        /// <inheritdoc />
        public void Dispose() => connection.Dispose();

        /// <summary>
        /// Begins a transaction and takes the report suite's advisory transaction lock, polling
        /// <c>pg_try_advisory_xact_lock</c>: while another writer holds it, tells <see cref="WaitingForLock"/> once and
        /// gives up after <see cref="LockTimeout"/> with a Busy <see cref="StoreException"/>. The lock ends with the
        /// transaction (commit, rollback, or the server noticing the client is gone).
        /// </summary>
        internal NpgsqlTransaction BeginWrite(string reportSuite, string action)
        {
            NpgsqlTransaction transaction;
            try
            {
                transaction = connection.BeginTransaction();
            }
            catch (Exception e) when (PostgresFailure.IsDriverFailure(e))
            {
                throw PostgresFailure.From(location, action, e);
            }

            try
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT pg_try_advisory_xact_lock(@key, @suite);";
                command.Parameters.Add(new NpgsqlParameter("key", NpgsqlDbType.Integer) { Value = SuiteLockKey });
                command.Parameters.Add(new NpgsqlParameter("suite", NpgsqlDbType.Integer) { Value = SuiteLockId(reportSuite) });
                var waited = Stopwatch.StartNew();
                bool told = false;
                int pause = 50;
                while (!(bool)command.ExecuteScalar()!)
                {
                    if (waited.Elapsed >= LockTimeout)
                    {
                        throw new StoreException($"The store '{DisplayName}' is busy: another process has been writing to report suite '{reportSuite}' for more than {LockTimeout.TotalMinutes:0.#} minutes (waited since {DateTime.Now.Subtract(waited.Elapsed):HH:mm:ss}). Nothing was written; run again when the other import has finished.", StoreFailureKind.Busy);
                    }

                    if (!told)
                    {
                        told = true;
                        WaitingForLock?.Invoke($"Report suite '{reportSuite}' of the store '{DisplayName}' is being written by another process (another import?); waiting for it to finish.");
                    }

                    var left = LockTimeout - waited.Elapsed;
                    Thread.Sleep(TimeSpan.FromMilliseconds(Math.Max(1, Math.Min(pause, left.TotalMilliseconds))));
                    pause = Math.Min(pause * 2, 1000);
                }

                return transaction;
            }
            catch (Exception e) when (PostgresFailure.IsDriverFailure(e))
            {
                SafeRollback(transaction);
                transaction.Dispose();
                throw PostgresFailure.From(location, action, e);
            }
            catch
            {
                SafeRollback(transaction);
                transaction.Dispose();
                throw;
            }
        }

        /// <summary>The second half of a report suite's lock key: a stable hash (FNV-1a) of its ID, the same in every process and release.</summary>
        internal static int SuiteLockId(string reportSuite)
        {
            unchecked
            {
                uint hash = 2166136261;
                foreach (var b in Encoding.UTF8.GetBytes(reportSuite))
                {
                    hash ^= b;
                    hash *= 16777619;
                }

                return (int)hash;
            }
        }

        internal static void SafeRollback(NpgsqlTransaction transaction)
        {
            try
            {
                if (transaction.Connection != null) transaction.Rollback();
            }
            catch (Exception e) when (PostgresFailure.IsDriverFailure(e) || e is InvalidOperationException)
            {
                // The connection broke: the server rolls the transaction back on its own.
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
            command.CommandText = @"INSERT INTO offlinedata.import (report_suite, file_name, path, size, sha256, started_at, ended_at, status, transaction_id_column, message, rows, rejected)
VALUES (@suite, @name, @path, @size, @sha, @started, @ended, @status, @column, @message, @rows, @rejected) RETURNING id;";
            command.Parameters.Add(new NpgsqlParameter("suite", NpgsqlDbType.Text) { Value = entry.ReportSuite });
            command.Parameters.Add(new NpgsqlParameter("name", NpgsqlDbType.Text) { Value = entry.FileName });
            command.Parameters.Add(new NpgsqlParameter("path", NpgsqlDbType.Text) { Value = entry.Path });
            command.Parameters.Add(new NpgsqlParameter("size", NpgsqlDbType.Bigint) { Value = entry.Size });
            command.Parameters.Add(new NpgsqlParameter("sha", NpgsqlDbType.Text) { Value = entry.Sha256 });
            command.Parameters.Add(new NpgsqlParameter("started", NpgsqlDbType.TimestampTz) { Value = Utc(entry.StartedAt) });
            command.Parameters.Add(new NpgsqlParameter("ended", NpgsqlDbType.TimestampTz) { Value = entry.EndedAt.HasValue ? (object)Utc(entry.EndedAt.Value) : DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("status", NpgsqlDbType.Text) { Value = status.ToString() });
            command.Parameters.Add(new NpgsqlParameter("column", NpgsqlDbType.Text) { Value = entry.TransactionIdColumn });
            command.Parameters.Add(new NpgsqlParameter("message", NpgsqlDbType.Text) { Value = (object?)entry.Message ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("rows", NpgsqlDbType.Bigint) { Value = entry.Rows });
            command.Parameters.Add(new NpgsqlParameter("rejected", NpgsqlDbType.Bigint) { Value = entry.Rejected });
            return (long)command.ExecuteScalar()!;
        }

        /// <summary>Now, as the store keeps bookkeeping times: UTC, to the millisecond (as SQLite does).</summary>
        internal static DateTime Now() => Utc(DateTimeOffset.UtcNow);

        /// <summary>A bookkeeping time as a UTC DateTime to the millisecond (timestamptz).</summary>
        internal static DateTime Utc(DateTimeOffset value)
        {
            var utc = value.UtcDateTime;
            return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
        }

        /// <summary>An event time (local, no zone) for a timestamp column.</summary>
        internal static DateTime Event(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Unspecified);

        /// <summary>Runs <paramref name="read"/>, turning a driver failure into a <see cref="StoreException"/>.</summary>
        internal T Guard<T>(string action, Func<T> read)
        {
            try
            {
                return read();
            }
            catch (Exception e) when (PostgresFailure.IsDriverFailure(e))
            {
                throw PostgresFailure.From(location, action, e);
            }
        }

        private void EnsureWritable()
        {
            if (!Exists)
            {
                throw new InvalidOperationException("The store was opened without creating it and has no OfflineData schema; open it with create: true to write.");
            }
        }

        private IReadOnlyList<RecordingSettings> ReadRecordings(string? reportSuite)
        {
            var result = new List<RecordingSettings>();
            if (!Exists) return result;
            var transactions = CountBySuite("online_transaction", reportSuite);
            var visitors = CountBySuite("visitor", reportSuite);
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, recording_enabled, expiration_days, enabled_since, updated_at FROM offlinedata.report_suite" + (reportSuite == null ? string.Empty : " WHERE id = @id") + " ORDER BY id;";
            if (reportSuite != null) command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Text) { Value = reportSuite });
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetString(0);
                transactions.TryGetValue(id, out var t);
                visitors.TryGetValue(id, out var v);
                result.Add(new RecordingSettings(id, reader.GetBoolean(1), reader.GetInt32(2),
                    reader.IsDBNull(3) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(3),
                    reader.GetFieldValue<DateTimeOffset>(4), t, v, Location));
            }

            return result;
        }

        // Counted per report suite by one grouped query per table (no correlated subquery: Citus plans these per shard).
        private Dictionary<string, long> CountBySuite(string table, string? reportSuite)
        {
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT report_suite, count(*) FROM offlinedata.{table}" + (reportSuite == null ? string.Empty : " WHERE report_suite = @id") + " GROUP BY report_suite;";
            if (reportSuite != null) command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Text) { Value = reportSuite });
            using var reader = command.ExecuteReader();
            while (reader.Read()) counts[reader.GetString(0)] = reader.GetInt64(1);
            return counts;
        }

        private IEnumerable<ImportLedgerEntry> ReadImports(ImportLedgerQuery query)
        {
            using var command = connection.CreateCommand();
            var where = new StringBuilder("WHERE true");
            AddMatch(command, where, "report_suite", query.ReportSuite);
            AddMatch(command, where, "file_name", query.FileName);
            if (query.Sha256 != null) AddCompare(command, where, "sha256", "=", NpgsqlDbType.Text, query.Sha256.ToLowerInvariant());
            if (query.Status.HasValue) AddCompare(command, where, "status", "=", NpgsqlDbType.Text, query.Status.Value.ToString());
            if (query.Id.HasValue) AddCompare(command, where, "id", "=", NpgsqlDbType.Bigint, query.Id.Value);
            if (query.After.HasValue) AddCompare(command, where, "started_at", ">=", NpgsqlDbType.TimestampTz, DateTime.SpecifyKind(query.After.Value.ToUniversalTime(), DateTimeKind.Utc));
            if (query.Before.HasValue) AddCompare(command, where, "started_at", "<=", NpgsqlDbType.TimestampTz, DateTime.SpecifyKind(query.Before.Value.ToUniversalTime(), DateTimeKind.Utc));
            command.CommandText = "SELECT " + StoreColumns.Ledger + "\nFROM offlinedata.import " + where + " ORDER BY started_at DESC, id DESC" + Limit(query.First) + ";";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                yield return PostgresStoredRows.ReadLedgerEntry(reader, Location);
            }
        }

        /// <summary>
        /// The WHERE clause (with its parameters added to <paramref name="command"/>) that selects the offline rows
        /// <paramref name="query"/> asks for (alias <c>r</c>): shared by reading rows and by summarising them, so both
        /// always select the same rows.
        /// </summary>
        private static StringBuilder OfflineRowFilter(NpgsqlCommand command, OfflineRowQuery query)
        {
            var where = new StringBuilder("WHERE true");
            AddMatch(command, where, "r.report_suite", query.ReportSuite);
            AddMatch(command, where, "r.customer_id", query.CustomerId);
            AddMatch(command, where, "r.transaction_id", query.TransactionId);
            if (query.From.HasValue) AddCompare(command, where, "r.occurred_at", ">=", NpgsqlDbType.Timestamp, Event(query.From.Value));
            if (query.To.HasValue) AddCompare(command, where, "r.occurred_at", "<=", NpgsqlDbType.Timestamp, Event(query.To.Value));
            if (query.Outcome.HasValue) AddCompare(command, where, "r.outcome", "=", NpgsqlDbType.Text, query.Outcome.Value.ToString());
            // As in SQLite: NoTransactionId is only ever a transaction reason, so it selects by that.
            if (query.Reason.HasValue) AddCompare(command, where, query.Reason == MatchReason.NoTransactionId ? "r.transaction_reason" : "r.reason", "=", NpgsqlDbType.Text, query.Reason.Value.ToString());
            if (query.ImportId.HasValue) AddCompare(command, where, "r.import_id", "=", NpgsqlDbType.Bigint, query.ImportId.Value);
            if (query.RowId.HasValue) AddCompare(command, where, "r.id", "=", NpgsqlDbType.Bigint, query.RowId.Value);
            return where;
        }

        private IEnumerable<StoredOfflineRow> ReadOfflineRows(OfflineRowQuery query)
        {
            using var command = connection.CreateCommand();
            var where = OfflineRowFilter(command, query);
            command.CommandText = "SELECT " + StoreColumns.OfflineRowOf("r") + ", i.path\nFROM offlinedata.offline_row r JOIN offlinedata.import i ON i.id = r.import_id " + where + " ORDER BY r.occurred_at DESC, r.id DESC" + Limit(query.First) + ";";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                yield return PostgresStoredRows.ReadOfflineRow(reader, Location, reader.GetString(36));
            }
        }

        /// <summary>Streams <paramref name="source"/>, turning a driver failure while reading into a <see cref="StoreException"/>.</summary>
        private IEnumerable<T> Guarded<T>(IEnumerable<T> source, string action)
        {
            IEnumerator<T> enumerator;
            try
            {
                enumerator = source.GetEnumerator();
            }
            catch (Exception e) when (PostgresFailure.IsDriverFailure(e))
            {
                throw PostgresFailure.From(location, action, e);
            }

            using (enumerator)
            {
                while (true)
                {
                    T current;
                    try
                    {
                        if (!enumerator.MoveNext()) yield break;
                        current = enumerator.Current;
                    }
                    catch (Exception e) when (PostgresFailure.IsDriverFailure(e))
                    {
                        throw PostgresFailure.From(location, action, e);
                    }

                    yield return current;
                }
            }
        }


        private static string Limit(int? first) => first.HasValue ? " LIMIT " + Math.Max(0, first.Value).ToString(CultureInfo.InvariantCulture) : string.Empty;

        private static void AddCompare(NpgsqlCommand command, StringBuilder where, string column, string op, NpgsqlDbType type, object value)
        {
            var name = "p" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
            where.Append(" AND ").Append(column).Append(' ').Append(op).Append(" @").Append(name);
            command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        }

        /// <summary>
        /// A contract wildcard filter in PostgreSQL's dialect (<see cref="WildcardLike"/>): equality with the literal,
        /// LIKE with an escape character, or a regular expression where a character class occurs.
        /// </summary>
        private static void AddMatch(NpgsqlCommand command, StringBuilder where, string column, string? pattern)
        {
            if (pattern == null || pattern.Length == 0) return;
            switch (WildcardLike.Translate(StoreWildcard.Parse(pattern), out var value))
            {
                case WildcardLike.Operator.Equal: AddCompare(command, where, column, "=", NpgsqlDbType.Text, value); break;
                case WildcardLike.Operator.Like:
                    AddCompare(command, where, column, "LIKE", NpgsqlDbType.Text, value);
                    where.Append(" ESCAPE '\\'");
                    break;
                case WildcardLike.Operator.Regex: AddCompare(command, where, column, "~", NpgsqlDbType.Text, value); break;
                default: where.Append(" AND false"); break;
            }
        }
    }
}
