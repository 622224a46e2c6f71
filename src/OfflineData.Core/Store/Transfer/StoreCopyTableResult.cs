using System.Globalization;

namespace OfflineData.Core.Store.Transfer
{
    /// <summary>What a copy did to one table of the store's content, and whether the destination checks out.</summary>
    public sealed class StoreCopyTableResult
    {
        /// <summary>Creates the result of one table.</summary>
        public StoreCopyTableResult(StoreContentTable table, long sourceCount, long copied, long skipped, long destinationCount, bool verified)
        {
            TableValue = table;
            SourceCount = sourceCount;
            Copied = copied;
            Skipped = skipped;
            DestinationCount = destinationCount;
            Verified = verified;
        }

        /// <summary>Which table: ReportSuites, OnlineTransactions, Visitors, Imports, OfflineRows or Deliveries (a string, so JSON and CSV show the name).</summary>
        public string Table => TableValue.ToString();

        /// <summary>The table, typed.</summary>
        internal StoreContentTable TableValue { get; }

        /// <summary>How many items the source holds.</summary>
        public long SourceCount { get; }

        /// <summary>How many items this run wrote into the destination.</summary>
        public long Copied { get; }

        /// <summary>
        /// How many items this run read from the source but did not write, because the destination already held their
        /// key (a resumed or forced copy): the destination's item was kept as it was.
        /// </summary>
        public long Skipped { get; }

        /// <summary>How many items the destination holds after the copy.</summary>
        public long DestinationCount { get; }

        /// <summary>
        /// Whether the destination holds the source's items: as many as the source (a copy into an empty store or a
        /// resumed one), or at least as many for report suites, transactions and visitors a forced copy merged into
        /// what the destination held; imports and rows are also compared import by import.
        /// </summary>
        public bool Verified { get; }

        /// <summary>The table in one line (what Export-Csv writes for the result's per-table properties).</summary>
        public override string ToString() => string.Format(
            CultureInfo.InvariantCulture,
            "{0} of {1} copied, {2} skipped, {3} in destination{4}",
            Copied,
            SourceCount,
            Skipped,
            DestinationCount,
            Verified ? ", verified" : ", NOT verified");
    }
}
