using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;

namespace OfflineData.Core.Store.Transfer
{
    /// <summary>
    /// Moves a store's whole content into another store, whatever database each is: report suites, online transactions,
    /// visitors, the ledger, then the rows (what a later table refers to is there first), then the delivery ledger, in
    /// key order and in batches,
    /// each batch written idempotently in a transaction of its own with the destination's copy marker. A killed copy
    /// run again goes on after the last batch the destination has (same counts, no duplicates). After copying it
    /// counts every table on both sides and compares every import's rows (count and revenue).
    /// </summary>
    internal sealed class StoreCopier
    {
        /// <summary>The default number of items per batch (and per transaction in the destination).</summary>
        public const int DefaultBatchSize = 10_000;

        private static readonly StoreContentTable[] Order =
        {
            StoreContentTable.ReportSuites, StoreContentTable.OnlineTransactions, StoreContentTable.Visitors, StoreContentTable.Imports, StoreContentTable.OfflineRows,
            StoreContentTable.Deliveries, StoreContentTable.ExportBatches, StoreContentTable.Consents,
        };

        private readonly IStoreContentSource source;
        private readonly IStoreContentTarget destination;

        public StoreCopier(IStoreContentSource source, IStoreContentTarget destination)
        {
            this.source = source ?? throw new ArgumentNullException(nameof(source));
            this.destination = destination ?? throw new ArgumentNullException(nameof(destination));
        }

        /// <summary>Items per batch.</summary>
        public int BatchSize { get; set; } = DefaultBatchSize;

        /// <summary>Called after every batch written (the cmdlet throttles what it shows).</summary>
        public Action<StoreCopyProgress>? Progress { get; set; }

        /// <summary>The tables in copy order.</summary>
        public static IReadOnlyList<StoreContentTable> Tables => Order;

        /// <summary>
        /// Decides how the copy will go, reading both stores and writing nothing: New (empty destination), Merged
        /// (<paramref name="force"/> and a destination with content: everything offered again from the start) or Resumed
        /// (without <paramref name="force"/>, the destination's marker names a partial copy of this source).
        /// </summary>
        /// <exception cref="StoreCopyRefusedException">Same store; destination not empty without -Force; a ledger ID conflict.</exception>
        public StoreCopyPlan Plan(bool force)
        {
            if (StoreLocation.PathComparer.Equals(source.DisplayName, destination.DisplayName))
            {
                throw new StoreCopyRefusedException(StoreCopyRefusal.SameStore, $"The source and the destination are the same store ('{source.DisplayName}'): a store cannot be copied into itself.");
            }

            var sourceCounts = Order.ToDictionary(t => t, source.Count);
            var destinationCounts = Order.ToDictionary(t => t, destination.Count);
            var marker = destination.ReadCopyMarker(source.DisplayName);
            StoreCopyMode mode;
            if (destinationCounts.Values.All(n => n == 0))
            {
                mode = StoreCopyMode.New;
            }
            else if (force)
            {
                // -Force offers everything again from the start (a partial copy too): what is there is kept, the rest added.
                mode = StoreCopyMode.Merged;
            }
            else if (marker != null && marker.CompletedAt == null)
            {
                // A partial copy of this very source: going on is what the user wants, and needs no -Force.
                mode = StoreCopyMode.Resumed;
            }
            else
            {
                var held = string.Join(", ", Order.Where(t => destinationCounts[t] > 0).Select(t => Describe(t, destinationCounts[t])));
                var what = marker?.CompletedAt != null
                    ? $"already holds a complete copy of '{source.DisplayName}' (made {marker.CompletedAt.Value:yyyy-MM-dd HH:mm:ss} UTC; {held})"
                    : $"is not empty ({held})";
                throw new StoreCopyRefusedException(
                    StoreCopyRefusal.DestinationNotEmpty,
                    $"The destination store '{destination.DisplayName}' {what}. Nothing was copied. Copy into an empty store, or give -Force to add the source's content to it: what the destination already has (by report suite, transaction and visitor ID, import and row ID) is kept as it is, the rest is copied.");
            }

            if (destinationCounts[StoreContentTable.Imports] > 0) CheckLedgers();
            if (destinationCounts[StoreContentTable.Deliveries] > 0) CheckDeliveries();
            return new StoreCopyPlan(mode, sourceCounts, destinationCounts, marker);
        }

