using System;
using System.Collections.Generic;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;
using OfflineData.Core.Format;
using OfflineData.Core.Matching;

namespace OfflineData.Core.Store.Postgres
{
    /// <summary>
    /// One file's import inside one PostgreSQL transaction holding the report suite's lock (begun by the store, ledger row
    /// inserted first). Rows are encoded as they come into a binary COPY buffer (<see cref="PostgresCopyBuffer"/>) and
    /// written with one COPY for the whole file, never one INSERT per row, streamed in pieces of <see cref="PieceBytes"/>:
    /// a full piece is written on a pool thread while the importer reads the next rows. Lookups for a chunk announced by <see cref="PrepareLookups"/> are
    /// one prepared round trip (<c>= ANY(@ids)</c> on both tables) on a second connection, so they need not wait for
    /// the COPY; an ID not announced is looked up alone (a prepared statement). Distinct customers are counted as rows
    /// come, in a bounded set and a TEMP table on that connection. A dry run takes no lock, writes nothing and uses one
    /// connection; its TEMP table lives only as long as the connection and is not part of the store.
    /// </summary>
    internal sealed class PostgresImportSession : IImportSession
    {
        /// <summary>Customer IDs written to the TEMP table at once (one COPY on the lookup connection).</summary>
        internal const int ChunkRows = 10_000;

        /// <summary>
        /// Bytes of encoded rows handed to the open COPY at once (about 180 rows of the benchmark's). One COPY for the
        /// whole file, streamed in pieces, instead of one per 10,000 rows: the rows in flight are two small reused arrays
        /// instead of two arrays of about 4 MB (round 4 in docs/performance.md), and the server parses one statement.
        /// </summary>
        internal const int PieceBytes = 64 * 1024;

        // Customer IDs a dry run remembers in memory before writing them to its TEMP table (bounded, cleared when full).
        private const int CacheLimit = 100_000;

        private const string CopyRows = @"COPY offlinedata.offline_row (customer_id, import_id, report_suite, occurred_at, event_type, category, event_name, num1, num2,
    var1, var2, var3, var4, var5, attr1, attr2, attr3, attr4, attr5, attr6, attr7, attr8, attr9, attr10,
    transaction_attributes, entry, line, row_index, outcome, reason, transaction_reason, transaction_id, credited_visitor, online_time, state) FROM STDIN (FORMAT BINARY)";

        private readonly PostgresOfflineDataStore store;
        private readonly NpgsqlTransaction? transaction;
        private readonly string reportSuite;
        private readonly byte[] reportSuiteUtf8;
        private readonly string path;
        private readonly string sha256;
        // Rows of the piece being filled, encoded at once (their objects die young), and the piece being written: a full
        // piece is written into the file's open COPY on a pool thread while the importer reads the next rows, and every
        // other use of the connection waits for the COPY to end first (a connection in COPY runs nothing else), so the
        // writes keep file order and the one transaction.
        private PostgresCopyBuffer? filling;
        private PostgresCopyBuffer? spare;
        private Task? copying;
        // The file's COPY, open from its first piece until Flush ends it (only the pool thread writing a piece touches it
        // meanwhile; the importer's thread only after waiting for that write).
        private NpgsqlRawCopyStream? copy;
        // The next piece begins a COPY, so it carries the format's header.
        private bool copyStarts = true;
        private readonly List<string> pendingCustomers = new List<string>();
        private readonly HashSet<string> countedCustomers = new HashSet<string>(StringComparer.Ordinal);
        private NpgsqlCommand? findTransaction;
        private NpgsqlCommand? findVisitor;
        private NpgsqlCommand? findChunk;
        private NpgsqlConnection? lookupConnection;

        // What the last PrepareLookups fetched: every announced ID is a key (null/false when not in the store).
        private readonly Dictionary<string, OnlineTransaction?> transactions = new Dictionary<string, OnlineTransaction?>(StringComparer.Ordinal);
        private readonly Dictionary<string, bool> visitors = new Dictionary<string, bool>(StringComparer.Ordinal);
        private bool finished;

