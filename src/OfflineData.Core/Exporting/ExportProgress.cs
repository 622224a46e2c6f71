using System;

namespace OfflineData.Core.Exporting
{
    /// <summary>Where an export is: after each batch (written, skipped or empty).</summary>
    public sealed class ExportProgress
    {
        internal ExportProgress(int batch, int batches, DateTime from, DateTime to, long rows, ExportBatchStatus? status)
        {
            Batch = batch;
            Batches = batches;
            From = from;
            To = to;
            Rows = rows;
            Status = status;
        }

        /// <summary>The batch just finished.</summary>
        public int Batch { get; }

        /// <summary>All batches (batches by rows: as estimated at the start).</summary>
        public int Batches { get; }

        /// <summary>The batch's range start.</summary>
        public DateTime From { get; }

        /// <summary>The batch's range end (exclusive).</summary>
        public DateTime To { get; }

        /// <summary>Rows so far, all batches.</summary>
        public long Rows { get; }

        /// <summary>Written, Skipped, Withheld (rows read, none written: no file, not recorded), or null for a batch without rows.</summary>
        public ExportBatchStatus? Status { get; }
    }
}
