using System;
using System.Collections.Generic;
using System.Linq;

namespace OfflineData.Core.Store.Transfer
{
    /// <summary>
    /// What <c>Copy-OfflineDataStore</c> did: from which store to which (display names, never a secret), per table
    /// what was copied, skipped and verified, and whether the destination now holds the source's content.
    /// </summary>
    public sealed class StoreCopyResult
    {
        /// <summary>Creates a result.</summary>
        public StoreCopyResult(string source, string destination, string mode, IReadOnlyList<StoreCopyTableResult> tables, long importsCompared, decimal revenue, IReadOnlyList<string> differences, DateTimeOffset startedAt, DateTimeOffset endedAt)
        {
            Source = source;
            Destination = destination;
            Mode = mode;
            Tables = tables;
            ImportsCompared = importsCompared;
            Revenue = revenue;
            DifferenceList = differences;
            StartedAt = startedAt;
            EndedAt = endedAt;
        }

        /// <summary>The source store's display name.</summary>
        public string Source { get; }

        /// <summary>The destination store's display name.</summary>
        public string Destination { get; }

        /// <summary>Completed (every table and import verified) or Mismatch (see <see cref="Differences"/>).</summary>
        public string Status => DifferenceList.Count == 0 ? "Completed" : "Mismatch";

        /// <summary>
        /// New (the destination was empty), Resumed (it held a partial copy of the same source, which went on after
        /// the last batch it had) or Merged (-Force: it held other content, which was kept).
        /// </summary>
        public string Mode { get; }

        /// <summary>Report suites and their recording settings.</summary>
        public StoreCopyTableResult ReportSuites => Table(StoreContentTable.ReportSuites);

        /// <summary>Recorded online transactions.</summary>
        public StoreCopyTableResult OnlineTransactions => Table(StoreContentTable.OnlineTransactions);

        /// <summary>Known online visitors.</summary>
        public StoreCopyTableResult Visitors => Table(StoreContentTable.Visitors);

        /// <summary>Import ledger entries.</summary>
        public StoreCopyTableResult Imports => Table(StoreContentTable.Imports);

        /// <summary>Stored offline rows.</summary>
        public StoreCopyTableResult OfflineRows => Table(StoreContentTable.OfflineRows);

        /// <summary>Delivery ledger entries.</summary>
        public StoreCopyTableResult Deliveries => Table(StoreContentTable.Deliveries);

        /// <summary>Export ledger batches (Export-OfflineData).</summary>
        public StoreCopyTableResult ExportBatches => Table(StoreContentTable.ExportBatches);

        /// <summary>Consent entries (the opt-out list, its whole history).</summary>
        public StoreCopyTableResult Consents => Table(StoreContentTable.Consents);

        /// <summary>
        /// Every table, in copy order (internal: the eight properties above are the tables, and a list property would be a
        /// type name in Export-Csv).
        /// </summary>
        internal IReadOnlyList<StoreCopyTableResult> Tables { get; }

        /// <summary>How many imports' rows were compared between source and destination (row count and revenue each).</summary>
        public long ImportsCompared { get; }

        /// <summary>The sum of Num2 over the source's stored rows (the destination's matched it import by import when verified).</summary>
        public decimal Revenue { get; }

        /// <summary>
        /// What did not check out after the copy, in sentences (one per table or import that differs); empty when the copy
        /// is verified. One string, so Export-Csv writes it as it is.
        /// </summary>
        public string Differences => string.Join(" ", DifferenceList);

        /// <summary>The differences, one sentence each.</summary>
        internal IReadOnlyList<string> DifferenceList { get; }

        /// <summary>When the copy began (UTC, offset +00:00).</summary>
        public DateTimeOffset StartedAt { get; }

        /// <summary>When the copy and its verification ended (UTC, offset +00:00).</summary>
        public DateTimeOffset EndedAt { get; }

        /// <summary>How long the copy took.</summary>
        public TimeSpan Duration => EndedAt - StartedAt;

        private StoreCopyTableResult Table(StoreContentTable table) => Tables.First(t => t.TableValue == table);
    }
}
