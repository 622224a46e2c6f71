using OfflineData.Core.Findings;
using OfflineData.Core.Store;

namespace OfflineData.Core.Import
{
    /// <summary>One row of online activity input: the activity, or the error that keeps it from being recorded.</summary>
    public sealed class OnlineInputRow
    {
        /// <summary>Creates a row.</summary>
        public OnlineInputRow(OnlineActivity? activity, Finding? error)
        {
            Activity = activity;
            Error = error;
        }

        /// <summary>The validated activity, or null when <see cref="Error"/> is set.</summary>
        public OnlineActivity? Activity { get; }

        /// <summary>Why the row cannot be recorded, or null.</summary>
        public Finding? Error { get; }
    }
}
