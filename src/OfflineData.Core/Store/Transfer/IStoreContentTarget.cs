using System.Collections.Generic;

namespace OfflineData.Core.Store.Transfer
{
    /// <summary>
    /// A store that receives another store's content exactly. Each Write method writes one batch in one
    /// transaction of its own, idempotently (insert, and on a key the store already has do nothing: the item is
    /// counted as skipped and the store's own is kept), and records in the same transaction, in the store's copy
    /// marker, that the table's copy from <c>source</c> has got to <c>last</c>: a killed copy leaves whole batches
    /// and a marker that says where to go on. Identity values (import and row IDs) are written as given.
    /// </summary>
    internal interface IStoreContentTarget : IStoreContentSource
    {
        /// <summary>
        /// The copy marker of <paramref name="source"/> (a display name), or null if no copy from it was ever begun here.
        /// Reading creates nothing.
        /// </summary>
        StoreCopyMarker? ReadCopyMarker(string source);

        /// <summary>
        /// Starts (or, with <paramref name="restart"/>, starts over) the marker of a copy from <paramref name="source"/>:
        /// no position, not completed. A marker kept (restart false) keeps its positions, so the copy resumes.
        /// Creates the marker's table on first use.
        /// </summary>
        void BeginCopy(string source, bool restart);

        /// <summary>Writes report suites and their settings as given; returns how many were new (the rest are skipped).</summary>
        int WriteReportSuites(IReadOnlyList<RecordingSettings> batch, string source, StoreContentKey last);

        /// <summary>Writes online transactions as given (visitor, time, snapshot, recorded at, duplicate count); returns how many were new.</summary>
        int WriteOnlineTransactions(IReadOnlyList<OnlineTransaction> batch, string source, StoreContentKey last);

        /// <summary>Writes visitors as given; returns how many were new.</summary>
        int WriteVisitors(IReadOnlyList<VisitorContent> batch, string source, StoreContentKey last);

        /// <summary>Writes ledger entries with their IDs, status, counts and superseded links; returns how many were new.</summary>
        int WriteImports(IReadOnlyList<ImportLedgerEntry> batch, string source, StoreContentKey last);

        /// <summary>Writes offline rows with their IDs and import IDs; returns how many were new.</summary>
        int WriteOfflineRows(IReadOnlyList<StoredOfflineRow> batch, string source, StoreContentKey last);

        /// <summary>Writes delivery ledger entries with their IDs, status and times; returns how many were new.</summary>
        int WriteDeliveries(IReadOnlyList<DeliveryLedgerEntry> batch, string source, StoreContentKey last);

        /// <summary>Writes export ledger batches (a batch the destination has under the same key is kept); returns how many were new.</summary>
        int WriteExportBatches(IReadOnlyList<ExportLedgerEntry> batch, string source, StoreContentKey last);

        /// <summary>
        /// Writes consent entries with their IDs (a new ID where the destination's own entry holds it, so no opt-out is
        /// lost in a merge); an entry the destination has (same customer, scope, time and value) is skipped. Returns how many were new.
        /// </summary>
        int WriteConsents(IReadOnlyList<ConsentEntry> batch, string source, StoreContentKey last);

        /// <summary>
        /// Ends the copy: identity sequences continue after the highest import, row and delivery IDs now stored (SQLite
        /// does so by itself; PostgreSQL: <c>setval</c> on the three sequences), and the marker of <paramref name="source"/>
        /// is marked completed.
        /// </summary>
        void FinishCopy(string source);
    }
}
