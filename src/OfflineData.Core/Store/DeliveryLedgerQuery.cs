using System;

namespace OfflineData.Core.Store
{
    /// <summary>Filters for reading the delivery ledger; every set filter must hold. Results come newest first.</summary>
    public sealed class DeliveryLedgerQuery
    {
        /// <summary>Destination (as shown, without secret), with * and ? wildcards.</summary>
        public string? Destination { get; set; }

        /// <summary>Local file name, with * and ? wildcards.</summary>
        public string? FileName { get; set; }

        /// <summary>Remote file name, with * and ? wildcards.</summary>
        public string? RemoteName { get; set; }

        /// <summary>SHA-256 of the content (lowercase hex).</summary>
        public string? Sha256 { get; set; }

        /// <summary>Only entries with this status.</summary>
        public DeliveryStatus? Status { get; set; }

        /// <summary>Only the entry with this ledger ID.</summary>
        public long? Id { get; set; }

        /// <summary>Only deliveries started at or after this time.</summary>
        public DateTime? After { get; set; }

        /// <summary>Only deliveries started at or before this time.</summary>
        public DateTime? Before { get; set; }

        /// <summary>At most this many entries (null = all).</summary>
        public int? First { get; set; }
    }
}
