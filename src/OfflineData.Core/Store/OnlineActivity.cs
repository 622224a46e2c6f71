using System;
using System.Collections.Generic;

namespace OfflineData.Core.Store
{
    /// <summary>
    /// One row of online activity to record: when, which visitor, optionally the transaction ID that marks
    /// the hand-over to offline, and the visitor's state at that moment (campaign, channel, eVars...).
    /// </summary>
    public sealed class OnlineActivity
    {
        /// <summary>The visitor's state dimensions; names compare case-insensitively.</summary>
        private readonly Dictionary<string, string> state = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>When the activity happened (local time, no zone, like the offline file).</summary>
        public DateTime Timestamp { get; set; }

        /// <summary>The online visitor ID.</summary>
        public string VisitorId { get; set; } = string.Empty;

        /// <summary>The transaction ID, or null when the row only tells that the visitor was seen.</summary>
        public string? TransactionId { get; set; }

        /// <summary>State dimensions of the visitor at <see cref="Timestamp"/>.</summary>
        public IDictionary<string, string> State => state;

        /// <summary>Where the row came from (file path or "pipeline").</summary>
        public string? Source { get; set; }

        /// <summary>The 1-based physical line (or pipeline position) of the row.</summary>
        public long Line { get; set; }
    }
}
