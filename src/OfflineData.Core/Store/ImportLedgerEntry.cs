using System;
using System.Collections.Generic;
using OfflineData.Core.Findings;
using OfflineData.Core.Matching;

namespace OfflineData.Core.Store
{
    /// <summary>One import in the ledger: which file, which content, when, and what became of its rows.</summary>
    public sealed class ImportLedgerEntry
    {
        /// <summary>The ledger ID; rows of this import carry it.</summary>
        public long Id { get; set; }

        /// <summary>The report suite the file was imported into.</summary>
        public string ReportSuite { get; set; } = string.Empty;

        /// <summary>The file's name.</summary>
        public string FileName { get; set; } = string.Empty;

        /// <summary>The file's full path at import time.</summary>
        public string Path { get; set; } = string.Empty;

        /// <summary>The file's size in bytes.</summary>
        public long Size { get; set; }

        /// <summary>SHA-256 of the file's bytes, lowercase hex: what "the same content" means.</summary>
        public string Sha256 { get; set; } = string.Empty;

        /// <summary>When the import started (UTC — a DateTimeOffset with offset +00:00, so Format-List, Export-Csv and ConvertTo-Json all show the zone).</summary>
        public DateTimeOffset StartedAt { get; set; }

        /// <summary>When the import ended (UTC, offset +00:00).</summary>
        public DateTimeOffset? EndedAt { get; set; }

        /// <summary>Completed, Superseded or Failed (a string, so that ConvertTo-Json and Export-Csv write the name in both PowerShell editions).</summary>
        public string Status => StatusValue.ToString();

        /// <summary>The status, typed.</summary>
        internal ImportStatus StatusValue { get; set; }

        /// <summary>Data rows read (valid and rejected).</summary>
        public long Rows { get; set; }

        /// <summary>Rows written to the store (every valid row).</summary>
        public long Imported { get; set; }

        /// <summary>Rows credited by transaction ID.</summary>
        public long MatchedByTransactionId { get; set; }

        /// <summary>Rows credited by customer ID.</summary>
        public long MatchedByCustomerId { get; set; }

        /// <summary>Rows kept without visitor credit.</summary>
        public long Unattributed { get; set; }

        /// <summary>Unattributed rows per reason, keyed by the reason's name (e.g. RecordingDisabled).</summary>
        public CountsByName<MatchReason> UnattributedByReason { get; set; } = new CountsByName<MatchReason>();

        /// <summary>Rows with errors, not imported, written to the quarantine file.</summary>
        public long Rejected { get; set; }

        /// <summary>Rows that repeat an earlier row of the same file byte for byte (imported, counted, reported as warnings).</summary>
        public long Duplicates { get; set; }

        /// <summary>Warnings the validator raised (they do not block the import).</summary>
        public long Warnings { get; set; }

        /// <summary>Sum of Num2 (total sales) over the imported rows.</summary>
        public decimal Revenue { get; set; }

        /// <summary>Distinct Customer IDs among the imported rows.</summary>
        public long DistinctCustomers { get; set; }

        /// <summary>The quarantine file holding the rejected rows with their codes, or null when none were rejected.</summary>
        public string? QuarantinePath { get; set; }

        /// <summary>The column transaction IDs were read from.</summary>
        public string TransactionIdColumn { get; set; } = Matching.TransactionIdColumn.Default.Name;

        /// <summary>The ledger ID of the forced re-import that replaced this one, if any.</summary>
        public long? SupersededBy { get; set; }

        /// <summary>Why a failed import failed.</summary>
        public string? Message { get; set; }

        /// <summary>
        /// The store this entry came from (for SQLite the full path of the store file): store cmdlets bind their -Store
        /// parameter from it, so piping the entry to another store cmdlet acts on the same store.
        /// </summary>
        public string Store { get; set; } = string.Empty;

        /// <summary>How long the import took.</summary>
        public TimeSpan? Duration => EndedAt.HasValue ? EndedAt.Value - StartedAt : (TimeSpan?)null;
    }
}
