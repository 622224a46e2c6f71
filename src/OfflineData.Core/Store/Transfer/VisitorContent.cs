using System;

namespace OfflineData.Core.Store.Transfer
{
    /// <summary>A known online visitor as a store holds it, for copying between stores.</summary>
    internal sealed class VisitorContent
    {
        /// <summary>Creates a visitor.</summary>
        public VisitorContent(string reportSuite, string visitorId, DateTime firstSeen, DateTime lastSeen)
        {
            ReportSuite = reportSuite;
            VisitorId = visitorId;
            FirstSeen = firstSeen;
            LastSeen = lastSeen;
        }

        /// <summary>The report suite.</summary>
        public string ReportSuite { get; }

        /// <summary>The online visitor ID.</summary>
        public string VisitorId { get; }

        /// <summary>The earliest online event time seen for the visitor (local time, no zone).</summary>
        public DateTime FirstSeen { get; }

        /// <summary>The latest online event time seen for the visitor (local time, no zone).</summary>
        public DateTime LastSeen { get; }
    }
}
