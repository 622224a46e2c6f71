namespace OfflineData.Core.Store.Transfer
{
    /// <summary>The stored offline rows of one import, counted and summed: how a copy is verified import by import.</summary>
    internal sealed class ImportRowTotals
    {
        /// <summary>Creates the totals of one import.</summary>
        public ImportRowTotals(long importId, long rows, decimal revenue)
        {
            ImportId = importId;
            Rows = rows;
            Revenue = revenue;
        }

        /// <summary>The import's ledger ID.</summary>
        public long ImportId { get; }

        /// <summary>How many offline rows of the import are stored.</summary>
        public long Rows { get; }

        /// <summary>The exact sum of the rows' Num2 (total sales).</summary>
        public decimal Revenue { get; }
    }
}
