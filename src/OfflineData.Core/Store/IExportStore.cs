using System;
using System.Collections.Generic;

namespace OfflineData.Core.Store
{
    /// <summary>
    /// What a history export (Export-OfflineData) needs from a store: a report suite's rows of a time range oldest first,
    /// streamed, and the export ledger recording which batch of which export has been written.
    /// </summary>
    public interface IExportStore
    {
        /// <summary>
        /// The rows of <paramref name="reportSuite"/> (exact ID, no wildcards) whose offline time is at or after
        /// <paramref name="from"/> and before <paramref name="before"/>, oldest first (ties by row ID), streamed.
        /// With <paramref name="afterRowId"/>, rows at exactly <paramref name="from"/> come only when their ID is greater
        /// (a keyset: resuming after the last row written); with <paramref name="first"/>, at most that many rows.
        /// </summary>
        IEnumerable<StoredOfflineRow> GetOfflineRowsInTimeOrder(string reportSuite, DateTime from, DateTime before, long? afterRowId, int? first);

        /// <summary>How many rows <see cref="GetOfflineRowsInTimeOrder"/> would return.</summary>
        long CountOfflineRows(string reportSuite, DateTime from, DateTime before);

        /// <summary>The written batches of the export <paramref name="exportKey"/>, by batch number.</summary>
        IReadOnlyList<ExportLedgerEntry> GetExportBatches(string exportKey);

        /// <summary>Records a written batch (replacing an earlier record of the same export and batch number).</summary>
        void RecordExportBatch(ExportLedgerEntry entry);

        /// <summary>Forgets every batch of the export <paramref name="exportKey"/> (-Force); returns how many there were.</summary>
        int ForgetExport(string exportKey);
    }
}
