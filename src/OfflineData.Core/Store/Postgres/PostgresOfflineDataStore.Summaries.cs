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
    /// <summary>Summaries (Measure-OfflineData) grouped and summed in PostgreSQL's SQL (numeric sums are exact).</summary>
    public sealed partial class PostgresOfflineDataStore
    {
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

            return Guard("summarise the offline rows", () => Summarize(query, groupBy));
        }

        private List<OfflineDataSummaryRow> Summarize(OfflineRowQuery query, IReadOnlyList<SummaryDimension> groupBy)
        {
            using var command = connection.CreateCommand();
            var where = OfflineRowFilter(command, query);

            var sql = new StringBuilder("SELECT ");
            foreach (var dimension in groupBy) sql.Append(KeyExpression(command, dimension)).Append(", ");
            sql.Append("count(*), coalesce(sum(r.num1), 0), coalesce(sum(r.num2), 0), count(DISTINCT r.customer_id), count(DISTINCT r.credited_visitor), ")
                .Append("count(*) FILTER (WHERE r.outcome = 'TransactionId'), coalesce(sum(r.num2) FILTER (WHERE r.outcome = 'TransactionId'), 0), ")
                .Append("count(DISTINCT r.credited_visitor) FILTER (WHERE r.outcome = 'TransactionId')");
            // Consent: rows whose customer's winning entry opts out now (the consent list is a reference table on Citus).
            var suppressed = "EXISTS (SELECT 1 FROM offlinedata.consent c WHERE c.customer_id = r.customer_id AND " + SuppressedCondition(command, "c", ConsentPolicy.Default) + ")";
            sql.Append(", count(*) FILTER (WHERE ").Append(suppressed).Append("), coalesce(sum(r.num2) FILTER (WHERE ").Append(suppressed).Append("), 0)\n")
                .Append("FROM offlinedata.offline_row r ").Append(where);
            if (groupBy.Count > 0)
            {
                sql.Append(" GROUP BY ");
                for (int i = 0; i < groupBy.Count; i++) sql.Append(i == 0 ? "" : ", ").Append((i + 1).ToString(CultureInfo.InvariantCulture));
            }

            command.CommandText = sql.Append(';').ToString();
            var rows = new List<OfflineDataSummaryRow>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var row = new OfflineDataSummaryRow(groupBy, isTotal: false);
                for (int i = 0; i < groupBy.Count; i++) row.SetKey(i, KeyValue(groupBy[i], reader, i));
                int m = groupBy.Count;
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
                case SummaryDimensionKind.Week: return "to_char(r.occurred_at, 'IYYY-\"W\"IW')";
                case SummaryDimensionKind.Month: return "to_char(r.occurred_at, 'YYYY-MM')";
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
                    return "(r.state::jsonb ->> @" + name + ")";
            }
        }

        private static object? KeyValue(SummaryDimension dimension, NpgsqlDataReader reader, int ordinal)
        {
            if (reader.IsDBNull(ordinal)) return null;
            switch (dimension.Kind)
            {
                case SummaryDimensionKind.Day: return reader.GetDateTime(ordinal);
                case SummaryDimensionKind.EventType: return reader.GetInt32(ordinal);
                case SummaryDimensionKind.Import: return reader.GetInt64(ordinal);
                default: return reader.GetString(ordinal);
            }
        }
    }
}
