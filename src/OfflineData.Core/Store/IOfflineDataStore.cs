using System;
using System.Collections.Generic;

namespace OfflineData.Core.Store
{
    /// <summary>
    /// Where recording settings, online transactions, known visitors, imported offline rows, the import ledger and the
    /// delivery ledger (<see cref="IDeliveryLedger"/>) live. The embedded SQLite store (Store/Sqlite) is the default; PostgreSQL (Store/Postgres) is the server store,
    /// picked by <see cref="StoreFactory"/> from the location, so the cmdlets never name either. A store failure (busy beyond the wait,
    /// disk full, read-only, damaged, tables missing) is a <see cref="StoreException"/> naming the store and the cause, never a provider's own exception; a write to a
    /// damaged store is refused with one.
    /// </summary>
    public interface IOfflineDataStore : IDeliveryLedger, IExportStore, IOfflineRowSummaries, IConsentStore, IDisposable
    {
        /// <summary>
        /// Where the store is (the full path of the file for SQLite): its user-facing identity, for messages and for
        /// the <c>Store</c> property of every object read from it. Never holds a secret (a server store must leave a
        /// password out of it), as it is written to the pipeline, to JSON and to logs.
        /// </summary>
        string Location { get; }

        /// <summary>
        /// The store as messages, verbose output, error targets and <c>ShouldProcess</c> text name it (the full path
        /// of the file for SQLite). Never contains a secret, whatever the implementation: a server store names its
        /// host, port and database, never a password.
        /// </summary>
        string DisplayName { get; }

        /// <summary>Whether the store exists (false when opened without creating it and nothing was there).</summary>
        bool Exists { get; }

        /// <summary>The recording settings of one report suite, or null if it was never configured.</summary>
        RecordingSettings? GetRecording(string reportSuite);

        /// <summary>The recording settings of every configured report suite, ordered by ID.</summary>
        IReadOnlyList<RecordingSettings> GetRecordings();

        /// <summary>
        /// The IDs of every report suite the store knows (with recording settings or imported into), sorted; cheap
        /// (no counting), for argument completion.
        /// </summary>
        IReadOnlyList<string> GetReportSuiteIds();

        /// <summary>
        /// Switches recording on or off and/or sets the window (null leaves a value as it is; a new report suite
        /// starts off with 90 days). Switching on sets "since" to now; switching off clears it. Recorded transactions
        /// are kept either way.
        /// </summary>
        RecordingSettings SetRecording(string reportSuite, bool? enabled, int? expirationDays);

        /// <summary>A recorded online transaction, or null.</summary>
        OnlineTransaction? GetTransaction(string reportSuite, string transactionId);

        /// <summary>Begins recording online activity into a report suite (takes the write lock, waiting if another process holds it).</summary>
        IOnlineRecordingSession BeginOnlineRecording(string reportSuite);

        /// <summary>
        /// Begins importing one file (described by <paramref name="entry"/>: report suite, file, size, SHA-256, start)
        /// into its report suite. A real import takes the write lock for the whole file, waiting if another import
        /// holds it; a dry run takes no lock and writes nothing. The store keeps its own copy: <paramref name="entry"/>
        /// is never modified.
        /// </summary>
        IImportSession BeginImport(ImportLedgerEntry entry, bool dryRun);

        /// <summary>The newest completed import of the same content into the report suite that stored at least one row, or null.</summary>
        ImportLedgerEntry? FindCompletedImport(string reportSuite, string sha256);

        /// <summary>
        /// Records a failed import in the ledger (status Failed, no rows), in its own transaction, so a nightly
        /// failure is visible in <c>Get-OfflineDataImport</c>. Returns the stored entry (with its ID and status);
        /// <paramref name="entry"/> is not modified.
        /// </summary>
        ImportLedgerEntry RecordFailedImport(ImportLedgerEntry entry);

        /// <summary>Ledger entries, newest first.</summary>
        IEnumerable<ImportLedgerEntry> GetImports(ImportLedgerQuery query);

        /// <summary>Stored offline rows, newest first, streamed.</summary>
        IEnumerable<StoredOfflineRow> GetOfflineRows(OfflineRowQuery query);
    }
}
