using System;
using System.Collections.Generic;

namespace OfflineData.Core.Store
{
    /// <summary>
    /// The delivery ledger of a store: which content went to which destination, under which remote name, when and how
    /// it ended. Each call is its own transaction, so a delivery killed half-way leaves its entry Started (and the
    /// next run knows to send again). Entries are never deleted; a forced re-send adds an entry. Writing needs a store
    /// that exists (opened with <see cref="StoreOpenOptions.Create"/>, as an import does; else an
    /// <see cref="System.InvalidOperationException"/>); reading a store that does not exist finds nothing and creates
    /// nothing. SHA-256 values are stored and compared as lowercase hex; an empty marker name or message is stored as
    /// none. Failures of the store are <see cref="StoreException"/>s.
    /// </summary>
    public interface IDeliveryLedger
    {
        /// <summary>
        /// Records the start of a delivery (status Started, <see cref="DeliveryLedgerEntry.StartedAt"/> as given, no end
        /// time whatever the entry says) and returns the stored entry with its ID (unique in the store, also when several
        /// processes or servers start deliveries at once); <paramref name="entry"/> is not modified.
        /// </summary>
        /// <exception cref="System.ArgumentException">The entry has no destination or no SHA-256.</exception>
        DeliveryLedgerEntry RecordDeliveryStart(DeliveryLedgerEntry entry);

        /// <summary>
        /// Ends a started delivery: sets status (Sent or Failed), end time (now when <see cref="DeliveryLedgerEntry.EndedAt"/>
        /// is null), remote and marker names, bytes, attempts and message from <paramref name="entry"/> (matched by its
        /// ID; its other fields are ignored) and returns the stored entry. An entry that has ended is never changed again.
        /// </summary>
        /// <exception cref="System.ArgumentException">The status given is not Sent or Failed.</exception>
        /// <exception cref="StoreException">No started entry has that ID (unknown, or already ended): kind Constraint.</exception>
        DeliveryLedgerEntry RecordDeliveryEnd(DeliveryLedgerEntry entry);

        /// <summary>
        /// The newest entry for that content and destination that is Sent or Started (a Started one may be a killed
        /// run whose file did or did not arrive), or null when none: what decides skip versus send.
        /// </summary>
        DeliveryLedgerEntry? FindDelivery(string destination, string sha256);

        /// <summary>
        /// Claims the delivery of that content to that destination while it runs: a lease to dispose when the delivery
        /// has ended, or null while another live holder has it (a run in this or another process, on this or another
        /// machine sharing the store; a second call in the same process is refused too). The lease dies with its holder:
        /// when the process is killed or its connection to the store is lost, the claim is gone, so a Started entry whose
        /// lease can be taken belongs to a killed run, and one whose lease is held to a live run that must not be sent
        /// again. The lease is not kept in the ledger; two claims of different content never exclude each other (except
        /// in the rare case that their keys share a hash, when one waits for the other).
        /// </summary>
        /// <exception cref="System.ArgumentNullException">The destination or SHA-256 is null.</exception>
        /// <exception cref="System.InvalidOperationException">The store does not exist (opened without Create).</exception>
        /// <exception cref="StoreException">The claim could not be made (the store is unreachable, its folder not writable).</exception>
        IDisposable? TryAcquireDelivery(string destination, string sha256);

        /// <summary>Ledger entries, newest first (by start time, then ID), streamed; every filter of <paramref name="query"/> that is set must hold.</summary>
        IEnumerable<DeliveryLedgerEntry> GetDeliveries(DeliveryLedgerQuery query);
    }
}
