using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using OfflineData.Core.Matching;
using OfflineData.Core.Measuring;

namespace OfflineData.Core.Store.Postgres
{
    /// <summary>
    /// Summaries (Measure-OfflineData) grouped and summed in PostgreSQL's SQL (numeric sums are exact). A grouped
    /// summary's groups and totals come from one scan (<c>GROUPING SETS ((keys), ())</c>): distinct counts over all
    /// rows cannot be added up from the groups, and a second query scanned every row again.
    /// </summary>
    public sealed partial class PostgresOfflineDataStore : ISummariesWithTotals
    {
        /// <inheritdoc />
        public (IReadOnlyList<OfflineDataSummaryRow> Groups, OfflineDataSummaryRow Totals) SummarizeWithTotals(OfflineRowQuery query, IReadOnlyList<SummaryDimension> groupBy)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            if (groupBy == null) throw new ArgumentNullException(nameof(groupBy));
            if (!Exists) return (new List<OfflineDataSummaryRow>(), Zero(groupBy));
            var rows = Guard("summarise the offline rows", () => Summarize(query, groupBy, withTotals: true));
            if (groupBy.Count == 0) return (new List<OfflineDataSummaryRow>(), rows.Count > 0 ? rows[0] : Zero(groupBy));
            // The totals row is the one whose keys are all grouped away (GROUPING() is not 0).
            var groups = new List<OfflineDataSummaryRow>(rows.Count);
            OfflineDataSummaryRow? totals = null;
            foreach (var row in rows)
            {
                if (row.IsTotal) totals = row;
                else groups.Add(row);
            }

            return (groups, totals ?? Zero(groupBy));
        }

        /// <inheritdoc />
        public IReadOnlyList<OfflineDataSummaryRow> SummarizeOfflineRows(OfflineRowQuery query, IReadOnlyList<SummaryDimension> groupBy)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            if (groupBy == null) throw new ArgumentNullException(nameof(groupBy));
            if (!Exists)
            {
                // Nothing stored: the one totals row of zeros the contract promises, no groups.
                return groupBy.Count > 0 ? new List<OfflineDataSummaryRow>() : new List<OfflineDataSummaryRow> { Zero(groupBy) };
            }

