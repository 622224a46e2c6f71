using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.Data.Sqlite;
using OfflineData.Core.Format;
using OfflineData.Core.Matching;

namespace OfflineData.Core.Store.Sqlite
{
    /// <summary>
    /// One file's import inside one SQLite write transaction (begun by the store). The ledger row is inserted
    /// first, inside the same transaction, so a killed process leaves neither rows nor a ledger entry behind.
    /// </summary>
    internal sealed class SqliteImportSession : IImportSession
    {
        private readonly SqliteOfflineDataStore store;
        // What the caller described, copied: the caller's entry is never written to.
        private readonly string reportSuite;
        private readonly string path;
        private readonly string sha256;
        private readonly SqliteCommand findTransaction;
        private readonly SqliteCommand findVisitor;
        private readonly SqliteRawStatement? insertRow;
        private readonly SqliteCommand rememberCustomer;
        private bool finished;

        // Bounded caches: customer IDs repeat across a file, and a database round trip per row is most of the
        // cost of matching. Cleared when full, so memory does not grow with the file.
        private const int CacheLimit = 100_000;
        private readonly Dictionary<string, bool> knownVisitors = new Dictionary<string, bool>(StringComparer.Ordinal);
        private readonly HashSet<string> countedCustomers = new HashSet<string>(StringComparer.Ordinal);

        public SqliteImportSession(SqliteOfflineDataStore store, ImportLedgerEntry entry, RecordingSettings? recording, ImportLedgerEntry? alreadyImported, bool dryRun)
        {
            this.store = store;
            reportSuite = entry.ReportSuite;
            path = entry.Path;
            sha256 = entry.Sha256;
            Recording = recording;
            AlreadyImported = alreadyImported;
            IsDryRun = dryRun;
            var connection = store.Connection;

            findTransaction = connection.CreateCommand();
            findTransaction.CommandText = "SELECT visitor_id, occurred_at, state, recorded_at, duplicate_count FROM online_transaction WHERE report_suite = $suite AND transaction_id = $id;";
            findTransaction.Parameters.AddWithValue("$suite", reportSuite);
            findTransaction.Parameters.Add("$id", SqliteType.Text);

            findVisitor = connection.CreateCommand();
            findVisitor.CommandText = "SELECT 1 FROM visitor WHERE report_suite = $suite AND visitor_id = $id;";
            findVisitor.Parameters.AddWithValue("$suite", reportSuite);
            findVisitor.Parameters.Add("$id", SqliteType.Text);

            // Distinct customers are counted by the database, so memory does not grow with the file: in a TEMP table
            // (the temp database is not the store file, so a dry run writes nothing to the store either).
            SqliteOfflineDataStore.Execute(connection, "CREATE TEMP TABLE IF NOT EXISTS import_customer (id TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID; DELETE FROM temp.import_customer;");
            rememberCustomer = connection.CreateCommand();
            rememberCustomer.CommandText = "INSERT OR IGNORE INTO temp.import_customer (id) VALUES ($id);";
            rememberCustomer.Parameters.Add("$id", SqliteType.Text);

            if (!dryRun)
            {
                ImportId = store.InsertLedger(entry, ImportStatus.Completed);
                // Numbered parameters bound by position (SqliteRawStatement); ?1 and ?2 are the same for every row,
                // bound once (a reset keeps bindings).
                insertRow = new SqliteRawStatement(connection, @"INSERT INTO offline_row (import_id, report_suite, occurred_at, customer_id, event_type, category, event_name, num1, num2,
    var1, var2, var3, var4, var5, attr1, attr2, attr3, attr4, attr5, attr6, attr7, attr8, attr9, attr10,
    transaction_attributes, entry, line, row_index, outcome, reason, transaction_reason, transaction_id, credited_visitor, online_time, state)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24,
    ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35);");
                insertRow.BindInt64(1, ImportId.Value);
                insertRow.BindText(2, reportSuite);
            }
        }

        public RecordingSettings? Recording { get; }

        public bool IsDryRun { get; }

        public long? ImportId { get; }

        public ImportLedgerEntry? AlreadyImported { get; }

        // What the session stored, counted as it stores it: the ledger's counts are the store's, not the caller's.
        private long imported;
        private long matchedByTransactionId;
        private long matchedByCustomerId;
        private long unattributed;
        private decimal revenue;
        private readonly SortedDictionary<string, long> unattributedByReason = new SortedDictionary<string, long>(StringComparer.Ordinal);

