using System;
using System.Collections.Generic;
using System.Linq;
using OfflineData.Core.Store;

namespace OfflineData.Core.Tests.Delivery
{
    /// <summary>An in-memory delivery ledger following the IDeliveryLedger contract (the stores implement it for real).</summary>
    internal sealed class MemoryDeliveryLedger : IDeliveryLedger
    {
        public List<DeliveryLedgerEntry> Entries { get; } = new List<DeliveryLedgerEntry>();

        /// <summary>Throws on every call when set (a store that went away).</summary>
        public StoreException? Failure { get; set; }

        public DeliveryLedgerEntry RecordDeliveryStart(DeliveryLedgerEntry entry)
        {
            if (Failure != null) throw Failure;
            var stored = Copy(entry);
            stored.Id = Entries.Count + 1;
            stored.StatusValue = DeliveryStatus.Started;
            stored.EndedAt = null;
            Entries.Add(stored);
            return Copy(stored);
        }

        public DeliveryLedgerEntry RecordDeliveryEnd(DeliveryLedgerEntry entry)
        {
            if (Failure != null) throw Failure;
            var stored = Entries.SingleOrDefault(e => e.Id == entry.Id && e.StatusValue == DeliveryStatus.Started)
                         ?? throw new StoreException($"No started delivery {entry.Id}.", StoreFailureKind.Other);
            stored.StatusValue = entry.StatusValue;
            stored.EndedAt = entry.EndedAt;
            stored.RemoteName = entry.RemoteName;
            stored.MarkerName = entry.MarkerName;
            stored.Size = entry.Size;
            stored.Attempts = entry.Attempts;
            stored.Message = entry.Message;
            return Copy(stored);
        }

        public DeliveryLedgerEntry? FindDelivery(string destination, string sha256)
        {
            if (Failure != null) throw Failure;
            var found = Entries.Where(e => e.Destination == destination && e.Sha256 == sha256 && e.StatusValue != DeliveryStatus.Failed).OrderByDescending(e => e.Id).FirstOrDefault();
            return found == null ? null : Copy(found);
        }

        /// <summary>The claims held (by this run or, through <see cref="HoldElsewhere"/>, by another live run).</summary>
        public HashSet<string> Held { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Every claim asked for, granted or not (destination + " " + SHA-256).</summary>
        public List<string> ClaimsAsked { get; } = new List<string>();

        /// <summary>Called before each claim is tried (a test lets the other run end here).</summary>
        public Action<int>? BeforeClaim { get; set; }

        public IDisposable? TryAcquireDelivery(string destination, string sha256)
        {
            if (Failure != null) throw Failure;
            var key = destination + " " + sha256;
            ClaimsAsked.Add(key);
            BeforeClaim?.Invoke(ClaimsAsked.Count);
            return Held.Add(key) ? new Lease(() => Held.Remove(key)) : null;
        }

        /// <summary>Another live run holds the claim until the returned lease is disposed.</summary>
        public IDisposable HoldElsewhere(string destination, string sha256) => TryAcquireDelivery(destination, sha256) ?? throw new InvalidOperationException("already held");

        private sealed class Lease : IDisposable
        {
            private Action? release;

            public Lease(Action release) => this.release = release;

            public void Dispose()
            {
                release?.Invoke();
                release = null;
            }
        }

        public IEnumerable<DeliveryLedgerEntry> GetDeliveries(DeliveryLedgerQuery query) => Entries.OrderByDescending(e => e.Id).Select(Copy).ToList();

        private static DeliveryLedgerEntry Copy(DeliveryLedgerEntry e) => new DeliveryLedgerEntry
        {
            Id = e.Id, Destination = e.Destination, SourcePath = e.SourcePath, FileName = e.FileName, RemoteName = e.RemoteName, MarkerName = e.MarkerName,
            Sha256 = e.Sha256, Size = e.Size, StartedAt = e.StartedAt, EndedAt = e.EndedAt, StatusValue = e.StatusValue, Attempts = e.Attempts, Message = e.Message, Store = e.Store, SuppressedRows = e.SuppressedRows,
        };
    }
}
