using System;
using System.Collections.Generic;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Transfer;

namespace OfflineData.Core.Tests.Store.Transfer
{
    /// <summary>A destination whose process "dies" when the given batch of rows (or of deliveries) is written: that batch never arrives.</summary>
    internal sealed class DyingTarget : IStoreContentTarget
    {
        private readonly IStoreContentTarget inner;
        private readonly int failOnRowBatch;
        private readonly int failOnDeliveryBatch;
        private int rowBatches;
        private int deliveryBatches;

        public DyingTarget(IStoreContentTarget inner, int failOnRowBatch, int failOnDeliveryBatch = 0)
        {
            this.inner = inner;
            this.failOnRowBatch = failOnRowBatch;
            this.failOnDeliveryBatch = failOnDeliveryBatch;
        }

        public string DisplayName => inner.DisplayName;

        public IDisposable BeginSnapshot() => inner.BeginSnapshot();

        public long Count(StoreContentTable table) => inner.Count(table);

        public IReadOnlyList<RecordingSettings> ReadReportSuites(StoreContentKey? after, int limit) => inner.ReadReportSuites(after, limit);

        public IReadOnlyList<OnlineTransaction> ReadOnlineTransactions(StoreContentKey? after, int limit) => inner.ReadOnlineTransactions(after, limit);

        public IReadOnlyList<VisitorContent> ReadVisitors(StoreContentKey? after, int limit) => inner.ReadVisitors(after, limit);

        public IReadOnlyList<ImportLedgerEntry> ReadImports(StoreContentKey? after, int limit) => inner.ReadImports(after, limit);

        public IReadOnlyList<StoredOfflineRow> ReadOfflineRows(StoreContentKey? after, int limit) => inner.ReadOfflineRows(after, limit);

        public IReadOnlyList<DeliveryLedgerEntry> ReadDeliveries(StoreContentKey? after, int limit) => inner.ReadDeliveries(after, limit);

        public IReadOnlyList<ConsentEntry> ReadConsents(StoreContentKey? after, int limit) => inner.ReadConsents(after, limit);

        public int WriteConsents(IReadOnlyList<ConsentEntry> batch, string source, StoreContentKey last) => inner.WriteConsents(batch, source, last);

        public IReadOnlyList<ExportLedgerEntry> ReadExportBatches(StoreContentKey? after, int limit) => inner.ReadExportBatches(after, limit);

        public int WriteExportBatches(IReadOnlyList<ExportLedgerEntry> batch, string source, StoreContentKey last) => inner.WriteExportBatches(batch, source, last);

        public IReadOnlyList<ImportRowTotals> ReadRowTotals() => inner.ReadRowTotals();

        public StoreCopyMarker? ReadCopyMarker(string source) => inner.ReadCopyMarker(source);

        public void BeginCopy(string source, bool restart) => inner.BeginCopy(source, restart);

        public int WriteReportSuites(IReadOnlyList<RecordingSettings> batch, string source, StoreContentKey last) => inner.WriteReportSuites(batch, source, last);

        public int WriteOnlineTransactions(IReadOnlyList<OnlineTransaction> batch, string source, StoreContentKey last) => inner.WriteOnlineTransactions(batch, source, last);

        public int WriteVisitors(IReadOnlyList<VisitorContent> batch, string source, StoreContentKey last) => inner.WriteVisitors(batch, source, last);

        public int WriteImports(IReadOnlyList<ImportLedgerEntry> batch, string source, StoreContentKey last) => inner.WriteImports(batch, source, last);

        public int WriteOfflineRows(IReadOnlyList<StoredOfflineRow> batch, string source, StoreContentKey last)
        {
            if (++rowBatches == failOnRowBatch) throw new SimulatedKill();
            return inner.WriteOfflineRows(batch, source, last);
        }

        public int WriteDeliveries(IReadOnlyList<DeliveryLedgerEntry> batch, string source, StoreContentKey last)
        {
            if (++deliveryBatches == failOnDeliveryBatch) throw new SimulatedKill();
            return inner.WriteDeliveries(batch, source, last);
        }

        public void FinishCopy(string source) => inner.FinishCopy(source);
    }
}
