using System.Collections.Generic;
using OfflineData.Core.Measuring;

namespace OfflineData.Core.Store
{
    /// <summary>
    /// A store that computes a summary's groups and its totals in one pass (<see cref="OfflineDataSummarizer"/>
    /// prefers it to asking <see cref="IOfflineRowSummaries"/> twice).
    /// </summary>
    internal interface ISummariesWithTotals
    {
        /// <summary>The groups (as <see cref="IOfflineRowSummaries.SummarizeOfflineRows"/> gives them) and the totals row.</summary>
        (IReadOnlyList<OfflineDataSummaryRow> Groups, OfflineDataSummaryRow Totals) SummarizeWithTotals(OfflineRowQuery query, IReadOnlyList<SummaryDimension> groupBy);
    }
}
