using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;
using NpgsqlTypes;

namespace OfflineData.Core.Store.Postgres
{
    /// <summary>
    /// Online activity recorded inside one PostgreSQL transaction holding the report suite's lock (begun by the store).
    /// First occurrence wins with one single-shard statement on Citus: <c>INSERT … ON CONFLICT DO NOTHING</c> on the
    /// transaction ID; a duplicate only counts. Visitors seen are merged in memory (first and last seen per ID) and
    /// written in batches of <see cref="VisitorBatch"/> with one statement, so a row without a transaction ID costs no
    /// round trip.
    /// </summary>
    internal sealed class PostgresOnlineRecordingSession : IOnlineRecordingSession
    {
        private readonly PostgresOfflineDataStore store;
        private readonly NpgsqlTransaction transaction;
        private readonly NpgsqlCommand insertTransaction;
        private readonly NpgsqlCommand countDuplicate;
        private readonly NpgsqlCommand upsertVisitors;
        private readonly Dictionary<string, (DateTime First, DateTime Last)> visitors = new Dictionary<string, (DateTime, DateTime)>(StringComparer.Ordinal);
        private bool finished;

        /// <summary>Distinct visitors kept in memory before they are written.</summary>
        internal const int VisitorBatch = 10_000;
        private bool prepared;

        public PostgresOnlineRecordingSession(PostgresOfflineDataStore store, NpgsqlTransaction transaction, string reportSuite, RecordingSettings? recording)
        {
            this.store = store;
            this.transaction = transaction;
            Recording = recording;
            var connection = store.Connection;

            insertTransaction = connection.CreateCommand();
            insertTransaction.CommandText = @"INSERT INTO offlinedata.online_transaction (transaction_id, report_suite, visitor_id, occurred_at, state, recorded_at)
VALUES (@id, @suite, @visitor, @time, @state, @now) ON CONFLICT (transaction_id, report_suite) DO NOTHING;";
            insertTransaction.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Text));
            insertTransaction.Parameters.Add(new NpgsqlParameter("suite", NpgsqlDbType.Text) { Value = reportSuite });
            insertTransaction.Parameters.Add(new NpgsqlParameter("visitor", NpgsqlDbType.Text));
            insertTransaction.Parameters.Add(new NpgsqlParameter("time", NpgsqlDbType.Timestamp));
            insertTransaction.Parameters.Add(new NpgsqlParameter("state", NpgsqlDbType.Text));
            insertTransaction.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz));

            countDuplicate = connection.CreateCommand();
            countDuplicate.CommandText = "UPDATE offlinedata.online_transaction SET duplicate_count = duplicate_count + 1 WHERE transaction_id = @id AND report_suite = @suite;";
            countDuplicate.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Text));
            countDuplicate.Parameters.Add(new NpgsqlParameter("suite", NpgsqlDbType.Text) { Value = reportSuite });

            // One statement per batch; the batch holds each visitor once, so ON CONFLICT meets each row at most once.
            upsertVisitors = connection.CreateCommand();
            upsertVisitors.CommandText = @"INSERT INTO offlinedata.visitor AS v (visitor_id, report_suite, first_seen, last_seen)
SELECT t.id, @suite, t.first_seen, t.last_seen FROM unnest(@ids, @firsts, @lasts) AS t(id, first_seen, last_seen)
ON CONFLICT (visitor_id, report_suite) DO UPDATE SET first_seen = LEAST(v.first_seen, excluded.first_seen), last_seen = GREATEST(v.last_seen, excluded.last_seen);";
            upsertVisitors.Parameters.Add(new NpgsqlParameter("suite", NpgsqlDbType.Text) { Value = reportSuite });
            upsertVisitors.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text));
            upsertVisitors.Parameters.Add(new NpgsqlParameter("firsts", NpgsqlDbType.Array | NpgsqlDbType.Timestamp));
            upsertVisitors.Parameters.Add(new NpgsqlParameter("lasts", NpgsqlDbType.Array | NpgsqlDbType.Timestamp));
        }

        public RecordingSettings? Recording { get; }

        public OnlineRecordOutcome Record(OnlineActivity activity)
        {
            if (finished) throw new InvalidOperationException("The recording session has ended.");
            if (activity == null) throw new ArgumentNullException(nameof(activity));
            try
            {
                if (!prepared)
                {
                    // Server-side prepared once, executed per row.
                    insertTransaction.Prepare();
                    countDuplicate.Prepare();
                    prepared = true;
                }

                return Write(activity);
            }
            catch (Exception e) when (PostgresFailure.IsDriverFailure(e))
            {
                throw PostgresFailure.From(store.ParsedLocation, "record online activity", e);
            }
        }

        private OnlineRecordOutcome Write(OnlineActivity activity)
        {
            var time = PostgresOfflineDataStore.Event(activity.Timestamp);
            var outcome = OnlineRecordOutcome.VisitorRecorded;
            if (activity.TransactionId != null)
            {
                if (Recording == null || !Recording.Enabled) return OnlineRecordOutcome.RecordingDisabled;

                var p = insertTransaction.Parameters;
                p[0].Value = activity.TransactionId;
                p[2].Value = activity.VisitorId;
                p[3].Value = time;
                p[4].Value = StateCodec.Encode(activity.State);
                p[5].Value = PostgresOfflineDataStore.Now();
                if (insertTransaction.ExecuteNonQuery() == 0)
                {
                    countDuplicate.Parameters[0].Value = activity.TransactionId;
                    countDuplicate.ExecuteNonQuery();
                    return OnlineRecordOutcome.DuplicateTransaction;
                }

                outcome = OnlineRecordOutcome.TransactionRecorded;
            }

            if (visitors.TryGetValue(activity.VisitorId, out var seen))
            {
                visitors[activity.VisitorId] = (time < seen.First ? time : seen.First, time > seen.Last ? time : seen.Last);
            }
            else
            {
                visitors[activity.VisitorId] = (time, time);
                if (visitors.Count >= VisitorBatch) WriteVisitors();
            }

            return outcome;
        }

        private void WriteVisitors()
        {
            if (visitors.Count == 0) return;
            upsertVisitors.Parameters[1].Value = visitors.Keys.ToArray();
            upsertVisitors.Parameters[2].Value = visitors.Values.Select(v => v.First).ToArray();
            upsertVisitors.Parameters[3].Value = visitors.Values.Select(v => v.Last).ToArray();
            upsertVisitors.ExecuteNonQuery();
            visitors.Clear();
        }

        public void Commit()
        {
            if (finished) throw new InvalidOperationException("The recording session has ended.");
            finished = true;
            try
            {
                WriteVisitors();
                transaction.Commit();
            }
            catch (Exception e) when (PostgresFailure.IsDriverFailure(e))
            {
                PostgresOfflineDataStore.SafeRollback(transaction);
                throw PostgresFailure.From(store.ParsedLocation, "commit the recorded online activity", e);
            }
        }

        public void Dispose()
        {
            insertTransaction.Dispose();
            countDuplicate.Dispose();
            upsertVisitors.Dispose();
            if (!finished) PostgresOfflineDataStore.SafeRollback(transaction);
            transaction.Dispose();
            finished = true;
        }
    }
}
