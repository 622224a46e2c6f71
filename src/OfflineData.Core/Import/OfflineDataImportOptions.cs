using OfflineData.Core.Matching;
using OfflineData.Core.Reading;

namespace OfflineData.Core.Import
{
    /// <summary>How Import-OfflineData imports files.</summary>
    public sealed class OfflineDataImportOptions
    {
        /// <summary>The report suite to import into (validated, see <see cref="Store.ReportSuiteId"/>).</summary>
        public string ReportSuite { get; set; } = string.Empty;

        /// <summary>The column holding the transaction ID (default EventTransaction Attr1).</summary>
        public TransactionIdColumn TransactionIdColumn { get; set; } = TransactionIdColumn.Default;

        /// <summary>
        /// The folder quarantine files go to. The core does not know where a store keeps its files (a server store has
        /// none), so the caller chooses: the cmdlets pass <c>-RejectPath</c>, else the <c>quarantine</c> folder beside
        /// an SQLite store file. Null: <c>OfflineData/quarantine</c> in the temporary folder.
        /// Each file's rejected rows go to <c>&lt;ledger id&gt;-&lt;store name&gt;-&lt;UTC start&gt;-&lt;file name&gt;.rejected.csv</c>
        /// there; an existing file is never replaced (the next free name is taken).
        /// </summary>
        public string? RejectDirectory { get; set; }

        /// <summary>
        /// The store's name in quarantine file names, keeping apart stores that share a quarantine folder (the cmdlets
        /// pass an SQLite store's file name without its extension); null or empty: <c>store</c>. Never a secret.
        /// </summary>
        public string? QuarantineStoreName { get; set; }

        /// <summary>Import even if the same content was imported into the report suite before; the new import replaces the old one.</summary>
        public bool Force { get; set; }

        /// <summary>Read and match, predict the counts, write nothing (no rows, no ledger, no quarantine file).</summary>
        public bool DryRun { get; set; }

        /// <summary>Reader options (header mode, size limits).</summary>
        public OfflineDataReaderOptions? ReaderOptions { get; set; }

        /// <summary>Opens a new quarantine file, failing if it exists (a test seam for a full disk); null: the file system.</summary>
        internal System.Func<string, System.IO.Stream>? OpenQuarantineFile { get; set; }
    }
}