        /// <summary>Copies, then verifies. <paramref name="plan"/> comes from <see cref="Plan"/> on the same two stores.</summary>
        public StoreCopyResult Copy(StoreCopyPlan plan, CancellationToken cancellation)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            var startedAt = DateTimeOffset.UtcNow;
            var name = source.DisplayName;
            bool resume = plan.Mode == StoreCopyMode.Resumed;
            destination.BeginCopy(name, restart: !resume);
            var positions = resume && plan.Marker != null ? plan.Marker.Positions : new Dictionary<StoreContentTable, StoreContentKey>();

            var copied = new Dictionary<StoreContentTable, (long Copied, long Skipped)>();
            Dictionary<StoreContentTable, long> sourceCounts;
            IReadOnlyList<ImportRowTotals> sourceTotals;
            using (source.BeginSnapshot())
            {
                // Counted again inside the snapshot: what is verified is exactly what was read.
                sourceCounts = Order.ToDictionary(t => t, source.Count);
                foreach (var table in Order)
                {
                    positions.TryGetValue(table, out var after);
                    copied[table] = CopyTable(table, after, sourceCounts[table], plan.Mode == StoreCopyMode.Merged ? 0 : destination.Count(table), cancellation);
                }

                sourceTotals = source.ReadRowTotals();
            }

            destination.FinishCopy(name);
            var destinationCounts = Order.ToDictionary(t => t, destination.Count);
            var differences = new List<string>();
            var tables = new List<StoreCopyTableResult>();
            foreach (var table in Order)
            {
                long s = sourceCounts[table], d = destinationCounts[table];
                // A merge keeps the destination's own suites, transactions and visitors; its ledgers were checked to be part
                // of the source's (CheckLedgers, CheckDeliveries), so imports, rows and deliveries must match exactly in every mode.
                // The export ledger merges too: its keys name the export, so the destination's own exports cannot collide.
                // So does the consent list: entries merge by content (customer, scope, time, value), never lost to an ID.
                bool verified = d == s || (plan.Mode == StoreCopyMode.Merged && d > s && (table < StoreContentTable.Imports || table == StoreContentTable.ExportBatches || table == StoreContentTable.Consents));
                if (!verified) differences.Add($"The source holds {Describe(table, s)}, the destination {d.ToString(CultureInfo.InvariantCulture)}.");
                tables.Add(new StoreCopyTableResult(table, s, copied[table].Copied, copied[table].Skipped, d, verified));
            }

            CompareImports(sourceTotals, destination.ReadRowTotals(), differences);
            return new StoreCopyResult(name, destination.DisplayName, plan.Mode.ToString(), tables, sourceTotals.Count, sourceTotals.Sum(t => t.Revenue), differences, startedAt, DateTimeOffset.UtcNow);
        }

        /// <summary>The items of <paramref name="table"/> and how many there are, in words ("3 report suites").</summary>
        public static string Describe(StoreContentTable table, long count)
        {
            var n = count.ToString("N0", CultureInfo.InvariantCulture);
            return table switch
            {
                StoreContentTable.ReportSuites => n + (count == 1 ? " report suite" : " report suites"),
                StoreContentTable.OnlineTransactions => n + (count == 1 ? " online transaction" : " online transactions"),
                StoreContentTable.Visitors => n + (count == 1 ? " visitor" : " visitors"),
                StoreContentTable.Imports => n + (count == 1 ? " import" : " imports"),
                StoreContentTable.Deliveries => n + (count == 1 ? " delivery" : " deliveries"),
                StoreContentTable.ExportBatches => n + (count == 1 ? " exported batch" : " exported batches"),
                StoreContentTable.Consents => n + (count == 1 ? " consent entry" : " consent entries"),
                _ => n + (count == 1 ? " offline row" : " offline rows"),
            };
        }

