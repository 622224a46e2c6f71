namespace OfflineData.Core.Exporting
{
    /// <summary>What happened to a batch in this run.</summary>
    public enum ExportBatchStatus
    {
        /// <summary>Written in this run (files moved into place, recorded in the export ledger).</summary>
        Written,

        /// <summary>Already in the export ledger from an earlier run: not written again (use -Force to rewrite).</summary>
        Skipped,
    }
}
