using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using OfflineData.Core.Matching;
using OfflineData.Core.Measuring;

namespace OfflineData.Core.Store.Sqlite
{
    /// <summary>Summaries (Measure-OfflineData) grouped and summed in SQLite's SQL.</summary>
    public sealed partial class SqliteOfflineDataStore
    {
        /// <summary>The exact decimal sum registered on the connection (SQLite's own sum of text is a double).</summary>
        private const string DecimalSum = "offlinedata_decimal_sum";

        private bool decimalSumRegistered;

        /// <inheritdoc />
        public IReadOnlyList<OfflineDataSummaryRow> SummarizeOfflineRows(OfflineRowQuery query, IReadOnlyList<SummaryDimension> groupBy)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            if (groupBy == null) throw new ArgumentNullException(nameof(groupBy));
            try
            {
                return Summarize(query, groupBy);
            }
            catch (SqliteException e)
            {
                throw StoreFailure.From(Location, "summarise the offline rows", e);
            }
        }

        private List<OfflineDataSummaryRow> Summarize(OfflineRowQuery query, IReadOnlyList<SummaryDimension> groupBy)
        {
            RegisterDecimalSum();
            using var command = connection.CreateCommand();
            var where = new StringBuilder("WHERE 1 = 1");
            AddMatch(command, where, "r.report_suite", query.ReportSuite);
            AddMatch(command, where, "r.customer_id", query.CustomerId);
            AddMatch(command, where, "r.transaction_id", query.TransactionId);
            if (query.From.HasValue) AddCompare(command, where, "r.occurred_at", ">=", StoreTime.EventNumber(query.From.Value));
            if (query.To.HasValue) AddCompare(command, where, "r.occurred_at", "<=", StoreTime.EventNumber(query.To.Value));
            if (query.Outcome.HasValue) AddEquals(command, where, "r.outcome", (long)query.Outcome.Value);
            if (query.Reason.HasValue) AddEquals(command, where, query.Reason == MatchReason.NoTransactionId ? "r.transaction_reason" : "r.reason", (long)query.Reason.Value);
            if (query.ImportId.HasValue) AddEquals(command, where, "r.import_id", query.ImportId.Value);
            if (query.RowId.HasValue) AddEquals(command, where, "r.id", query.RowId.Value);

            var keys = new List<string>();
            foreach (var dimension in groupBy) keys.Add(KeyExpression(command, dimension));
            // Outcome 1 is MatchOutcome.TransactionId (schema 3 stores the enum's number).
            var sql = new StringBuilder("SELECT ");
            foreach (var key in keys) sql.Append(key).Append(", ");
            sql.Append("count(*), ").Append(DecimalSum).Append("(r.num1), ").Append(DecimalSum).Append("(r.num2), count(DISTINCT r.customer_id), count(DISTINCT r.credited_visitor), ")
                .Append("coalesce(sum(r.outcome = 1), 0), ").Append(DecimalSum).Append("(CASE WHEN r.outcome = 1 THEN r.num2 END), count(DISTINCT CASE WHEN r.outcome = 1 THEN r.credited_visitor END)\n")
                .Append("FROM offline_row r ").Append(where);
            if (keys.Count > 0)
            {
                sql.Append(" GROUP BY ");
                for (int i = 0; i < keys.Count; i++) sql.Append(i == 0 ? "" : ", ").Append((i + 1).ToString(CultureInfo.InvariantCulture));
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
                row.Num1 = ParseSum(reader.GetString(m + 1));
                row.Num2 = ParseSum(reader.GetString(m + 2));
                row.DistinctCustomers = reader.GetInt64(m + 3);
                row.CreditedVisitors = reader.GetInt64(m + 4);
                row.TransactionRows = reader.GetInt64(m + 5);
                row.TransactionRevenue = ParseSum(reader.GetString(m + 6));
                row.TransactionVisitors = reader.GetInt64(m + 7);
                rows.Add(row);
            }

            return rows;
        }

        /// <summary>The SQL of a group key; times are yyyyMMddHHmmss numbers (schema 3).</summary>
        private static string KeyExpression(SqliteCommand command, SummaryDimension dimension)
        {
            switch (dimension.Kind)
            {
                case SummaryDimensionKind.Day: return "r.occurred_at / 1000000";
                case SummaryDimensionKind.Month: return "r.occurred_at / 100000000";
                case SummaryDimensionKind.Week:
                    // ISO week: the Thursday of the row's Monday-based week names the year and, by its day of the year, the week.
                    const string day = "printf('%04d-%02d-%02d', r.occurred_at / 10000000000, r.occurred_at / 100000000 % 100, r.occurred_at / 1000000 % 100)";
                    const string thursday = "date(" + day + ", printf('%+d days', 3 - ((CAST(strftime('%w', " + day + ") AS INTEGER) + 6) % 7)))";
                    return "strftime('%Y', " + thursday + ") || '-W' || printf('%02d', (CAST(strftime('%j', " + thursday + ") AS INTEGER) - 1) / 7 + 1)";
                case SummaryDimensionKind.EventType: return "r.event_type";
                case SummaryDimensionKind.Outcome: return "r.outcome";
                case SummaryDimensionKind.Reason: return "r.reason";
                case SummaryDimensionKind.ReportSuite: return "r.report_suite";
                case SummaryDimensionKind.Import: return "r.import_id";
                case SummaryDimensionKind.Var: return "r.var" + dimension.VarNumber.ToString(CultureInfo.InvariantCulture);
                default:
                    // The state is a JSON object of strings (StateCodec); the path quotes the name, so dots and spaces in it are literal.
                    var name = "$p" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
                    command.Parameters.AddWithValue(name, "$.\"" + dimension.StateKey + "\"");
                    return "json_extract(r.state, " + name + ")";
            }
        }

        private static object? KeyValue(SummaryDimension dimension, SqliteDataReader reader, int ordinal)
        {
            if (reader.IsDBNull(ordinal)) return null;
            switch (dimension.Kind)
            {
                case SummaryDimensionKind.Day:
                    var day = reader.GetInt64(ordinal);
                    return new DateTime((int)(day / 10000), (int)(day / 100 % 100), (int)(day % 100));
                case SummaryDimensionKind.Month:
                    var month = reader.GetInt64(ordinal);
                    return (month / 100).ToString("0000", CultureInfo.InvariantCulture) + "-" + (month % 100).ToString("00", CultureInfo.InvariantCulture);
                case SummaryDimensionKind.EventType: return reader.GetInt32(ordinal);
                case SummaryDimensionKind.Outcome: return ((MatchOutcome)reader.GetInt32(ordinal)).ToString();
                case SummaryDimensionKind.Reason: return ((MatchReason)reader.GetInt32(ordinal)).ToString();
                case SummaryDimensionKind.Import: return reader.GetInt64(ordinal);
                default: return reader.GetString(ordinal);
            }
        }

        private void RegisterDecimalSum()
        {
            if (decimalSumRegistered) return;
            // Exact: the stored text parsed as decimal; NULL (a CASE without a match) adds nothing. The result is text, so no double rounds it.
            connection.CreateAggregate<object?, decimal, string>(
                DecimalSum,
                0m,
                (decimal sum, object? value) => value is string text ? sum + decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture) : value == null || value is DBNull ? sum : sum + Convert.ToDecimal(value, CultureInfo.InvariantCulture),
                (decimal sum) => sum.ToString(CultureInfo.InvariantCulture),
                isDeterministic: true);
            decimalSumRegistered = true;
        }

        private static decimal ParseSum(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
    }
}
