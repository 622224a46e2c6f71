using System;
using Microsoft.Data.Sqlite;

namespace OfflineData.Core.Store.Sqlite
{
    /// <summary>Online activity recorded inside one SQLite write transaction (begun by the store).</summary>
    internal sealed class SqliteOnlineRecordingSession : IOnlineRecordingSession
    {
        private readonly SqliteOfflineDataStore store;
        private readonly SqliteCommand insertTransaction;
        private readonly SqliteCommand countDuplicate;
        private readonly SqliteCommand upsertVisitor;
        private bool finished;

        public SqliteOnlineRecordingSession(SqliteOfflineDataStore store, string reportSuite, RecordingSettings? recording)
        {
            this.store = store;
            Recording = recording;
            var connection = store.Connection;

            // First occurrence wins: a second insert of the same ID changes nothing but the duplicate count.
            insertTransaction = connection.CreateCommand();
            insertTransaction.CommandText = @"INSERT INTO online_transaction (report_suite, transaction_id, visitor_id, occurred_at, state, recorded_at)
VALUES ($suite, $id, $visitor, $time, $state, $now) ON CONFLICT (report_suite, transaction_id) DO NOTHING;";
            insertTransaction.Parameters.AddWithValue("$suite", reportSuite);
            foreach (var name in new[] { "$id", "$visitor", "$time", "$state", "$now" }) insertTransaction.Parameters.Add(name, SqliteType.Text);

            countDuplicate = connection.CreateCommand();
            countDuplicate.CommandText = "UPDATE online_transaction SET duplicate_count = duplicate_count + 1 WHERE report_suite = $suite AND transaction_id = $id;";
            countDuplicate.Parameters.AddWithValue("$suite", reportSuite);
            countDuplicate.Parameters.Add("$id", SqliteType.Text);

            upsertVisitor = connection.CreateCommand();
            upsertVisitor.CommandText = @"INSERT INTO visitor (report_suite, visitor_id, first_seen, last_seen) VALUES ($suite, $id, $time, $time)
ON CONFLICT (report_suite, visitor_id) DO UPDATE SET first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen);";
            upsertVisitor.Parameters.AddWithValue("$suite", reportSuite);
            upsertVisitor.Parameters.Add("$id", SqliteType.Text);
            upsertVisitor.Parameters.Add("$time", SqliteType.Text);
        }

        public RecordingSettings? Recording { get; }

        public OnlineRecordOutcome Record(OnlineActivity activity)
        {
            if (finished) throw new InvalidOperationException("The recording session has ended.");
            if (activity == null) throw new ArgumentNullException(nameof(activity));
            try
            {
                return Write(activity);
            }
            catch (SqliteException e)
            {
                throw StoreFailure.From(store.Location, "record online activity", e);
            }
        }

        private OnlineRecordOutcome Write(OnlineActivity activity)
        {
            var time = StoreTime.Event(activity.Timestamp);
            var outcome = OnlineRecordOutcome.VisitorRecorded;
            if (activity.TransactionId != null)
            {
                if (Recording == null || !Recording.Enabled) return OnlineRecordOutcome.RecordingDisabled;

                var p = insertTransaction.Parameters;
                p["$id"].Value = activity.TransactionId;
                p["$visitor"].Value = activity.VisitorId;
                p["$time"].Value = time;
                p["$state"].Value = StateCodec.Encode(activity.State);
                p["$now"].Value = StoreTime.Utc(DateTime.UtcNow);
                if (insertTransaction.ExecuteNonQuery() == 0)
                {
                    countDuplicate.Parameters["$id"].Value = activity.TransactionId;
                    countDuplicate.ExecuteNonQuery();
                    return OnlineRecordOutcome.DuplicateTransaction;
                }

                outcome = OnlineRecordOutcome.TransactionRecorded;
            }

            upsertVisitor.Parameters["$id"].Value = activity.VisitorId;
            upsertVisitor.Parameters["$time"].Value = time;
            upsertVisitor.ExecuteNonQuery();
            return outcome;
        }

        public void Commit()
        {
            if (finished) throw new InvalidOperationException("The recording session has ended.");
            finished = true;
            try
            {
                SqliteOfflineDataStore.Execute(store.Connection, "COMMIT;");
            }
            catch (SqliteException e)
            {
                store.Rollback();
                throw StoreFailure.From(store.Location, "commit the recorded online activity", e);
            }
        }

        public void Dispose()
        {
            insertTransaction.Dispose();
            countDuplicate.Dispose();
            upsertVisitor.Dispose();
            if (!finished) store.Rollback();
            finished = true;
        }
    }
}
