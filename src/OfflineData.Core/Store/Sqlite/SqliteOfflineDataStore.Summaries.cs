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

        /// <summary>Set once a summary met a value the integer split cannot sum exactly; later summaries use the decimal aggregate.</summary>
        private bool exactFallback;

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
            var where = OfflineRowFilter(command, query);

            var keys = new List<string>();
            foreach (var dimension in groupBy) keys.Add(KeyExpression(command, dimension));
            // Outcome 1 is MatchOutcome.TransactionId (schema 3 stores the enum's number). Sums are exact: each decimal
            // text is split into its integer part and its fraction scaled to 10^-9, both summed as SQLite integers
            // (exact, an overflow is an error); a store holding a value with more decimals is summed by the registered
            // decimal aggregate instead (slower: a call into .NET per value).
            bool fast = !exactFallback;
            var sql = new StringBuilder("SELECT ");
            foreach (var key in keys) sql.Append(key).Append(", ");
            sql.Append("count(*), ").Append(Sum("r.num1", fast)).Append(", ").Append(Sum("r.num2", fast)).Append(", count(DISTINCT r.customer_id), count(DISTINCT r.credited_visitor), ")
                .Append("coalesce(sum(r.outcome = 1), 0), ").Append(Sum("CASE WHEN r.outcome = 1 THEN r.num2 END", fast)).Append(", count(DISTINCT CASE WHEN r.outcome = 1 THEN r.credited_visitor END)")
                .Append(", max(").Append(Scale("r.num1")).Append("), max(").Append(Scale("r.num2")).Append(")");
            // Consent (after the scales, so the ordinals above stay): rows whose customer's winning entry opts out now.
            var suppressed = "EXISTS (SELECT 1 FROM consent c WHERE c.customer_id = r.customer_id AND " + SuppressedCondition(command, "c", ConsentPolicy.Default) + ")";
            sql.Append(", coalesce(sum(CASE WHEN ").Append(suppressed).Append(" THEN 1 ELSE 0 END), 0), ").Append(Sum("CASE WHEN " + suppressed + " THEN r.num2 END", fast)).Append('\n')
                .Append("FROM offline_row r ").Append(where);
            if (keys.Count > 0)
            {
                sql.Append(" GROUP BY ");
                for (int i = 0; i < keys.Count; i++) sql.Append(i == 0 ? "" : ", ").Append((i + 1).ToString(CultureInfo.InvariantCulture));
            }

            command.CommandText = sql.Append(';').ToString();
            var rows = new List<OfflineDataSummaryRow>();
            try
            {
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    int m = groupBy.Count;
                    int next = m + 1;
                    // The scales (decimals) of the values, so a sum shows as the file's does: 10.50 + 2.50 is 13.00.
                    int scales = m + (fast ? 11 : 8);
                    int Scale(int ordinal) => reader.IsDBNull(ordinal) ? 0 : (int)Math.Min(28, reader.GetInt64(ordinal));
                    int scale1 = Scale(scales), scale2 = Scale(scales + 1);
                    decimal ReadSum(int scale)
                    {
                        if (!fast)
                        {
                            return ParseSum(reader.GetString(next++));
                        }

                        decimal whole = reader.IsDBNull(next) ? 0m : reader.GetInt64(next);
                        decimal fraction = reader.IsDBNull(next + 1) ? 0m : reader.GetInt64(next + 1);
                        next += 2;
                        // Adding a zero of the values' scale gives the sum that scale (decimal addition keeps the larger one).
                        return whole + (fraction / 1000000000m) + new decimal(0, 0, 0, false, (byte)Math.Min(9, scale));
                    }

                    var row = new OfflineDataSummaryRow(groupBy, isTotal: false);
                    for (int i = 0; i < groupBy.Count; i++) row.SetKey(i, KeyValue(groupBy[i], reader, i));
                    row.Rows = reader.GetInt64(m);
                    row.Num1 = ReadSum(scale1);
                    row.Num2 = ReadSum(scale2);
                    row.DistinctCustomers = reader.GetInt64(next++);
                    row.CreditedVisitors = reader.GetInt64(next++);
                    row.TransactionRows = reader.GetInt64(next++);
                    row.TransactionRevenue = ReadSum(scale2);
                    row.TransactionVisitors = reader.GetInt64(next++);
                    next = scales + 2;
                    row.SuppressedRows = reader.GetInt64(next++);
                    row.SuppressedRevenue = ReadSum(scale2);
                    if (fast && (scale1 > 9 || scale2 > 9))
                    {
                        // A value with more than 9 decimals: the integer split would drop digits.
                        exactFallback = true;
                        break;
                    }

                    rows.Add(row);
                }
            }
            catch (SqliteException e) when (fast && e.Message.IndexOf("integer overflow", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                exactFallback = true;
            }

            return fast && exactFallback ? Summarize(query, groupBy) : rows;
        }

        /// <summary>
        /// An exact sum of the decimal texts <paramref name="value"/> yields: two integer columns (the integer parts, the
        /// fractions in units of 10^-9, signed like the value), or one text column from the decimal aggregate.
        /// </summary>
        private static string Sum(string value, bool fast)
        {
            if (!fast) return DecimalSum + "(" + value + ")";
            var dot = "instr(" + value + ", '.')";
            var whole = "CAST(CASE WHEN " + dot + " = 0 THEN " + value + " ELSE substr(" + value + ", 1, " + dot + " - 1) END AS INTEGER)";
            var fraction = "CASE WHEN " + dot + " = 0 THEN 0 ELSE (CASE WHEN substr(" + value + ", 1, 1) = '-' THEN -1 ELSE 1 END) * CAST(substr(substr(" + value + ", " + dot + " + 1) || '000000000', 1, 9) AS INTEGER) END";
            return "sum(" + whole + "), sum(" + fraction + ")";
        }

        /// <summary>How many decimals the text <paramref name="value"/> has.</summary>
        private static string Scale(string value) => "CASE WHEN instr(" + value + ", '.') > 0 THEN length(" + value + ") - instr(" + value + ", '.') ELSE 0 END";

        /// <summary>The SQL of a group key; times are yyyyMMddHHmmss numbers (schema 3).</summary>
        private static string KeyExpression(SqliteCommand command, SummaryDimension dimension)
        {
            switch (dimension.Kind)
            {
                case SummaryDimensionKind.Day: return "r.occurred_at / 1000000";
                case SummaryDimensionKind.Month: return "r.occurred_at / 100000000";
                case SummaryDimensionKind.Week:
                    // ISO week as the day number (since 1970-01-01) of the week's Thursday, in integer arithmetic (days
                    // from the civil date, H. Hinnant's algorithm): several times faster than SQLite's date functions.
                    // KeyValue turns it into yyyy-Www.
                    const string y = "(r.occurred_at / 10000000000 - (r.occurred_at / 100000000 % 100 <= 2))";
                    const string m = "(r.occurred_at / 100000000 % 100)";
                    const string d = "(r.occurred_at / 1000000 % 100)";
                    const string yoe = "(" + y + " % 400)";
                    const string doy = "((153 * (" + m + " + CASE WHEN " + m + " > 2 THEN -3 ELSE 9 END) + 2) / 5 + " + d + " - 1)";
                    const string days = "((" + y + " / 400) * 146097 + " + yoe + " * 365 + " + yoe + " / 4 - " + yoe + " / 100 + " + doy + " - 719468)";
                    return "(" + days + " - (((" + days + " + 3) % 7 + 7) % 7) + 3)";
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
                case SummaryDimensionKind.Week: return SummaryDimension.IsoWeek(new DateTime(1970, 1, 1).AddDays(reader.GetInt64(ordinal)));
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
