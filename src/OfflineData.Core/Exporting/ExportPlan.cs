using System;

namespace OfflineData.Core.Exporting
{
    /// <summary>What an export would do (-WhatIf): how many batches, their first and last range, how many rows.</summary>
    public sealed class ExportPlan
    {
        internal ExportPlan(int batches, DateTime firstFrom, DateTime firstTo, DateTime lastFrom, DateTime lastTo, long estimatedRows, int alreadyWritten, string consentPolicy, int suppressedCustomers)
        {
            ConsentPolicy = consentPolicy;
            SuppressedCustomers = suppressedCustomers;
            Batches = batches;
            FirstFrom = firstFrom;
            FirstTo = firstTo;
            LastFrom = lastFrom;
            LastTo = lastTo;
            EstimatedRows = estimatedRows;
            AlreadyWritten = alreadyWritten;
        }

        /// <summary>The number of batches (batches by rows: from the rows in the range now).</summary>
        public int Batches { get; }

        /// <summary>The first batch's start.</summary>
        public DateTime FirstFrom { get; }

        /// <summary>The first batch's end (exclusive; batches by rows: the range's end, as rows decide it).</summary>
        public DateTime FirstTo { get; }

        /// <summary>The last batch's start (batches by rows: the range's start).</summary>
        public DateTime LastFrom { get; }

        /// <summary>The last batch's end (exclusive).</summary>
        public DateTime LastTo { get; }

        /// <summary>The rows in the range now.</summary>
        public long EstimatedRows { get; }

        /// <summary>Batches the export ledger already has (skipped unless -Force).</summary>
        public int AlreadyWritten { get; }

        /// <summary>The consent policy the rows are suppressed by, e.g. <c>collect = n</c>.</summary>
        public string ConsentPolicy { get; }

        /// <summary>How many customers' rows are left out (opted out under <see cref="ConsentPolicy"/>).</summary>
        public int SuppressedCustomers { get; }

        /// <inheritdoc />
        public override string ToString() =>
            $"{Batches} batch(es), first {ExportRange.Text(FirstFrom)} to {ExportRange.Text(FirstTo)}, last {ExportRange.Text(LastFrom)} to {ExportRange.Text(LastTo)}, about {EstimatedRows} row(s)"
            + (AlreadyWritten > 0 ? $", {AlreadyWritten} already written" : string.Empty)
            + $"; consent: rows of {SuppressedCustomers} opted-out customer(s) ({ConsentPolicy}) left out";
    }
}