        // What the session stored, counted as it stores it: the ledger's counts are the store's, not the caller's.
        private long imported;
        private long matchedByTransactionId;
        private long matchedByCustomerId;
        private long unattributed;
        private decimal revenue;
        private readonly SortedDictionary<string, long> unattributedByReason = new SortedDictionary<string, long>(StringComparer.Ordinal);

        public PostgresImportSession(PostgresOfflineDataStore store, NpgsqlTransaction? transaction, ImportLedgerEntry entry, RecordingSettings? recording, ImportLedgerEntry? alreadyImported, long? importId)
        {
            this.store = store;
            this.transaction = transaction;
            reportSuite = entry.ReportSuite;
            reportSuiteUtf8 = Encoding.UTF8.GetBytes(reportSuite);
            path = entry.Path;
            sha256 = entry.Sha256;
            Recording = recording;
            AlreadyImported = alreadyImported;
            ImportId = importId;
            IsDryRun = transaction == null;
            if (IsDryRun)
            {
                CreateCustomerTable(Connection);
            }
        }

        public RecordingSettings? Recording { get; }

        public bool IsDryRun { get; }

        public long? ImportId { get; }

        public ImportLedgerEntry? AlreadyImported { get; }

        private NpgsqlConnection Connection => store.Connection;

        /// <summary>
        /// Where lookups run: a dry run's own connection; an import's second connection, so that the lookups of the next
        /// chunk need not wait for the COPY of the last one (the import writes neither transactions nor visitors, so
        /// the second connection sees what the first would).
        /// </summary>
        private NpgsqlConnection LookupConnection
        {
            get
            {
                if (IsDryRun) return Connection;
                if (lookupConnection == null)
                {
                    lookupConnection = store.OpenLookupConnection();
                    CreateCustomerTable(lookupConnection);
                }

                return lookupConnection;
            }
        }

