using System;
using System.Collections.Generic;

namespace OfflineData.Core.Store
{
    /// <summary>
    /// A recording session that writes nothing (-WhatIf): it predicts each row's outcome from the store as it is (the
    /// report suite's settings and the transaction IDs already recorded, read only) and from the rows before it in the
    /// same batch, exactly as <see cref="Sqlite.SqliteOnlineRecordingSession"/> would decide. A store that does not exist is
    /// not created: every report suite is then unconfigured (recording off).
    /// </summary>
    internal sealed class DryRunOnlineRecordingSession : IOnlineRecordingSession
    {
        private readonly IOfflineDataStore store;
        private readonly string reportSuite;
        private readonly HashSet<string> batch = new HashSet<string>(StringComparer.Ordinal);

        public DryRunOnlineRecordingSession(IOfflineDataStore store, string reportSuite)
        {
            this.store = store;
            this.reportSuite = reportSuite;
            Recording = store.Exists ? store.GetRecording(reportSuite) : null;
        }

        public RecordingSettings? Recording { get; }

        public OnlineRecordOutcome Record(OnlineActivity activity)
        {
            if (activity == null) throw new ArgumentNullException(nameof(activity));
            if (activity.TransactionId == null) return OnlineRecordOutcome.VisitorRecorded;
            if (Recording == null || !Recording.Enabled) return OnlineRecordOutcome.RecordingDisabled;

            // First occurrence wins, in the batch as in the store.
            if (!batch.Add(activity.TransactionId) || store.GetTransaction(reportSuite, activity.TransactionId) != null)
            {
                return OnlineRecordOutcome.DuplicateTransaction;
            }

            return OnlineRecordOutcome.TransactionRecorded;
        }

        /// <summary>Nothing to make durable: a dry run writes nothing.</summary>
        public void Commit()
        {
        }

        public void Dispose()
        {
        }
    }
}