        // SQLite is in-process: a lookup is a B-tree search, not a round trip, so rows look up one by one.
        public void PrepareLookups(IReadOnlyCollection<string> transactionIds, IReadOnlyCollection<string> customerIds)
        {
        }

        public OnlineTransaction? FindTransaction(string transactionId)
        {
            try
            {
                findTransaction.Parameters["$id"].Value = transactionId;
                using var reader = findTransaction.ExecuteReader();
                if (!reader.Read()) return null;
                return new OnlineTransaction(reportSuite, transactionId, reader.GetString(0), StoreTime.ParseEvent(reader.GetString(1)),
                    StateCodec.Decode(reader.GetString(2)), StoreTime.ParseUtc(reader.GetString(3)), reader.GetInt64(4));
            }
            catch (SqliteException e)
            {
                throw StoreFailure.From(store.Location, $"look up transaction '{transactionId}' while importing '{path}'", e);
            }
        }

        public bool IsKnownVisitor(string visitorId)
        {
            if (knownVisitors.TryGetValue(visitorId, out var known)) return known;
            try
            {
                findVisitor.Parameters["$id"].Value = visitorId;
                known = findVisitor.ExecuteScalar() != null;
            }
            catch (SqliteException e)
            {
                throw StoreFailure.From(store.Location, $"look up visitor '{visitorId}' while importing '{path}'", e);
            }

            if (knownVisitors.Count >= CacheLimit) knownVisitors.Clear();
            knownVisitors[visitorId] = known;
            return known;
        }

        public void AddRow(OfflineDataRecord record, MatchResult match)
        {
            if (finished) throw new InvalidOperationException("The import session has ended.");
            // Distinct customers are counted in a TEMP table as rows come (a bounded cache in front of it, so a
            // repeating customer costs no statement): counting them from the stored rows at commit read every row again.
            if (!countedCustomers.Contains(record.CustomerId))
            {
                if (countedCustomers.Count >= CacheLimit) countedCustomers.Clear();
                countedCustomers.Add(record.CustomerId);
                rememberCustomer.Parameters["$id"].Value = record.CustomerId;
                Execute(rememberCustomer, "count the customers of");
            }

            if (IsDryRun) return;
            try
            {
                var insert = insertRow!;
                insert.BindInt64(3, StoreTime.EventNumber(record.Timestamp));
                insert.BindText(4, record.CustomerId);
                insert.BindInt64(5, record.EventType);
                insert.BindText(6, record.Category);
                insert.BindText(7, record.EventName);
                insert.BindText(8, record.Num1.ToString(CultureInfo.InvariantCulture));
                insert.BindText(9, record.Num2.ToString(CultureInfo.InvariantCulture));
                // var1-var5 and EventName Attr1-10 are columns 8-22 of the format, parameters 10-24.
                for (int column = 8; column <= OfflineDataSchema.NamedColumnCount; column++)
                {
                    insert.BindText(column + 2, record.GetText(column));
                }

                // Most rows have no transaction attributes and no state: the empty texts without building them.
                insert.BindText(25, record.TransactionAttributes.Count == 0 ? "[]" : StateCodec.EncodeArray(record.TransactionAttributes));
                insert.BindText(26, record.Entry);
                insert.BindInt64(27, record.Line);
                insert.BindInt64(28, record.RowIndex);
                // Stored by the enums' fixed numbers (schema version 3).
                insert.BindInt64(29, (long)match.OutcomeValue);
                insert.BindInt64(30, (long)match.ReasonValue);
                insert.BindInt64(31, (long)match.TransactionReasonValue);
                insert.BindText(32, match.TransactionId);
                insert.BindText(33, match.CreditedVisitorId);
                if (match.OnlineTimestamp.HasValue) insert.BindInt64(34, StoreTime.EventNumber(match.OnlineTimestamp.Value));
                else insert.BindText(34, null);
                insert.BindText(35, match.State == null || match.State.Count == 0 ? "{}" : StateCodec.Encode(match.State));
                insert.Execute();
            }
            catch (SqliteException e)
            {
                throw StoreFailure.From(store.Location, $"store a row of '{path}'", e);
            }

            imported++;
            revenue += record.Num2;
            switch (match.OutcomeValue)
            {
                case MatchOutcome.TransactionId: matchedByTransactionId++; break;
                case MatchOutcome.CustomerId: matchedByCustomerId++; break;
                default:
                    unattributed++;
                    var reason = match.Reason.ToString();
                    unattributedByReason.TryGetValue(reason, out var n);
                    unattributedByReason[reason] = n + 1;
                    break;
            }
        }

