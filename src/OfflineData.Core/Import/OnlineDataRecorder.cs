using System;
using System.Diagnostics;
using OfflineData.Core.Findings;
using OfflineData.Core.Store;

namespace OfflineData.Core.Import
{
    /// <summary>
    /// Records a batch of online activity into one report suite in one transaction: visitors become known for
    /// customer integration; transaction IDs are recorded only while recording is on (first occurrence wins).
    /// A row that cannot be recorded as a whole is not recorded at all and comes back as a finding.
    /// </summary>
    public sealed class OnlineDataRecorder : IDisposable
    {
        private readonly IOnlineRecordingSession session;
        private readonly Stopwatch clock = Stopwatch.StartNew();

        /// <summary>
        /// Begins a batch (takes the store's write lock), or with <paramref name="dryRun"/> a prediction that only reads
        /// the store (never creating it) and writes nothing: the counts are what recording would do, <see cref="OnlineImportResult.WhatIf"/> is set.
        /// </summary>
        public OnlineDataRecorder(IOfflineDataStore store, string reportSuite, string source, bool dryRun = false)
        {
            if (store == null) throw new ArgumentNullException(nameof(store));
            session = dryRun ? new DryRunOnlineRecordingSession(store, reportSuite) : store.BeginOnlineRecording(reportSuite);
            Result = new OnlineImportResult { Source = source, ReportSuite = reportSuite, RecordingEnabled = session.Recording?.Enabled == true, Store = store.Location, WhatIf = dryRun };
        }

        /// <summary>The counts so far.</summary>
        public OnlineImportResult Result { get; }

        /// <summary>Records one input row; returns the error or warning about it, or null.</summary>
        public Finding? Record(OnlineInputRow row)
        {
            if (row == null) throw new ArgumentNullException(nameof(row));
            Result.Rows++;
            if (row.Activity == null)
            {
                Result.Rejected++;
                return row.Error;
            }

            var activity = row.Activity;
            switch (session.Record(activity))
            {
                case OnlineRecordOutcome.TransactionRecorded:
                    Result.TransactionsRecorded++;
                    return null;
                case OnlineRecordOutcome.VisitorRecorded:
                    Result.VisitorRows++;
                    return null;
                case OnlineRecordOutcome.DuplicateTransaction:
                    Result.DuplicateTransactions++;
                    return OnlineActivityFactory.Error(FindingCode.DuplicateTransactionId,
                        Result.WhatIf
                            ? $"Transaction ID '{DisplayText.Escape(activity.TransactionId)}' is already recorded; the first occurrence and its snapshot would stay, this row would be counted and not applied."
                            : $"Transaction ID '{DisplayText.Escape(activity.TransactionId)}' was already recorded; the first occurrence and its snapshot stay, this row was counted and not applied.",
                        activity.Source ?? string.Empty, activity.Line, "TransactionId", activity.TransactionId);
                default:
                    Result.Rejected++;
                    return OnlineActivityFactory.Error(FindingCode.RecordingDisabled,
                        $"Transaction ID '{DisplayText.Escape(activity.TransactionId)}' {(Result.WhatIf ? "would not be" : "was not")} recorded: transaction ID recording is off for report suite '{Result.ReportSuite}'. Nothing of the row {(Result.WhatIf ? "would be" : "was")} recorded. Switch it on with Set-TransactionIdRecording -ReportSuite {Result.ReportSuite} -Enabled.",
                        activity.Source ?? string.Empty, activity.Line, "TransactionId", activity.TransactionId);
            }
        }

        /// <summary>Commits everything recorded in the batch.</summary>
        public OnlineImportResult Complete()
        {
            session.Commit();
            Result.Committed = !Result.WhatIf;
            Result.Duration = clock.Elapsed;
            return Result;
        }

        /// <summary>Rolls back unless <see cref="Complete"/> was called.</summary>
        public void Dispose()
        {
            Result.Duration = clock.Elapsed;
            session.Dispose();
        }
    }
}
