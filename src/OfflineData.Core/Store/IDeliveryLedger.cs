using System.Collections.Generic;

namespace OfflineData.Core.Store
{
    /// <summary>
    /// The delivery ledger of a store: which content went to which destination, under which remote name, when and how
    /// it ended. Each call is its own transaction, so a delivery killed half-way leaves its entry Started (and the
    /// next run knows to send again). Entries are never deleted; a forced re-send adds an entry.
    /// </summary>
    public interface IDeliveryLedger
    {
        /// <summary>
        /// Records the start of a delivery (status Started, <see cref="DeliveryLedgerEntry.StartedAt"/> as given) and
        /// returns the stored entry with its ID; <paramref name="entry"/> is not modified. Creates the store's schema
        /// if this is its first write.
        /// </summary>
        DeliveryLedgerEntry RecordDeliveryStart(DeliveryLedgerEntry entry);

        /// <summary>
        /// Ends a started delivery: sets status (Sent or Failed), end time, remote and marker names, bytes, attempts and
        /// message from <paramref name="entry"/> (matched by its ID) and returns the stored entry.
        /// </summary>
        /// <exception cref="StoreException">No started entry has that ID.</exception>
        DeliveryLedgerEntry RecordDeliveryEnd(DeliveryLedgerEntry entry);

        /// <summary>
        /// The newest entry for that content and destination that is Sent or Started (a Started one may be a killed
        /// run whose file did or did not arrive), or null when none: what decides skip versus send.
        /// </summary>
        DeliveryLedgerEntry? FindDelivery(string destination, string sha256);

        /// <summary>Ledger entries, newest first, streamed.</summary>
        IEnumerable<DeliveryLedgerEntry> GetDeliveries(DeliveryLedgerQuery query);
    }
}
