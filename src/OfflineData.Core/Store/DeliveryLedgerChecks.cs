using System;

namespace OfflineData.Core.Store
{
    /// <summary>What every store checks before it writes a delivery ledger entry, so both stores refuse the same calls alike.</summary>
    internal static class DeliveryLedgerChecks
    {
        /// <summary>A start needs the two values that make a delivery a repeat: the destination and the content's SHA-256.</summary>
        public static void CheckStart(DeliveryLedgerEntry entry)
        {
            if (entry == null) throw new ArgumentNullException(nameof(entry));
            if (string.IsNullOrEmpty(entry.Destination)) throw new ArgumentException("A delivery needs its destination.", nameof(entry));
            if (string.IsNullOrEmpty(entry.Sha256)) throw new ArgumentException("A delivery needs the SHA-256 of its content.", nameof(entry));
        }

        /// <summary>An end says how it ended: Sent or Failed (Started is no end).</summary>
        public static void CheckEnd(DeliveryLedgerEntry entry)
        {
            if (entry == null) throw new ArgumentNullException(nameof(entry));
            if (entry.StatusValue != DeliveryStatus.Sent && entry.StatusValue != DeliveryStatus.Failed)
            {
                throw new ArgumentException($"A delivery ends as Sent or Failed, not as {entry.StatusValue}.", nameof(entry));
            }
        }

        /// <summary>The content key as stored and compared: SHA-256 in lowercase hex.</summary>
        public static string Sha256(string sha256) => sha256.ToLowerInvariant();

        /// <summary>The message when no started entry has the ID an end names.</summary>
        public static StoreException NotStarted(string store, long id) =>
            new StoreException($"The delivery ledger of the store '{store}' has no started delivery with ID {id}: it was never started there, or it has already ended.", StoreFailureKind.Constraint);
    }
}
