namespace OfflineData.Core.Measuring
{
    /// <summary>What a summary can group offline rows by (see <see cref="SummaryDimension"/>).</summary>
    public enum SummaryDimensionKind
    {
        /// <summary>The calendar day of the offline time.</summary>
        Day,

        /// <summary>The ISO 8601 week of the offline time (weeks start on Monday; week 1 holds the year's first Thursday).</summary>
        Week,

        /// <summary>The calendar month of the offline time.</summary>
        Month,

        /// <summary>The event type code.</summary>
        EventType,

        /// <summary>The match outcome (store only: a file has not been matched).</summary>
        Outcome,

        /// <summary>The match reason (store only).</summary>
        Reason,

        /// <summary>The report suite (store only: a file names none).</summary>
        ReportSuite,

        /// <summary>The import (ledger ID) that stored the row (store only).</summary>
        Import,

        /// <summary>A dimension of the credited online state, e.g. <c>State.Campaign</c> (store only: the state comes from matching).</summary>
        State,

        /// <summary>One of the row's own Var1…Var5 columns.</summary>
        Var,
    }
}
