using System;
using Npgsql;
using NpgsqlTypes;

namespace OfflineData.Core.Store.Postgres
{
    /// <summary>
    /// Online activity recorded inside one PostgreSQL transaction holding the report suite's lock (begun by the store).
    /// First occurrence wins with one single-shard statement on Citus: <c>INSERT … ON CONFLICT DO NOTHING</c> on the
    /// transaction ID; a duplicate only counts.
    /// </summary>
    internal sealed class PostgresOnlineRecordingSession : IOnlineRecordingSession
    {
        private readonly PostgresOfflineDataStore store;
        private readonly NpgsqlTransaction transaction;
        private readonly NpgsqlCommand insertTransaction;
        private readonly NpgsqlCommand countDuplicate;
        private readonly NpgsqlCommand upsertVisitor;
        private bool finished;
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

            upsertVisitor = connection.CreateCommand();
            upsertVisitor.CommandText = @"INSERT INTO offlinedata.visitor AS v (visitor_id, report_suite, first_seen, last_seen) VALUES (@id, @suite, @time, @time)
ON CONFLICT (visitor_id, report_suite) DO UPDATE SET first_seen = LEAST(v.first_seen, excluded.first_seen), last_seen = GREATEST(v.last_seen, excluded.last_seen);";
            upsertVisitor.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Text));
            upsertVisitor.Parameters.Add(new NpgsqlParameter("suite", NpgsqlDbType.Text) { Value = reportSuite });
            upsertVisitor.Parameters.Add(new NpgsqlParameter("time", NpgsqlDbType.Timestamp));
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
                    upsertVisitor.Prepare();
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

            upsertVisitor.Parameters[0].Value = activity.VisitorId;
            upsertVisitor.Parameters[2].Value = time;
            upsertVisitor.ExecuteNonQuery();
            return outcome;
        }

        public void Commit()
        {
            if (finished) throw new InvalidOperationException("The recording session has ended.");
            finished = true;
            try
            {
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
            upsertVisitor.Dispose();
            if (!finished) PostgresOfflineDataStore.SafeRollback(transaction);
            transaction.Dispose();
            finished = true;
        }
    }
}
