using System.Collections.Generic;
using OfflineData.Core.Format;
using OfflineData.Core.Matching;

namespace OfflineData.Core.Store
{
    /// <summary>
    /// Imports one file's rows inside one write transaction: the file is in the store whole after
    /// <see cref="Commit"/>, or not at all (disposed without commit, or the process killed).
    /// A dry-run session reads and counts the same way but writes nothing.
    /// </summary>
    public interface IImportSession : System.IDisposable
    {
        /// <summary>The report suite's recording settings in force now (null = never configured).</summary>
        RecordingSettings? Recording { get; }

        /// <summary>Whether this session writes nothing.</summary>
        bool IsDryRun { get; }

        /// <summary>The ledger ID this import will have, or null for a dry run.</summary>
        long? ImportId { get; }

        /// <summary>
        /// A completed import of the same content into the same report suite, read after the write lock was taken
        /// (so two processes importing the same file at once do not both import it), or null.
        /// </summary>
        ImportLedgerEntry? AlreadyImported { get; }

        /// <summary>
        /// Told before a chunk of rows is matched (the importer's chunks are 10,000 valid rows, the last one smaller;
        /// each ID once; no transaction IDs when recording is off): the transaction IDs and customer IDs its rows will look up, so a
        /// store can fetch them in one round trip (a server store: <c>= ANY($1)</c>) and answer
        /// <see cref="FindTransaction"/> and <see cref="IsKnownVisitor"/> for them from memory. A store may also
        /// write the rows added since the last call here (rows are durable only after <see cref="Commit"/>).
        /// IDs not announced are still answered, one lookup each.
        /// </summary>
        void PrepareLookups(IReadOnlyCollection<string> transactionIds, IReadOnlyCollection<string> customerIds);

        /// <summary>A recorded online transaction of the report suite, or null.</summary>
        OnlineTransaction? FindTransaction(string transactionId);

        /// <summary>Whether an ID is a known online visitor of the report suite.</summary>
        bool IsKnownVisitor(string visitorId);

        /// <summary>Adds one valid, matched row.</summary>
        void AddRow(OfflineDataRecord record, MatchResult match);

        /// <summary>Distinct Customer IDs among the rows added so far (counted by the database, not in memory).</summary>
        long CountDistinctCustomers();

        /// <summary>
        /// Writes the ledger entry for the import begun (status Completed; the counts of stored rows, matches, revenue
        /// and distinct customers as the session counted them from <see cref="AddRow"/>; the rest from
        /// <paramref name="counts"/>), marks earlier completed imports of the same content in the report suite as
        /// superseded and removes their rows (a forced re-import replaces, it does not double), and commits.
        /// The entry given to BeginImport is not modified: the stored entry is returned. A dry run writes nothing
        /// and returns null.
        /// </summary>
        ImportLedgerEntry? Commit(ImportFileCounts counts);
    }
}