            return Guard("summarise the offline rows", () => Summarize(query, groupBy, withTotals: false));
        }

        /// <summary>The work_mem of a summary query: enough to sort a million selected rows in memory.</summary>
        internal const string SummaryWorkMem = "256MB";

        private List<OfflineDataSummaryRow> Summarize(OfflineRowQuery query, IReadOnlyList<SummaryDimension> groupBy, bool withTotals)
        {
            using var command = connection.CreateCommand();
            var where = OfflineRowFilter(command, query);

            var keys = new List<string>();
            foreach (var dimension in groupBy) keys.Add(KeyExpression(command, dimension));
            bool sets = withTotals && keys.Count > 0;
            var sql = new StringBuilder("SELECT ");
            foreach (var key in keys) sql.Append(key).Append(", ");
            // Which row is the totals row of the grouping sets: its keys are grouped away, so GROUPING() is not 0.
            sql.Append(sets ? "GROUPING(" + string.Join(", ", keys) + ") <> 0, " : "false, ");
            sql.Append("count(*), coalesce(sum(r.num1), 0), coalesce(sum(r.num2), 0), count(DISTINCT r.customer_id), count(DISTINCT r.credited_visitor), ")
                .Append("count(*) FILTER (WHERE r.outcome = 'TransactionId'), coalesce(sum(r.num2) FILTER (WHERE r.outcome = 'TransactionId'), 0), ")
                .Append("count(DISTINCT r.credited_visitor) FILTER (WHERE r.outcome = 'TransactionId')");
            // Consent: rows whose customer's winning entry opts out now (the consent list is a reference table on Citus).
            // The suppressed customers are worked out once and hash-joined: a correlated EXISTS probed the consent
            // table once per selected row (a million probes, seconds). Without any consent entry there is nothing to join.
            if (HasConsentEntries())
            {
                sql.Insert(0, "WITH suppressed AS (SELECT DISTINCT c.customer_id FROM offlinedata.consent c WHERE " + SuppressedCondition(command, "c", ConsentPolicy.Default) + ")\n");
                sql.Append(", count(*) FILTER (WHERE s.customer_id IS NOT NULL), coalesce(sum(r.num2) FILTER (WHERE s.customer_id IS NOT NULL), 0)\n")
                    .Append("FROM offlinedata.offline_row r LEFT JOIN suppressed s ON s.customer_id = r.customer_id ").Append(where);
            }
            else
            {
                sql.Append(", 0::bigint, 0::numeric\n").Append("FROM offlinedata.offline_row r ").Append(where);
            }
            if (sets)
            {
                sql.Append(" GROUP BY GROUPING SETS ((").Append(string.Join(", ", keys)).Append("), ())");
            }
            else if (groupBy.Count > 0)
            {
                sql.Append(" GROUP BY ");
                for (int i = 0; i < groupBy.Count; i++) sql.Append(i == 0 ? "" : ", ").Append((i + 1).ToString(CultureInfo.InvariantCulture));
            }

            // The distinct counts sort the selected rows: with the default 4 MB of work_mem a million rows spill to disk
            // (external merge), which took a third of the time. set_config(…, true) holds for this batch's implicit
            // transaction only, so the session's own setting is back afterwards.
            command.CommandText = "SELECT set_config('work_mem', '" + SummaryWorkMem + "', true);\n" + sql.Append(';').ToString();
            var rows = new List<OfflineDataSummaryRow>();
            using var reader = command.ExecuteReader();
            reader.NextResult();
            while (reader.Read())
            {
                bool isTotal = reader.GetBoolean(groupBy.Count);
                var row = new OfflineDataSummaryRow(groupBy, isTotal);
                if (!isTotal)
                {
                    for (int i = 0; i < groupBy.Count; i++) row.SetKey(i, KeyValue(groupBy[i], reader, i));
                }

                int m = groupBy.Count + 1;
                row.Rows = reader.GetInt64(m);
                row.Num1 = reader.GetDecimal(m + 1);
                row.Num2 = reader.GetDecimal(m + 2);
                row.DistinctCustomers = reader.GetInt64(m + 3);
                row.CreditedVisitors = reader.GetInt64(m + 4);
                row.TransactionRows = reader.GetInt64(m + 5);
                row.TransactionRevenue = reader.GetDecimal(m + 6);
                row.TransactionVisitors = reader.GetInt64(m + 7);
                row.SuppressedRows = reader.GetInt64(m + 8);
                row.SuppressedRevenue = reader.GetDecimal(m + 9);
                rows.Add(row);
            }

            return rows;
        }

        /// <summary>Whether the store holds any consent entry (one index probe).</summary>
        private bool HasConsentEntries()
        {
            using var probe = connection.CreateCommand();
            probe.CommandText = "SELECT EXISTS (SELECT 1 FROM offlinedata.consent);";
            return (bool)probe.ExecuteScalar()!;
        }

        private static OfflineDataSummaryRow Zero(IReadOnlyList<SummaryDimension> groupBy) => new OfflineDataSummaryRow(groupBy, isTotal: false)
        {
            CreditedVisitors = 0,
            TransactionRows = 0,
            TransactionRevenue = 0m,
            TransactionVisitors = 0,
        };

        private static string KeyExpression(NpgsqlCommand command, SummaryDimension dimension)
        {
            switch (dimension.Kind)
            {
                case SummaryDimensionKind.Day: return "r.occurred_at::date";
                // The week's Monday and the month's first day as dates (date_trunc is far cheaper per row than
                // to_char); KeyValue writes them as yyyy-Www and yyyy-MM.
                case SummaryDimensionKind.Week: return "date_trunc('week', r.occurred_at)::date";
                case SummaryDimensionKind.Month: return "date_trunc('month', r.occurred_at)::date";
                case SummaryDimensionKind.EventType: return "r.event_type";
                case SummaryDimensionKind.Outcome: return "r.outcome";
                case SummaryDimensionKind.Reason: return "r.reason";
                case SummaryDimensionKind.ReportSuite: return "r.report_suite";
                case SummaryDimensionKind.Import: return "r.import_id";
                case SummaryDimensionKind.Var: return "r.var" + dimension.VarNumber.ToString(CultureInfo.InvariantCulture);
                default:
                    // The state is a JSON object of strings (StateCodec) kept as text.
                    var name = "p" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
                    command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = dimension.StateKey! });
                    // A row credited with no state ('{}', most rows) has no value: no JSON to parse for it.
                    return "(CASE WHEN r.state = '{}' THEN NULL ELSE r.state::jsonb ->> @" + name + " END)";
            }
        }

        private static object? KeyValue(SummaryDimension dimension, NpgsqlDataReader reader, int ordinal)
        {
            if (reader.IsDBNull(ordinal)) return null;
            switch (dimension.Kind)
            {
                case SummaryDimensionKind.Day: return reader.GetDateTime(ordinal);
                case SummaryDimensionKind.Week: return SummaryDimension.IsoWeek(reader.GetDateTime(ordinal));
                case SummaryDimensionKind.Month: return SummaryDimension.MonthOf(reader.GetDateTime(ordinal));
                case SummaryDimensionKind.EventType: return reader.GetInt32(ordinal);
                case SummaryDimensionKind.Import: return reader.GetInt64(ordinal);
                default: return reader.GetString(ordinal);
            }
        }
    }
}