        /// <summary>
        /// The TEMP table the distinct customers are counted in (rows stream past a bounded in-memory set; only IDs not
        /// in it are written). It lives only as long as the connection and is not part of the store; counting there
        /// instead of <c>count(DISTINCT customer_id)</c> over the stored rows at commit spares the server a scan and sort
        /// of every row just written.
        /// </summary>
        private static void CreateCustomerTable(NpgsqlConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TEMP TABLE IF NOT EXISTS offlinedata_import_customer (id text COLLATE \"C\" NOT NULL); TRUNCATE offlinedata_import_customer;";
            command.ExecuteNonQuery();
        }

        public void PrepareLookups(IReadOnlyCollection<string> transactionIds, IReadOnlyCollection<string> customerIds)
        {
            if (transactionIds == null) throw new ArgumentNullException(nameof(transactionIds));
            if (customerIds == null) throw new ArgumentNullException(nameof(customerIds));
            transactions.Clear();

            // An import writes no visitors, so an answer stays true for the whole import: customers seen in an earlier
            // chunk are not asked for again (bounded: forgotten all at once when full).
            if (visitors.Count + customerIds.Count > CacheLimit) visitors.Clear();
            var newCustomers = new List<string>(customerIds.Count);
            foreach (var id in transactionIds) transactions[id] = null;
            foreach (var id in customerIds)
            {
                if (visitors.ContainsKey(id)) continue;
                visitors[id] = false;
                newCustomers.Add(id);
            }

            if (!store.Exists || (transactions.Count == 0 && newCustomers.Count == 0)) return;
            try
            {
                // Both tables in one round trip, one statement prepared once per session and reused for every chunk.
                if (findChunk == null)
                {
                    findChunk = LookupConnection.CreateCommand();
                    findChunk.CommandText = @"SELECT transaction_id, visitor_id, occurred_at, state, recorded_at, duplicate_count FROM offlinedata.online_transaction WHERE transaction_id = ANY(@ids) AND report_suite = @suite;
SELECT visitor_id FROM offlinedata.visitor WHERE visitor_id = ANY(@visitors) AND report_suite = @suite;";
                    findChunk.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text));
                    findChunk.Parameters.Add(new NpgsqlParameter("suite", NpgsqlDbType.Text) { Value = reportSuite });
                    findChunk.Parameters.Add(new NpgsqlParameter("visitors", NpgsqlDbType.Array | NpgsqlDbType.Text));
                    findChunk.Prepare();
                }

                findChunk.Parameters[0].Value = transactions.Keys.ToArray();
                findChunk.Parameters[2].Value = newCustomers.ToArray();
                using var reader = findChunk.ExecuteReader();
                while (reader.Read())
                {
                    var found = PostgresOfflineDataStore.ReadTransaction(reader, reportSuite);
                    transactions[found.TransactionId] = found;
                }

                reader.NextResult();
                while (reader.Read()) visitors[reader.GetString(0)] = true;
            }
            catch (Exception e) when (PostgresFailure.IsDriverFailure(e))
            {
                throw PostgresFailure.From(store.ParsedLocation, $"look up the transactions and visitors of a chunk while importing '{path}'", e);
            }
        }

        public OnlineTransaction? FindTransaction(string transactionId)
        {
            if (transactions.TryGetValue(transactionId, out var known)) return known;
            if (!store.Exists) return null;
            try
            {
                if (findTransaction == null)
                {
                    findTransaction = LookupConnection.CreateCommand();
                    findTransaction.CommandText = "SELECT transaction_id, visitor_id, occurred_at, state, recorded_at, duplicate_count FROM offlinedata.online_transaction WHERE transaction_id = @id AND report_suite = @suite;";
                    findTransaction.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Text));
                    findTransaction.Parameters.Add(new NpgsqlParameter("suite", NpgsqlDbType.Text) { Value = reportSuite });
                    findTransaction.Prepare();
                }

                findTransaction.Parameters[0].Value = transactionId;
                using var reader = findTransaction.ExecuteReader();
                return reader.Read() ? PostgresOfflineDataStore.ReadTransaction(reader, reportSuite) : null;
            }
            catch (Exception e) when (PostgresFailure.IsDriverFailure(e))
            {
                throw PostgresFailure.From(store.ParsedLocation, $"look up transaction '{transactionId}' while importing '{path}'", e);
            }
        }

        public bool IsKnownVisitor(string visitorId)
        {
            if (visitors.TryGetValue(visitorId, out var known)) return known;
            if (!store.Exists) return false;
            try
            {
                if (findVisitor == null)
                {
                    findVisitor = LookupConnection.CreateCommand();
                    findVisitor.CommandText = "SELECT 1 FROM offlinedata.visitor WHERE visitor_id = @id AND report_suite = @suite;";
                    findVisitor.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Text));
                    findVisitor.Parameters.Add(new NpgsqlParameter("suite", NpgsqlDbType.Text) { Value = reportSuite });
                    findVisitor.Prepare();
                }

                findVisitor.Parameters[0].Value = visitorId;
                known = findVisitor.ExecuteScalar() != null;
            }
            catch (Exception e) when (PostgresFailure.IsDriverFailure(e))
            {
                throw PostgresFailure.From(store.ParsedLocation, $"look up visitor '{visitorId}' while importing '{path}'", e);
            }

            // Unannounced IDs repeat across a file: remember them (bounded) until the next chunk is announced.
            if (visitors.Count >= CacheLimit) visitors.Clear();
            visitors[visitorId] = known;
            return known;
        }

        public void AddRow(OfflineDataRecord record, MatchResult match)
        {
            if (finished) throw new InvalidOperationException("The import session has ended.");
            if (record == null) throw new ArgumentNullException(nameof(record));
            if (match == null) throw new ArgumentNullException(nameof(match));
            CountCustomer(record.CustomerId);

            // A dry run stores no row: it only counts distinct customers.
            if (IsDryRun) return;

            if (filling == null)
            {
                filling = new PostgresCopyBuffer(PieceBytes + (PieceBytes >> 2));
                filling.Reset(header: copyStarts);
                copyStarts = false;
            }

            Encode(filling, record, match);
            imported++;
            revenue += record.Num2;
            switch (match.OutcomeValue)
            {
                case MatchOutcome.TransactionId: matchedByTransactionId++; break;
                case MatchOutcome.CustomerId: matchedByCustomerId++; break;
                default:
                    unattributed++;
                    var reason = Name(match.ReasonValue);
                    unattributedByReason.TryGetValue(reason, out var n);
                    unattributedByReason[reason] = n + 1;
                    break;
            }

            if (filling.Length >= PieceBytes) StartCopy(last: false);
        }

        public long CountDistinctCustomers()
        {
            Flush();
            FlushCustomers();
            try
            {
                using var command = LookupConnection.CreateCommand();
                command.CommandText = "SELECT count(DISTINCT id) FROM offlinedata_import_customer;";
                return (long)command.ExecuteScalar()!;
            }
            catch (Exception e) when (PostgresFailure.IsDriverFailure(e))
            {
                throw PostgresFailure.From(store.ParsedLocation, $"count the customers of '{path}'", e);
            }
        }

        public ImportLedgerEntry? Commit(ImportFileCounts counts)
        {
            if (counts == null) throw new ArgumentNullException(nameof(counts));
            if (finished) throw new InvalidOperationException("The import session has ended.");
            if (IsDryRun)
            {
                finished = true;
                return null;
            }

            try
            {
                var stored = WriteLedgerAndCommit(counts);
                finished = true;
                return stored;
            }
            catch (Exception e) when (PostgresFailure.IsDriverFailure(e))
            {
                finished = true;
                PostgresOfflineDataStore.SafeRollback(transaction!);
                throw PostgresFailure.From(store.ParsedLocation, $"commit the import of '{path}'", e);
            }
            catch
            {
                finished = true;
                PostgresOfflineDataStore.SafeRollback(transaction!);
                throw;
            }
        }

        private ImportLedgerEntry WriteLedgerAndCommit(ImportFileCounts counts)
        {
            var distinctCustomers = CountDistinctCustomers();
            var byReason = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in unattributedByReason) byReason[pair.Key] = pair.Value.ToString(CultureInfo.InvariantCulture);

            // A forced re-import of the same content replaces the earlier import: remove its rows, keep its ledger entry.
            // The earlier imports' IDs are read first, so the row delete is a plain = ANY on the distributed table.
            var earlier = new List<long>();
            using (var find = Connection.CreateCommand())
            {
                find.CommandText = "SELECT id FROM offlinedata.import WHERE report_suite = @suite AND sha256 = @sha AND status = 'Completed' AND id <> @id;";
                find.Parameters.Add(new NpgsqlParameter("suite", NpgsqlDbType.Text) { Value = reportSuite });
                find.Parameters.Add(new NpgsqlParameter("sha", NpgsqlDbType.Text) { Value = sha256 });
                find.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Bigint) { Value = ImportId!.Value });
                using var reader = find.ExecuteReader();
                while (reader.Read()) earlier.Add(reader.GetInt64(0));
            }

            if (earlier.Count > 0)
            {
                using var supersede = Connection.CreateCommand();
                supersede.CommandText = @"DELETE FROM offlinedata.offline_row WHERE import_id = ANY(@earlier);
UPDATE offlinedata.import SET status = 'Superseded', superseded_by = @id WHERE id = ANY(@earlier);";
                supersede.Parameters.Add(new NpgsqlParameter("earlier", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = earlier.ToArray() });
                supersede.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Bigint) { Value = ImportId!.Value });
                supersede.ExecuteNonQuery();
            }

            using (var update = Connection.CreateCommand())
            {
                update.CommandText = @"UPDATE offlinedata.import SET ended_at = @ended, status = 'Completed', rows = @rows, imported = @imported,
    matched_transaction = @mt, matched_customer = @mc, unattributed = @un, unattributed_by_reason = @byReason, rejected = @rejected,
    duplicates = @duplicates, warnings = @warnings, revenue = @revenue, distinct_customers = @customers, quarantine_path = @quarantine
WHERE id = @id;";
                update.Parameters.Add(new NpgsqlParameter("ended", NpgsqlDbType.TimestampTz) { Value = PostgresOfflineDataStore.Now() });
                update.Parameters.Add(new NpgsqlParameter("rows", NpgsqlDbType.Bigint) { Value = counts.Rows });
                update.Parameters.Add(new NpgsqlParameter("imported", NpgsqlDbType.Bigint) { Value = imported });
                update.Parameters.Add(new NpgsqlParameter("mt", NpgsqlDbType.Bigint) { Value = matchedByTransactionId });
                update.Parameters.Add(new NpgsqlParameter("mc", NpgsqlDbType.Bigint) { Value = matchedByCustomerId });
                update.Parameters.Add(new NpgsqlParameter("un", NpgsqlDbType.Bigint) { Value = unattributed });
                update.Parameters.Add(new NpgsqlParameter("byReason", NpgsqlDbType.Text) { Value = StateCodec.Encode(byReason) });
                update.Parameters.Add(new NpgsqlParameter("rejected", NpgsqlDbType.Bigint) { Value = counts.Rejected });
                update.Parameters.Add(new NpgsqlParameter("duplicates", NpgsqlDbType.Bigint) { Value = counts.Duplicates });
                update.Parameters.Add(new NpgsqlParameter("warnings", NpgsqlDbType.Bigint) { Value = counts.Warnings });
                update.Parameters.Add(new NpgsqlParameter("revenue", NpgsqlDbType.Numeric) { Value = revenue });
                update.Parameters.Add(new NpgsqlParameter("customers", NpgsqlDbType.Bigint) { Value = distinctCustomers });
                update.Parameters.Add(new NpgsqlParameter("quarantine", NpgsqlDbType.Text) { Value = (object?)counts.QuarantinePath ?? DBNull.Value });
                update.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Bigint) { Value = ImportId!.Value });
                update.ExecuteNonQuery();
            }

            // Read back inside the transaction: what is returned is what was stored.
            var stored = store.ReadLedgerEntry(ImportId!.Value);
            transaction!.Commit();
            SummarizeNewRanges();
            return stored;
        }

        /// <summary>
        /// Summarizes the BRIN ranges the import filled (row and import IDs), so -RowId and -ImportId find its rows at
        /// once instead of scanning every range not yet summarized. After the commit, in its own short transaction with
        /// a lock timeout: it takes a table lock that VACUUM also takes, which must not be held while the import commits.
        /// Best effort: the import is stored either way, and autosummarize summarizes the ranges later.
        /// </summary>
        private void SummarizeNewRanges()
        {
            try
            {
                using var command = Connection.CreateCommand();
                command.CommandText = @"BEGIN; SET LOCAL lock_timeout = '5s';
SELECT brin_summarize_new_values('offlinedata.offline_row_row_id'::regclass), brin_summarize_new_values('offlinedata.offline_row_import'::regclass);
COMMIT;";
                command.ExecuteNonQuery();
            }
            catch (Exception e) when (PostgresFailure.IsDriverFailure(e))
            {
                // Not the index owner, a lock not granted in time, the connection gone: the rows are committed already.
                try
                {
                    using var rollback = Connection.CreateCommand();
                    rollback.CommandText = "ROLLBACK;";
                    rollback.ExecuteNonQuery();
                }
                catch (Exception again) when (PostgresFailure.IsDriverFailure(again) || again is InvalidOperationException)
                {
                }
            }
        }

        /// <summary>Writes the rows still buffered and ends the file's COPY (if one was begun), and waits for it.</summary>
        private void Flush()
        {
            if (!copyStarts)
            {
                // A COPY has begun: its last piece (perhaps holding no row) carries the trailer.
                if (filling == null)
                {
                    WaitForCopy();
                    filling = spare ?? new PostgresCopyBuffer(64);
                    spare = null;
                    filling.Reset(header: false);
                }

                StartCopy(last: true);
            }

            WaitForCopy();
            // A row added after this (none is, today) would begin a new COPY.
            copyStarts = true;
        }

        /// <summary>Remembers a customer for the distinct count: in memory while the bounded set holds it, else in the TEMP table.</summary>
        private void CountCustomer(string customerId)
        {
            if (countedCustomers.Contains(customerId)) return;
            if (countedCustomers.Count >= CacheLimit) countedCustomers.Clear();
            countedCustomers.Add(customerId);
            pendingCustomers.Add(customerId);
            if (pendingCustomers.Count >= ChunkRows) FlushCustomers();
        }

        /// <summary>Writes the customer IDs not yet in the TEMP table (a binary COPY on the lookup connection).</summary>
        private void FlushCustomers()
        {
            if (pendingCustomers.Count == 0) return;
            try
            {
                // The async COPY API, waited for here: no synchronization context is captured (ConfigureAwait(false)),
                // and a net8.0 build with a newer Npgsql keeps this code as it is.
                CopyCustomersAsync(LookupConnection).GetAwaiter().GetResult();
            }
            catch (Exception e) when (PostgresFailure.IsDriverFailure(e))
            {
                throw PostgresFailure.From(store.ParsedLocation, $"count the customers of '{path}'", e);
            }
            finally
            {
                pendingCustomers.Clear();
            }
        }

        /// <summary>
        /// Hands the filled piece to a pool thread (after the previous piece is written) and goes on with the other
        /// array; the last piece carries the trailer and ends the COPY.
        /// </summary>
        private void StartCopy(bool last)
        {
            WaitForCopy();
            var full = filling!;
            filling = last ? null : spare;
            spare = null;
            filling?.Reset(header: false);
            if (last) full.Complete();
            copying = Task.Run(() => CopyRowsAsync(full, last));
        }

        /// <summary>Waits for the COPY under way, if any; its failure is this call's.</summary>
        private void WaitForCopy()
        {
            var task = copying;
            if (task == null) return;
            copying = null;
            try
            {
                task.GetAwaiter().GetResult();
            }
            catch (Exception e) when (PostgresFailure.IsDriverFailure(e))
            {
                throw PostgresFailure.From(store.ParsedLocation, $"store the rows of '{path}'", e);
            }
        }

        private async Task CopyRowsAsync(PostgresCopyBuffer piece, bool last)
        {
            var data = piece.Data;
            copy ??= await Connection.BeginRawBinaryCopyAsync(CopyRows).ConfigureAwait(false);
            await copy.WriteAsync(data.Array!, data.Offset, data.Count).ConfigureAwait(false);
            if (last)
            {
                // Ends the COPY (CopyDone) and waits for the server to accept the rows.
                var ended = copy;
                copy = null;
                ended.Dispose();
                return;
            }

            // Written: the array is reused for the piece after next.
            spare = piece;
        }

        private void Encode(PostgresCopyBuffer buffer, OfflineDataRecord record, MatchResult match)
        {
            buffer.StartRow(35);
            buffer.Text(record.CustomerId);
            buffer.Int64(ImportId!.Value);
            buffer.Text(reportSuiteUtf8);
            buffer.Timestamp(record.Timestamp);
            buffer.Int32(record.EventType);
            buffer.Text(record.Category);
            buffer.Text(record.EventName);
            buffer.Numeric(record.Num1);
            buffer.Numeric(record.Num2);
            buffer.Text(record.Var1);
            buffer.Text(record.Var2);
            buffer.Text(record.Var3);
            buffer.Text(record.Var4);
            buffer.Text(record.Var5);
            buffer.Text(record.EventNameAttr1);
            buffer.Text(record.EventNameAttr2);
            buffer.Text(record.EventNameAttr3);
            buffer.Text(record.EventNameAttr4);
            buffer.Text(record.EventNameAttr5);
            buffer.Text(record.EventNameAttr6);
            buffer.Text(record.EventNameAttr7);
            buffer.Text(record.EventNameAttr8);
            buffer.Text(record.EventNameAttr9);
            buffer.Text(record.EventNameAttr10);
            if (record.TransactionAttributes.Count == 0) buffer.Text(EmptyArray);
            else buffer.Text(StateCodec.EncodeArray(record.TransactionAttributes));
            buffer.Text(record.Entry);
            buffer.Int64(record.Line);
            buffer.Int64(record.RowIndex);
            buffer.Text(NameUtf8(match.OutcomeValue));
            buffer.Text(NameUtf8(match.ReasonValue));
            buffer.Text(NameUtf8(match.TransactionReasonValue));
            buffer.Text(match.TransactionId);
            buffer.Text(match.CreditedVisitorId);
            if (match.OnlineTimestamp.HasValue) buffer.Timestamp(match.OnlineTimestamp.Value);
            else buffer.Null();
            if (match.State == null || match.State.Count == 0) buffer.Text(EmptyObject);
            else buffer.Text(StateCodec.Encode(match.State));
        }

        // Most rows have no transaction attributes and no state: the constants, not a string built per row.
        private static readonly byte[] EmptyArray = Encoding.UTF8.GetBytes("[]");
        private static readonly byte[] EmptyObject = Encoding.UTF8.GetBytes("{}");

        // The enums' names as stored (text columns), made once per value instead of once per row.
        private static readonly ConcurrentDictionary<MatchOutcome, byte[]> OutcomeNames = new ConcurrentDictionary<MatchOutcome, byte[]>();
        private static readonly ConcurrentDictionary<MatchReason, byte[]> ReasonNames = new ConcurrentDictionary<MatchReason, byte[]>();
        private static readonly ConcurrentDictionary<MatchReason, string> ReasonTexts = new ConcurrentDictionary<MatchReason, string>();

        private static byte[] NameUtf8(MatchOutcome value) => OutcomeNames.GetOrAdd(value, v => Encoding.UTF8.GetBytes(v.ToString()));

        private static byte[] NameUtf8(MatchReason value) => ReasonNames.GetOrAdd(value, v => Encoding.UTF8.GetBytes(v.ToString()));

        private static string Name(MatchReason value) => ReasonTexts.GetOrAdd(value, v => v.ToString());

        private async Task CopyCustomersAsync(NpgsqlConnection connection)
        {
            using var writer = await connection.BeginBinaryImportAsync("COPY offlinedata_import_customer (id) FROM STDIN (FORMAT BINARY)").ConfigureAwait(false);
            foreach (var id in pendingCustomers)
            {
                await writer.StartRowAsync().ConfigureAwait(false);
                await writer.WriteAsync(id, NpgsqlDbType.Text).ConfigureAwait(false);
            }

            await writer.CompleteAsync().ConfigureAwait(false);
        }

        public void Dispose()
        {
            try
            {
                // The connection is not free until the COPY under way has ended; its failure no longer matters: all goes.
                copying?.Wait();
            }
            catch (AggregateException)
            {
            }

            copying = null;
            if (copy != null)
            {
                // A COPY still open (the import failed or was stopped): fail it, so its rows are never completed.
                try
                {
                    copy.Cancel();
                }
                catch (Exception e) when (PostgresFailure.IsDriverFailure(e) || e is InvalidOperationException || e is ObjectDisposedException)
                {
                }

                copy = null;
            }

            findTransaction?.Dispose();
            findVisitor?.Dispose();
            findChunk?.Dispose();
            lookupConnection?.Dispose();
            if (transaction != null)
            {
                // Not committed: the whole file goes, ledger row included.
                if (!finished) PostgresOfflineDataStore.SafeRollback(transaction);
                transaction.Dispose();
            }

            finished = true;
        }
    }
}
