namespace OfflineData.Core.Store.Transfer
{
    /// <summary>
    /// The parts of a store's content, in the order a copy moves them: what a later part refers to (a row's import,
    /// an import's report suite) is in the destination before it.
    /// </summary>
    public enum StoreContentTable
    {
        /// <summary>Report suites and their Transaction ID recording settings (enabled, window, enabled since, updated at).</summary>
        ReportSuites = 0,

        /// <summary>Recorded online transactions with their state snapshots, record times and duplicate counts.</summary>
        OnlineTransactions = 1,

        /// <summary>Known online visitors with first and last seen.</summary>
        Visitors = 2,

        /// <summary>The import ledger: every entry with its ID, status, counts and superseded link.</summary>
        Imports = 3,

        /// <summary>Stored offline rows with their IDs, import IDs and match results.</summary>
        OfflineRows = 4,

        /// <summary>The delivery ledger: every entry with its ID, status, times, remote and marker names.</summary>
        Deliveries = 5,

        /// <summary>The export ledger: every written batch of every history export, by export key and batch number.</summary>
        ExportBatches = 6,

        /// <summary>The consent list: every entry (not only the winning ones) with its ID, time, source and record time.</summary>
        Consents = 7,
    }
}
