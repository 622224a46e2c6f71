using System;
using System.Collections.Generic;
using System.Globalization;
using OfflineData.Core.Findings;

namespace OfflineData.Core.Measuring
{
    /// <summary>
    /// One group of an offline data summary (Measure-OfflineData), or its totals row (<see cref="IsTotal"/>). The same
    /// shape for a file and for the store, so the two compare side by side. Key properties a summary does not group by
    /// stay null; measures a source cannot know stay null (a file has no outcome, credited visitor or state before it
    /// is imported).
    /// </summary>
    public sealed class OfflineDataSummaryRow
    {
        private readonly string?[] keyTexts;

        /// <summary>Creates a row of a summary grouped by <paramref name="groupBy"/> (keys set with <see cref="SetKey"/>).</summary>
        internal OfflineDataSummaryRow(IReadOnlyList<SummaryDimension> groupBy, bool isTotal)
        {
            GroupByDimensions = groupBy;
            keyTexts = new string?[groupBy.Count];
            IsTotal = isTotal;
        }

        internal IReadOnlyList<SummaryDimension> GroupByDimensions { get; }

        /// <summary><c>File</c> or <c>Store</c>: where the numbers come from.</summary>
        public string Source { get; internal set; } = string.Empty;

        /// <summary>The file's full path (file summaries), else null.</summary>
        public string? Path { get; internal set; }

        /// <summary>The store the numbers come from (store summaries), else null; store cmdlets bind -Store from it.</summary>
        public string? Store { get; internal set; }

        /// <summary>True on the totals row (one per summary, after its groups): its key properties are null.</summary>
        public bool IsTotal { get; }

        /// <summary>The dimensions the summary groups by, comma-separated in the order given (empty: totals only); text, so Export-Csv keeps it.</summary>
        public string GroupBy
        {
            get
            {
                var names = new string[GroupByDimensions.Count];
                for (int i = 0; i < names.Length; i++) names[i] = GroupByDimensions[i].Name;
                return string.Join(",", names);
            }
        }

        /// <summary>The group's key values joined by <c>|</c> in GroupBy order (<c>Total</c> on the totals row); null values show as empty.</summary>
        public string Key => IsTotal ? "Total" : string.Join("|", Array.ConvertAll(keyTexts, t => t ?? string.Empty));

        /// <summary>The day (grouped by Day).</summary>
        public DateTime? Day { get; private set; }

        /// <summary>The ISO 8601 week as <c>yyyy-Www</c> (grouped by Week).</summary>
        public string? Week { get; private set; }

        /// <summary>The month as <c>yyyy-MM</c> (grouped by Month).</summary>
        public string? Month { get; private set; }

        /// <summary>The event type (grouped by EventType).</summary>
        public int? EventType { get; private set; }

        /// <summary>The match outcome: TransactionId, CustomerId or Unattributed (grouped by Outcome; store only).</summary>
        public string? Outcome { get; private set; }

        /// <summary>The match reason, e.g. TransactionExpired (grouped by Reason; store only).</summary>
        public string? Reason { get; private set; }

        /// <summary>The report suite (grouped by ReportSuite; store only).</summary>
        public string? ReportSuite { get; private set; }

        /// <summary>The import's ledger ID (grouped by Import; store only). Store cmdlets bind -ImportId from it.</summary>
        public long? ImportId { get; private set; }

        /// <summary>The Var or credited state dimension grouped by (e.g. <c>State.Campaign</c>, <c>Var1</c>), else null.</summary>
        public string? StateDimension { get; private set; }

        /// <summary>The group's value of <see cref="StateDimension"/>; null for rows without one (e.g. not credited with a state).</summary>
        public string? StateValue { get; private set; }

        /// <summary>Offline rows in the group (rows the validation rejected are not: see <see cref="Rejected"/>).</summary>
        public long Rows { get; internal set; }

        /// <summary>The sum of Num1 (amounts).</summary>
        public decimal Num1 { get; internal set; }

        /// <summary>The sum of Num2 (total sales: the revenue).</summary>
        public decimal Num2 { get; internal set; }

        /// <summary>Distinct Customer IDs in the group.</summary>
        public long DistinctCustomers { get; internal set; }

        /// <summary>
        /// Visitor participation: distinct online visitors credited with at least one row of the group (by transaction
        /// or customer ID). A visitor, never a visit: rows credited through a transaction ID count towards the visitor
        /// and are not part of any visit. Null in a file summary (not matched yet).
        /// </summary>
        public long? CreditedVisitors { get; internal set; }