        // Every SQLite failure leaves the session as a StoreException, so the importer never sees a driver type.
        private void Execute(SqliteCommand command, string action)
        {
            try
            {
                command.ExecuteNonQuery();
            }
            catch (SqliteException e)
            {
                throw StoreFailure.From(store.Location, $"{action} '{path}'", e);
            }
        }

        public long CountDistinctCustomers()
        {
            using var command = store.Connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM temp.import_customer;";
            try
            {
                return (long)command.ExecuteScalar()!;
            }
            catch (SqliteException e)
            {
                throw StoreFailure.From(store.Location, $"count the customers of '{path}'", e);
            }
        }

        public ImportLedgerEntry? Commit(ImportFileCounts counts)
        {
            if (counts == null) throw new ArgumentNullException(nameof(counts));
            if (finished) throw new InvalidOperationException("The import session has ended.");
            finished = true;
            if (IsDryRun) return null;
            try
            {
                return WriteLedgerAndCommit(counts);
            }
            catch (SqliteException e)
            {
                // Finished, so Dispose will not roll back: undo here, or the next file would find a transaction open.
                store.Rollback();
                throw StoreFailure.From(store.Location, $"commit the import of '{path}'", e);
            }
        }

        private ImportLedgerEntry WriteLedgerAndCommit(ImportFileCounts counts)
        {
            var byReason = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in unattributedByReason) byReason[pair.Key] = pair.Value.ToString(CultureInfo.InvariantCulture);
            var distinctCustomers = CountDistinctCustomers();

            using (var supersede = store.Connection.CreateCommand())
            {
                // A forced re-import of the same content replaces the earlier import: remove its rows, keep its ledger entry.
                supersede.CommandText = @"
DELETE FROM offline_row WHERE import_id IN (SELECT id FROM import WHERE report_suite = $suite AND sha256 = $sha AND status = 'Completed' AND id <> $id);
UPDATE import SET status = 'Superseded', superseded_by = $id WHERE report_suite = $suite AND sha256 = $sha AND status = 'Completed' AND id <> $id;";
                supersede.Parameters.AddWithValue("$suite", reportSuite);
                supersede.Parameters.AddWithValue("$sha", sha256);
                supersede.Parameters.AddWithValue("$id", ImportId!.Value);
                supersede.ExecuteNonQuery();
            }

            using (var update = store.Connection.CreateCommand())
            {
                update.CommandText = @"UPDATE import SET ended_at = $ended, status = 'Completed', rows = $rows, imported = $imported,
    matched_transaction = $mt, matched_customer = $mc, unattributed = $un, unattributed_by_reason = $byReason, rejected = $rejected,
    duplicates = $duplicates, warnings = $warnings, revenue = $revenue, distinct_customers = $customers, quarantine_path = $quarantine
WHERE id = $id;";
                update.Parameters.AddWithValue("$ended", StoreTime.Utc(DateTimeOffset.UtcNow));
                update.Parameters.AddWithValue("$rows", counts.Rows);
                update.Parameters.AddWithValue("$imported", imported);
                update.Parameters.AddWithValue("$mt", matchedByTransactionId);
                update.Parameters.AddWithValue("$mc", matchedByCustomerId);
                update.Parameters.AddWithValue("$un", unattributed);
                update.Parameters.AddWithValue("$byReason", StateCodec.Encode(byReason));
                update.Parameters.AddWithValue("$rejected", counts.Rejected);
                update.Parameters.AddWithValue("$duplicates", counts.Duplicates);
                update.Parameters.AddWithValue("$warnings", counts.Warnings);
                update.Parameters.AddWithValue("$revenue", revenue.ToString(CultureInfo.InvariantCulture));
                update.Parameters.AddWithValue("$customers", distinctCustomers);
                update.Parameters.AddWithValue("$quarantine", (object?)counts.QuarantinePath ?? DBNull.Value);
                update.Parameters.AddWithValue("$id", ImportId!.Value);
                update.ExecuteNonQuery();
            }

            // Read back inside the transaction: what is returned is what was stored.
            var stored = store.ReadLedgerEntry(ImportId!.Value);
            SqliteOfflineDataStore.Execute(store.Connection, "COMMIT;");
            store.EnforceForeignKeys();
            return stored;
        }

        public void Dispose()
        {
            findTransaction.Dispose();
            findVisitor.Dispose();
            insertRow?.Dispose();
            rememberCustomer.Dispose();
            if (!finished && !IsDryRun)
            {
                // Not committed: the whole file goes, ledger row included.
                store.Rollback();
            }

            finished = true;
        }
    }
}