        private (long Copied, long Skipped) CopyTable(StoreContentTable table, StoreContentKey? after, long total, long alreadyThere, CancellationToken cancellation)
        {
            long copied = 0, skipped = 0;
            Progress?.Invoke(new StoreCopyProgress(table, Math.Min(alreadyThere, total), total));
            while (true)
            {
                cancellation.ThrowIfCancellationRequested();
                int read;
                StoreContentKey last;
                int written;
                switch (table)
                {
                    case StoreContentTable.ReportSuites:
                    {
                        var batch = source.ReadReportSuites(after, BatchSize);
                        if (batch.Count == 0) return (copied, skipped);
                        last = StoreContentKey.OfReportSuite(batch[batch.Count - 1].ReportSuite);
                        written = destination.WriteReportSuites(batch, source.DisplayName, last);
                        read = batch.Count;
                        break;
                    }

                    case StoreContentTable.OnlineTransactions:
                    {
                        var batch = source.ReadOnlineTransactions(after, BatchSize);
                        if (batch.Count == 0) return (copied, skipped);
                        last = StoreContentKey.OfPair(batch[batch.Count - 1].ReportSuite, batch[batch.Count - 1].TransactionId);
                        written = destination.WriteOnlineTransactions(batch, source.DisplayName, last);
                        read = batch.Count;
                        break;
                    }

                    case StoreContentTable.Visitors:
                    {
                        var batch = source.ReadVisitors(after, BatchSize);
                        if (batch.Count == 0) return (copied, skipped);
                        last = StoreContentKey.OfPair(batch[batch.Count - 1].ReportSuite, batch[batch.Count - 1].VisitorId);
                        written = destination.WriteVisitors(batch, source.DisplayName, last);
                        read = batch.Count;
                        break;
                    }

                    case StoreContentTable.Imports:
                    {
                        var batch = source.ReadImports(after, BatchSize);
                        if (batch.Count == 0) return (copied, skipped);
                        last = StoreContentKey.OfId(batch[batch.Count - 1].Id);
                        written = destination.WriteImports(batch, source.DisplayName, last);
                        read = batch.Count;
                        break;
                    }

                    case StoreContentTable.Consents:
                    {
                        var batch = source.ReadConsents(after, BatchSize);
                        if (batch.Count == 0) return (copied, skipped);
                        last = StoreContentKey.FromParts(null, null, batch[batch.Count - 1].Id)!;
                        written = destination.WriteConsents(batch, source.DisplayName, last);
                        read = batch.Count;
                        break;
                    }

                    case StoreContentTable.ExportBatches:
                    {
                        var batch = source.ReadExportBatches(after, BatchSize);
                        if (batch.Count == 0) return (copied, skipped);
                        last = StoreContentKey.FromParts(null, batch[batch.Count - 1].ExportKey, batch[batch.Count - 1].Batch)!;
                        written = destination.WriteExportBatches(batch, source.DisplayName, last);
                        read = batch.Count;
                        break;
                    }

                    case StoreContentTable.Deliveries:
                    {
                        var batch = source.ReadDeliveries(after, BatchSize);
                        if (batch.Count == 0) return (copied, skipped);
                        last = StoreContentKey.OfId(batch[batch.Count - 1].Id);
                        written = destination.WriteDeliveries(batch, source.DisplayName, last);
                        read = batch.Count;
                        break;
                    }

                    default:
                    {
                        var batch = source.ReadOfflineRows(after, BatchSize);
                        if (batch.Count == 0) return (copied, skipped);
                        last = StoreContentKey.OfId(batch[batch.Count - 1].Id!.Value);
                        written = destination.WriteOfflineRows(batch, source.DisplayName, last);
                        read = batch.Count;
                        break;
                    }
                }

                copied += written;
                skipped += read - written;
                after = last;
                Progress?.Invoke(new StoreCopyProgress(table, Math.Min(alreadyThere + copied + skipped, total), total));
            }
        }

        /// <summary>
        /// Every import the destination already has must be the source's import of the same ID (same report suite,
        /// content and start): rows refer to imports by ID, so two histories whose IDs overlap cannot be merged without
        /// attaching rows to the wrong import. Both ledgers are walked once, in ID order, in batches.
        /// </summary>
        private void CheckLedgers()
        {
            StoreContentKey? destinationAfter = null, sourceAfter = null;
            var sourceBatch = new Queue<ImportLedgerEntry>();
            while (true)
            {
                var batch = destination.ReadImports(destinationAfter, BatchSize);
                if (batch.Count == 0) return;
                foreach (var held in batch)
                {
                    while (true)
                    {
                        if (sourceBatch.Count == 0)
                        {
                            foreach (var e in source.ReadImports(sourceAfter, BatchSize)) sourceBatch.Enqueue(e);
                            if (sourceBatch.Count > 0) sourceAfter = StoreContentKey.OfId(sourceBatch.Last().Id);
                        }

                        if (sourceBatch.Count == 0 || sourceBatch.Peek().Id > held.Id) throw Conflict(held, null);
                        var candidate = sourceBatch.Dequeue();
                        if (candidate.Id < held.Id) continue;
                        if (!SameImport(candidate, held)) throw Conflict(held, candidate);
                        break;
                    }
                }

                destinationAfter = StoreContentKey.OfId(batch[batch.Count - 1].Id);
            }
        }

