using System;
using System.Collections.Generic;

namespace OfflineData.Core.Store
{
    /// <summary>One written batch of a history export, as the export ledger keeps it.</summary>
    public sealed class ExportLedgerEntry
    {
        /// <summary>Identifies the export: report suite, range, batching, format and output folder (see HistoryExporter).</summary>
        public string ExportKey { get; set; } = string.Empty;

        /// <summary>The batch number, from 1.</summary>
        public int Batch { get; set; }

        /// <summary>The first offline time the batch covers.</summary>
        public DateTime From { get; set; }

        /// <summary>The end of the batch's range (exclusive).</summary>
        public DateTime To { get; set; }

        /// <summary>Rows written.</summary>
        public long Rows { get; set; }

        /// <summary>Rows left out because their customer opted out (consent suppression); 0 for batches written before it existed.</summary>
        public long SuppressedRows { get; set; }

        /// <summary>The full paths of the files written.</summary>
        public IReadOnlyList<string> Files { get; set; } = Array.Empty<string>();

        /// <summary>Bytes in the files.</summary>
        public long Bytes { get; set; }

        /// <summary>The offline time of the batch's last row (batches by rows resume after it).</summary>
        public DateTime? LastTimestamp { get; set; }

        /// <summary>The store's ID of the batch's last row (ties at <see cref="LastTimestamp"/>).</summary>
        public long? LastRowId { get; set; }

        /// <summary>When the batch was recorded (UTC).</summary>
        public DateTimeOffset WrittenAt { get; set; }
    }
}
