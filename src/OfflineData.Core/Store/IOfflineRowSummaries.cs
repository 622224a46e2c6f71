using System.Collections.Generic;
using OfflineData.Core.Measuring;

namespace OfflineData.Core.Store
{
    /// <summary>
    /// Summaries of stored offline rows computed by the store itself (Measure-OfflineData): in the server's SQL
    /// (PostgreSQL) or in one pass over the rows in the store's own code (SQLite, in process), so no row is loaded
    /// into the session.
    /// </summary>
    public interface IOfflineRowSummaries
    {
        /// <summary>
        /// One row per group of the offline rows <paramref name="query"/> selects (every filter but
        /// <see cref="OfflineRowQuery.First"/>), grouped by <paramref name="groupBy"/>, with every measure but
        /// Rejected; in no particular order. With no dimensions: exactly one row (zeros when nothing matches). Sums
        /// are exact decimals; distinct counts are exact.
        /// </summary>
        IReadOnlyList<OfflineDataSummaryRow> SummarizeOfflineRows(OfflineRowQuery query, IReadOnlyList<SummaryDimension> groupBy);
    }
}
