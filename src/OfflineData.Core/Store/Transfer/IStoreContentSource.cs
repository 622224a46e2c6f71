using System;
using System.Collections.Generic;

namespace OfflineData.Core.Store.Transfer
{
    /// <summary>
    /// A store's whole content, read table by table in key order and in batches, in the contract's own types (no
    /// database's types or text formats), so that <see cref="StoreCopier"/> can move it into any other store.
    /// Each batch holds the items after <c>after</c> (null: from the first) in the store's own key order, at most
    /// <c>limit</c> of them; an empty batch means the table is done. The order is the store's choice (its primary key's,
    /// so no batch sorts: SQLite reads transactions by report suite then ID, PostgreSQL by ID then report suite) but must
    /// be total and stable: a key handed back as <c>after</c> always comes from the same store, in a later batch or a
    /// resumed run, never from another store. Text keys compare by code unit (<c>COLLATE "C"</c> on PostgreSQL). Items read keep every stored field exactly:
    /// IDs, times, statuses, superseded links, duplicate counts, state snapshots, outcomes and reasons. Failures are
    /// <see cref="StoreException"/>s.
    /// </summary>
    internal interface IStoreContentSource
    {
        /// <summary>The store's display name (never a secret): what the destination's copy marker names as the source.</summary>
        string DisplayName { get; }

        /// <summary>
        /// Reads everything that follows from one consistent snapshot until disposed (SQLite: one read transaction;
        /// PostgreSQL: a REPEATABLE READ transaction on the reading connection), so an import that commits into the
        /// source during the copy is either wholly in the copy or not at all.
        /// </summary>
        IDisposable BeginSnapshot();

        /// <summary>How many items <paramref name="table"/> holds.</summary>
        long Count(StoreContentTable table);

        /// <summary>Report suites with their recording settings (the counts of the settings are not content and may be 0).</summary>
        IReadOnlyList<RecordingSettings> ReadReportSuites(StoreContentKey? after, int limit);

        /// <summary>Recorded online transactions, by report suite and transaction ID.</summary>
        IReadOnlyList<OnlineTransaction> ReadOnlineTransactions(StoreContentKey? after, int limit);

        /// <summary>Known visitors, by report suite and visitor ID.</summary>
        IReadOnlyList<VisitorContent> ReadVisitors(StoreContentKey? after, int limit);

        /// <summary>Ledger entries (every status), by ID.</summary>
        IReadOnlyList<ImportLedgerEntry> ReadImports(StoreContentKey? after, int limit);

        /// <summary>Offline rows, by ID (the record's Path is not stored per row and may be null).</summary>
        IReadOnlyList<StoredOfflineRow> ReadOfflineRows(StoreContentKey? after, int limit);

        /// <summary>Delivery ledger entries (every status), by ID.</summary>
        IReadOnlyList<DeliveryLedgerEntry> ReadDeliveries(StoreContentKey? after, int limit);

        /// <summary>Export ledger batches, by export key then batch number (key: Text = export key, Id = batch).</summary>
        IReadOnlyList<ExportLedgerEntry> ReadExportBatches(StoreContentKey? after, int limit);

        /// <summary>Consent entries (the whole history), by ID.</summary>
        IReadOnlyList<ConsentEntry> ReadConsents(StoreContentKey? after, int limit);

        /// <summary>Per import that has stored rows: how many, and the exact sum of their Num2, ordered by import ID.</summary>
        IReadOnlyList<ImportRowTotals> ReadRowTotals();
    }
}
