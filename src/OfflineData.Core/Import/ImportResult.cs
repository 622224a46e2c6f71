using System;
using System.Collections.Generic;
using OfflineData.Core.Findings;
using OfflineData.Core.Matching;

using OfflineData.Core.Store;

namespace OfflineData.Core.Import
{
    /// <summary>What importing one file did: the counts to check against the till system, per outcome and reason.</summary>
    public sealed class ImportResult
    {
        /// <summary>The file's full path.</summary>
        public string Path { get; set; } = string.Empty;

        /// <summary>The file's name.</summary>
        public string FileName => System.IO.Path.GetFileName(Path);

        /// <summary>The report suite.</summary>
        public string ReportSuite { get; set; } = string.Empty;

        /// <summary>Imported, Skipped, DryRun or Failed (a string, so that ConvertTo-Json and Export-Csv write the name in both PowerShell editions).</summary>
        public string Status => StatusValue.ToString();

        /// <summary>The status, typed.</summary>
        internal ImportRunStatus StatusValue { get; set; }

        /// <summary>The ledger ID of the import (null for a dry run, a skip or a failure before the ledger).</summary>
        public long? ImportId { get; set; }

        /// <summary>SHA-256 of the file's bytes (lowercase hex).</summary>
        public string Sha256 { get; set; } = string.Empty;

        /// <summary>The file's size in bytes.</summary>
        public long Size { get; set; }

        /// <summary>Data rows read, valid and rejected.</summary>
        public long Rows { get; set; }

        /// <summary>Rows written to the store (or, in a dry run, that would be).</summary>
        public long Imported { get; set; }

        /// <summary>Rows credited by transaction ID.</summary>
        public long MatchedByTransactionId { get; set; }

        /// <summary>Rows credited by customer ID.</summary>
        public long MatchedByCustomerId { get; set; }

        /// <summary>Rows kept without visitor credit.</summary>
        public long Unattributed { get; set; }

        /// <summary>Unattributed rows per reason (RecordingDisabled, TransactionUnknown, TransactionExpired, OfflineBeforeOnline, CustomerUnknown).</summary>
        public CountsByName<MatchReason> UnattributedByReason { get; } = new CountsByName<MatchReason>();

        /// <summary>Rows with errors, not imported; they are in <see cref="QuarantinePath"/> with their codes.</summary>
        public long Rejected { get; set; }

        /// <summary>Rows repeating an earlier row of the file byte for byte (imported, counted).</summary>
        public long Duplicates { get; set; }

        /// <summary>Validator warnings (they do not block the import).</summary>
        public long Warnings { get; set; }

        /// <summary>Sum of Num2 (total sales) over the imported rows.</summary>
        public decimal Revenue { get; set; }

        /// <summary>Distinct Customer IDs among the imported rows.</summary>
        public long DistinctCustomers { get; set; }

        /// <summary>The quarantine file with the rejected rows and their codes, or null when none were rejected (or in a dry run).</summary>
        public string? QuarantinePath { get; set; }

        /// <summary>The column transaction IDs were read from.</summary>
        public string TransactionIdColumn { get; set; } = Matching.TransactionIdColumn.Default.Name;

        /// <summary>How long the import took.</summary>
        public TimeSpan Duration { get; set; }

        /// <summary>For Skipped, the ledger ID of the earlier import; for a forced re-import, the one it replaced.</summary>
        public long? PreviousImportId { get; set; }

        /// <summary>Why the file failed or was skipped.</summary>
        public string? Message { get; set; }

        /// <summary>
        /// The store this result came from (for SQLite the full path of the store file): store cmdlets bind their -Store
        /// parameter from it, so piping the result to another store cmdlet acts on the same store.
        /// </summary>
        public string Store { get; set; } = string.Empty;

        /// <summary>
        /// For Failed, why: InvalidFile, NoImportableRows, Unreadable, StoreFailed or QuarantineFailed; otherwise null
        /// (a string, so that ConvertTo-Json and Export-Csv write the name in both PowerShell editions).
        /// </summary>
        public string? FailureCause => FailureCauseValue?.ToString();

        /// <summary>The failure cause, typed.</summary>
        internal ImportFailureCause? FailureCauseValue { get; set; }

        /// <summary>For StoreFailed, the kind of the store's failure (the cmdlet chooses the error category from it); otherwise null.</summary>
        internal StoreFailureKind? StoreFailureKindValue { get; set; }

        /// <summary>The first findings that made rows rejected or the file fail (at most 100; counts are exact regardless).</summary>
        public IList<Finding> Findings { get; } = new FindingList();

        /// <summary>
        /// The I/O or access error when the file could not be read at all, so the cmdlet can report it as FileReadFailed
        /// like every other cmdlet. Internal: not a property users see, compare or serialise.
        /// </summary>
        internal System.Exception? ReadFailure { get; set; }
    }
}
