using System;

namespace OfflineData.Core.Import
{
    /// <summary>What recording one batch of online activity (a file, or the objects of one pipeline) did.</summary>
    public sealed class OnlineImportResult
    {
        /// <summary>The file, or "pipeline".</summary>
        public string Source { get; set; } = string.Empty;

        /// <summary>The report suite.</summary>
        public string ReportSuite { get; set; } = string.Empty;

        /// <summary>Whether transaction ID recording was on for the report suite.</summary>
        public bool RecordingEnabled { get; set; }

        /// <summary>Rows read.</summary>
        public long Rows { get; set; }

        /// <summary>Transaction IDs recorded (first occurrences).</summary>
        public long TransactionsRecorded { get; set; }

        /// <summary>Rows without a transaction ID whose visitor was recorded as known.</summary>
        public long VisitorRows { get; set; }

        /// <summary>Rows whose transaction ID was already recorded: counted, not applied.</summary>
        public long DuplicateTransactions { get; set; }

        /// <summary>Rows not recorded at all (errors, including a transaction ID while recording is off).</summary>
        public long Rejected { get; set; }

        /// <summary>Whether the batch was committed (false for -WhatIf or a failure: nothing was recorded).</summary>
        public bool Committed { get; set; }

        /// <summary>
        /// True for a dry run (-WhatIf): the counts are predictions from the store as it is, nothing was recorded
        /// (and <see cref="Committed"/> is false).
        /// </summary>
        public bool WhatIf { get; set; }

        /// <summary>How long it took.</summary>
        public TimeSpan Duration { get; set; }

        /// <summary>
        /// The store this batch was recorded into (for SQLite the full path of the store file): store cmdlets bind their -Store
        /// parameter from it, so piping the result to another store cmdlet acts on the same store.
        /// </summary>
        public string Store { get; set; } = string.Empty;
    }
}
