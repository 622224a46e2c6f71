namespace OfflineData.Core.Exporting
{
    /// <summary>What happened to a batch in this run.</summary>
    public enum ExportBatchStatus
    {
        /// <summary>Written in this run (files moved into place, recorded in the export ledger).</summary>
        Written,

        /// <summary>Already in the export ledger from an earlier run: not written again (use -Force to rewrite).</summary>
        Skipped,

        /// <summary>
        /// Nothing written: every row read was suppressed (opted out) or rejected. No file, not recorded in the export
        /// ledger (like an empty batch: a later run reads the range again, so a change of consent or a late import is
        /// picked up without -Force), and not written to the pipeline as a batch (there is nothing to send).
        /// </summary>
        Withheld,
    }
}