        /// <summary>
        /// As <see cref="CheckLedgers"/> for the delivery ledger: deliveries keep their IDs, so every delivery the
        /// destination already has must be the source's delivery of the same ID (same destination, content and start),
        /// or a source delivery would be skipped for another's ID and the ledger would forget a send.
        /// </summary>
        private void CheckDeliveries()
        {
            StoreContentKey? destinationAfter = null, sourceAfter = null;
            var sourceBatch = new Queue<DeliveryLedgerEntry>();
            while (true)
            {
                var batch = destination.ReadDeliveries(destinationAfter, BatchSize);
                if (batch.Count == 0) return;
                foreach (var held in batch)
                {
                    while (true)
                    {
                        if (sourceBatch.Count == 0)
                        {
                            foreach (var e in source.ReadDeliveries(sourceAfter, BatchSize)) sourceBatch.Enqueue(e);
                            if (sourceBatch.Count > 0) sourceAfter = StoreContentKey.OfId(sourceBatch.Last().Id);
                        }

                        if (sourceBatch.Count == 0 || sourceBatch.Peek().Id > held.Id) throw DeliveryConflict(held, null);
                        var candidate = sourceBatch.Dequeue();
                        if (candidate.Id < held.Id) continue;
                        if (!SameDelivery(candidate, held)) throw DeliveryConflict(held, candidate);
                        break;
                    }
                }

                destinationAfter = StoreContentKey.OfId(batch[batch.Count - 1].Id);
            }
        }

        private static bool SameDelivery(DeliveryLedgerEntry a, DeliveryLedgerEntry b) =>
            string.Equals(a.Destination, b.Destination, StringComparison.Ordinal)
            && string.Equals(a.Sha256, b.Sha256, StringComparison.Ordinal)
            && a.StartedAt == b.StartedAt;

        private StoreCopyRefusedException DeliveryConflict(DeliveryLedgerEntry held, DeliveryLedgerEntry? theirs)
        {
            var what = theirs == null
                ? "which the source does not have"
                : $"while the source's delivery {theirs.Id} is '{theirs.FileName}' to '{theirs.Destination}' started {theirs.StartedAt:yyyy-MM-dd HH:mm:ss} UTC";
            return new StoreCopyRefusedException(
                StoreCopyRefusal.DeliveryConflict,
                $"The destination store '{destination.DisplayName}' has its own delivery {held.Id} ('{held.FileName}' to '{held.Destination}', started {held.StartedAt:yyyy-MM-dd HH:mm:ss} UTC), {what}. Deliveries keep their IDs in a copy, so two delivery ledgers cannot be merged: nothing was copied. Copy into an empty store.");
        }

        private static bool SameImport(ImportLedgerEntry a, ImportLedgerEntry b) =>
            string.Equals(a.ReportSuite, b.ReportSuite, StringComparison.Ordinal)
            && string.Equals(a.Sha256, b.Sha256, StringComparison.Ordinal)
            && a.StartedAt == b.StartedAt;

        private StoreCopyRefusedException Conflict(ImportLedgerEntry held, ImportLedgerEntry? theirs)
        {
            var what = theirs == null
                ? "which the source does not have"
                : $"while the source's import {theirs.Id} is '{theirs.FileName}' into '{theirs.ReportSuite}' started {theirs.StartedAt:yyyy-MM-dd HH:mm:ss} UTC";
            return new StoreCopyRefusedException(
                StoreCopyRefusal.ImportConflict,
                $"The destination store '{destination.DisplayName}' has its own import {held.Id} ('{held.FileName}' into '{held.ReportSuite}', started {held.StartedAt:yyyy-MM-dd HH:mm:ss} UTC), {what}. Imports and rows keep their IDs in a copy, so two import histories cannot be merged: nothing was copied. Copy into an empty store.");
        }

        private static void CompareImports(IReadOnlyList<ImportRowTotals> sourceTotals, IReadOnlyList<ImportRowTotals> destinationTotals, List<string> differences)
        {
            var held = destinationTotals.ToDictionary(t => t.ImportId);
            foreach (var s in sourceTotals)
            {
                if (!held.TryGetValue(s.ImportId, out var d))
                {
                    differences.Add($"Import {s.ImportId}: the source has {Describe(StoreContentTable.OfflineRows, s.Rows)}, the destination none.");
                    continue;
                }

                held.Remove(s.ImportId);
                if (d.Rows != s.Rows || d.Revenue != s.Revenue)
                {
                    differences.Add(string.Format(CultureInfo.InvariantCulture, "Import {0}: the source has {1} (revenue {2}), the destination {3} (revenue {4}).", s.ImportId, Describe(StoreContentTable.OfflineRows, s.Rows), s.Revenue, d.Rows, d.Revenue));
                }
            }

            foreach (var d in held.Values.OrderBy(t => t.ImportId))
            {
                differences.Add($"Import {d.ImportId}: the destination has {Describe(StoreContentTable.OfflineRows, d.Rows)} the source does not have.");
            }
        }
    }
}
