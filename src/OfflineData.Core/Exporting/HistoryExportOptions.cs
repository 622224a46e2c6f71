using System;
using OfflineData.Core.Consent;
using OfflineData.Core.Writing.AdobeDataSources;

namespace OfflineData.Core.Exporting
{
    /// <summary>What to export and how (Export-OfflineData's parameters).</summary>
    public sealed class HistoryExportOptions
    {
        /// <summary>The report suite (exact ID).</summary>
        public string ReportSuite { get; set; } = string.Empty;

        /// <summary>Rows at or after this time.</summary>
        public DateTime From { get; set; }

        /// <summary>Rows before this time (at most five years after From).</summary>
        public DateTime To { get; set; }

        /// <summary>Batches of this many days (default when neither is set: 30).</summary>
        public int? BatchDays { get; set; }

        /// <summary>Batches of this many rows (instead of days).</summary>
        public int? BatchRows { get; set; }

        /// <summary>The format.</summary>
        public ExportFormat Format { get; set; } = ExportFormat.OfflineData;

        /// <summary>The folder the files go to (must exist).</summary>
        public string Folder { get; set; } = string.Empty;

        /// <summary>The start of every file name; default: report suite and range.</summary>
        public string? Prefix { get; set; }

        /// <summary>Forget the export ledger's record of this export and write every batch again.</summary>
        public bool Force { get; set; }

        /// <summary>Options of the Adobe writer (template, mapping, limits); Prefix, Overwrite and DryRun are set per batch.</summary>
        public AdobeDataSourceOptions? Adobe { get; set; }

        /// <summary>The columns to hash in what is written (-HashColumn, -HashProfile, ...); null = none.</summary>
        public Hashing.ColumnHashing? Hashing { get; set; }

        /// <summary>
        /// The customers whose rows are left out of every batch (loaded once per run from the store being exported; counted
        /// per batch as suppressed). Not part of the export's key: a resumed run applies the opt-outs known when it runs.
        /// </summary>
        public ConsentSuppression Suppression { get; set; } = ConsentSuppression.None;

        /// <summary>The default days per batch.</summary>
        public const int DefaultBatchDays = 30;
    }
}
