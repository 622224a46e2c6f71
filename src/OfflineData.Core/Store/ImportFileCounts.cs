namespace OfflineData.Core.Store
{
    /// <summary>
    /// What the importer saw of a file that the store cannot see (rows it read, rejected or warned about, and where the
    /// rejected rows went), handed to <see cref="IImportSession.Commit"/>. What the store stored (imported rows, their
    /// matches, revenue, distinct customers) it counts itself, so "already imported" is the store's own decision.
    /// </summary>
    public sealed class ImportFileCounts
    {
        /// <summary>Data rows read (valid and rejected).</summary>
        public long Rows { get; set; }

        /// <summary>Rows with errors, not imported, written to the quarantine file.</summary>
        public long Rejected { get; set; }

        /// <summary>Rows that repeat an earlier row of the same file byte for byte.</summary>
        public long Duplicates { get; set; }

        /// <summary>Warnings the validator raised.</summary>
        public long Warnings { get; set; }

        /// <summary>The quarantine file holding the rejected rows, or null when none were rejected.</summary>
        public string? QuarantinePath { get; set; }
    }
}