        /// <summary>Attribution: rows credited through transaction integration (outcome TransactionId). Null in a file summary.</summary>
        public long? TransactionRows { get; internal set; }

        /// <summary>Attribution: the Num2 (revenue) of the rows credited through transaction integration. Null in a file summary.</summary>
        public decimal? TransactionRevenue { get; internal set; }

        /// <summary>
        /// Visitor participation through transaction integration: distinct visitors credited by transaction ID (they
        /// count towards the visitor, never towards a visit). Null in a file summary.
        /// </summary>
        public long? TransactionVisitors { get; internal set; }

        /// <summary>
        /// Consent: rows of customers whose opt-out is recorded (the default rule, collect = n, when measured), which
        /// exports and deliveries leave out. Still imported and counted in <see cref="Rows"/>; not part of the checksum,
        /// so a file's summary and the store's still compare equal. Null in a file summary (the file is not matched
        /// against the consent list, as it is not matched against visitors).
        /// </summary>
        public long? SuppressedRows { get; internal set; }

        /// <summary>Consent: the Num2 (revenue) of the <see cref="SuppressedRows"/>. Null in a file summary.</summary>
        public decimal? SuppressedRevenue { get; internal set; }

        /// <summary>
        /// Rows the validation rejected (errors; not imported). Only on the totals row: of a file, the rows with
        /// errors; of the store, the ledger's count for the import(s) summarised when -ImportId selects one, else null.
        /// </summary>
        public long? Rejected { get; internal set; }

        /// <summary>
        /// The rejected rows per error code (e.g. <c>InvalidTimestamp=3, TooFewFields=1</c>), only on the totals row and
        /// only where <see cref="Rejected"/> is known: of a file, from the validation; of the store for one -ImportId,
        /// from that import's quarantine file (the store keeps no rejected rows; null when the quarantine file is gone).
        /// A row with errors of two codes counts under both, so the counts can add up to more than <see cref="Rejected"/>.
        /// Not part of the checksum.
        /// </summary>
        public CountsByName<FindingCode>? RejectedByCode { get; internal set; }

        /// <summary>The summary's checksum (the same on every row of one summary): see <see cref="OfflineDataSummary.Checksum"/>.</summary>
        public string Checksum { get; internal set; } = string.Empty;

        /// <summary>The key's canonical texts, in GroupBy order (null for a null key value).</summary>
        internal IReadOnlyList<string?> KeyTexts => keyTexts;

        /// <summary>Sets the key of dimension <paramref name="index"/> from its canonical value (see <see cref="SummaryDimension"/>).</summary>
        internal void SetKey(int index, object? value)
        {
            var dimension = GroupByDimensions[index];
            switch (dimension.Kind)
            {
                case SummaryDimensionKind.Day:
                    Day = ((DateTime)value!).Date;
                    keyTexts[index] = Day.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    break;
                case SummaryDimensionKind.Week: Week = (string)value!; keyTexts[index] = Week; break;
                case SummaryDimensionKind.Month: Month = (string)value!; keyTexts[index] = Month; break;
                case SummaryDimensionKind.EventType:
                    EventType = Convert.ToInt32(value, CultureInfo.InvariantCulture);
                    keyTexts[index] = EventType.Value.ToString(CultureInfo.InvariantCulture);
                    break;
                case SummaryDimensionKind.Outcome: Outcome = (string)value!; keyTexts[index] = Outcome; break;
                case SummaryDimensionKind.Reason: Reason = (string)value!; keyTexts[index] = Reason; break;
                case SummaryDimensionKind.ReportSuite: ReportSuite = (string)value!; keyTexts[index] = ReportSuite; break;
                case SummaryDimensionKind.Import:
                    ImportId = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                    keyTexts[index] = ImportId.Value.ToString(CultureInfo.InvariantCulture);
                    break;
                default:
                    StateDimension = dimension.Name;
                    StateValue = (string?)value;
                    keyTexts[index] = StateValue;
                    break;
            }
        }

        /// <summary>The key and the measures, for reading at a glance.</summary>
        public override string ToString() => $"{Key}: {Rows} row(s), Num1 {Num1.ToString(CultureInfo.InvariantCulture)}, Num2 {Num2.ToString(CultureInfo.InvariantCulture)}";
    }
}
