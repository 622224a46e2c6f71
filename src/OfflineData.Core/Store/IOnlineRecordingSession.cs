using System;

namespace OfflineData.Core.Store
{
    /// <summary>
    /// Records online activity into one report suite inside one write transaction: all of it on
    /// <see cref="Commit"/>, none of it if disposed without committing.
    /// </summary>
    public interface IOnlineRecordingSession : IDisposable
    {
        /// <summary>The report suite's recording settings when the session began (null = never configured).</summary>
        RecordingSettings? Recording { get; }

        /// <summary>
        /// Records one validated row. A row with a transaction ID while recording is off records nothing
        /// (not even the visitor) and returns <see cref="OnlineRecordOutcome.RecordingDisabled"/>.
        /// </summary>
        OnlineRecordOutcome Record(OnlineActivity activity);

        /// <summary>Makes everything recorded in this session durable.</summary>
        void Commit();
    }
}
