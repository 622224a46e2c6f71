using System.Collections.Generic;
using OfflineData.Core.Findings;

namespace OfflineData.Core.Consent
{
    /// <summary>What recording one consent file (or one pipeline batch) did.</summary>
    public sealed class ConsentFileResult
    {
        internal ConsentFileResult(string source, long entries, long recorded, long alreadyRecorded, IReadOnlyList<Finding> findings, long errorCount, string store)
        {
            Source = source;
            Entries = entries;
            Recorded = recorded;
            AlreadyRecorded = alreadyRecorded;
            Findings = findings;
            ErrorCount = errorCount;
            Store = store;
        }

        /// <summary>The file (full path) or <c>pipeline</c>.</summary>
        public string Source { get; }

        /// <summary>Consent entries the file holds (0 when it was refused).</summary>
        public long Entries { get; }

        /// <summary>Entries stored.</summary>
        public long Recorded { get; }

        /// <summary>Entries the store already had (same customer, scope, value and time).</summary>
        public long AlreadyRecorded { get; }

        /// <summary>The file's bad rows (at most the first 100); when any, nothing of the file was recorded.</summary>
        public IReadOnlyList<Finding> Findings { get; }

        /// <summary>How many bad rows the file has (may exceed the findings listed).</summary>
        public long ErrorCount { get; }

        /// <summary>The display name of the store (never a secret).</summary>
        public string Store { get; }
    }
}
