using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using OfflineData.Core.Matching;
using OfflineData.Core.Measuring;
using OfflineData.Core.Reading;
using SQLitePCL;

namespace OfflineData.Core.Store.Sqlite
{
    /// <summary>
    /// Summaries (Measure-OfflineData) of an SQLite store: one pass over the selected rows in the store's own code,
    /// groups and totals together.
    /// </summary>
    /// <remarks>
    /// SQLite runs in this process, so stepping through the rows here costs no transfer; what it saves is SQLite's
    /// own per-row work: three <c>count(DISTINCT …)</c> temporary B-trees, exact decimal sums of text through string
    /// functions, and a second scan for the totals (distinct counts over all rows cannot be added up from the
    /// groups). The group keys are still computed by SQL (integer arithmetic on the stored yyyyMMddHHmmss times,
    /// <c>json_extract</c> for a state dimension); the Customer and visitor IDs are numbered once from their UTF-8
    /// bytes, so memory grows with the distinct (group, ID) pairs, never with the rows, as in a file summary.
    /// </remarks>
    public sealed partial class SqliteOfflineDataStore : ISummariesWithTotals
    {
        /// <inheritdoc />
        public IReadOnlyList<OfflineDataSummaryRow> SummarizeOfflineRows(OfflineRowQuery query, IReadOnlyList<SummaryDimension> groupBy)
        {
            var (groups, totals) = SummarizeWithTotals(query, groupBy);
            return groupBy.Count == 0 ? new[] { totals } : groups;
        }

        /// <inheritdoc />
        public (IReadOnlyList<OfflineDataSummaryRow> Groups, OfflineDataSummaryRow Totals) SummarizeWithTotals(OfflineRowQuery query, IReadOnlyList<SummaryDimension> groupBy)
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

        private (IReadOnlyList<OfflineDataSummaryRow>, OfflineDataSummaryRow) Summarize(OfflineRowQuery query, IReadOnlyList<SummaryDimension> groupBy)
        {
            using var command = connection.CreateCommand();
            var where = OfflineRowFilter(command, query);
            var sql = new StringBuilder("SELECT r.customer_id, r.credited_visitor, r.outcome, r.num1, r.num2");
            // Consent: whether the row's customer's winning entry opts out now (default rule collect = n); a constant
            // when the store holds no consent entry, so the common case costs no probe per row.
            if (HasConsentEntries()) sql.Append(", EXISTS (SELECT 1 FROM consent c WHERE c.customer_id = r.customer_id AND ").Append(SuppressedCondition(command, "c", ConsentPolicy.Default)).Append(')');
            else sql.Append(", 0");
            foreach (var dimension in groupBy) sql.Append(", ").Append(KeyExpression(command, dimension));
            command.CommandText = sql.Append("\nFROM offline_row r ").Append(where).Append(';').ToString();

            var accumulator = new StoreSummaryAccumulator(groupBy);
            int count = groupBy.Count;
            var numbers = new long[count];
            var texts = new string?[count];
            var isText = new bool[count];
            var isWeek = new bool[count];
            long weekDay = -1, week = 0;
            for (int i = 0; i < count; i++)
            {
                isText[i] = IsTextKey(groupBy[i].Kind);
                isWeek[i] = groupBy[i].Kind == SummaryDimensionKind.Week;
            }

            // The raw statement, not a data reader: its columns are read as spans of the row's own bytes, so a row
            // costs no string and no array (SqliteDataReader copies every text or blob value it hands out).
            var db = connection.Handle!;
            int rc = raw.sqlite3_prepare_v2(db, command.CommandText, out var statement);
            SqliteException.ThrowExceptionForRC(rc, db);
            using (statement)
            {
                foreach (SqliteParameter parameter in command.Parameters) Bind(statement, parameter);
                while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                {
                    for (int i = 0; i < count; i++)
                    {
                        int column = FirstKeyColumn + i;
                        bool isNull = raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;
                        if (isText[i])
                        {
                            numbers[i] = 0;
                            texts[i] = isNull ? null : raw.sqlite3_column_text(statement, column).utf8_to_string();
                        }
                        else if (isWeek[i])
                        {
                            long day = raw.sqlite3_column_int64(statement, column);
                            if (day != weekDay)
                            {
                                weekDay = day;
                                week = WeekNumber(day);
                            }

                            numbers[i] = week;
                        }
                        else
                        {
                            numbers[i] = isNull ? long.MinValue : raw.sqlite3_column_int64(statement, column); // MinValue: null, no stored number is it
                        }
                    }

                    int customer = accumulator.Customers.GetOrAdd(raw.sqlite3_column_blob(statement, 0));
                    int visitor = raw.sqlite3_column_type(statement, 1) == raw.SQLITE_NULL ? -1 : accumulator.Visitors.GetOrAdd(raw.sqlite3_column_blob(statement, 1));
                    bool byTransaction = raw.sqlite3_column_int64(statement, 2) == (long)MatchOutcome.TransactionId;
                    decimal num1 = FieldParsers.ParseNumber(raw.sqlite3_column_blob(statement, 3));
                    decimal num2 = FieldParsers.ParseNumber(raw.sqlite3_column_blob(statement, 4));
                    bool suppressed = raw.sqlite3_column_int64(statement, 5) != 0;
                    accumulator.Add(numbers, texts, customer, visitor, byTransaction, num1, num2, KeyValue, suppressed);
                }

                if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, db);
            }

            return accumulator.Finish();
        }

        /// <summary>The column of the first group key: after customer, visitor, outcome, num1, num2 and the consent flag.</summary>
        private const int FirstKeyColumn = 6;

        /// <summary>Whether the store holds any consent entry.</summary>
        private bool HasConsentEntries()
        {
            using var probe = connection.CreateCommand();
            probe.CommandText = "SELECT EXISTS (SELECT 1 FROM consent);";
            return Convert.ToInt64(probe.ExecuteScalar(), CultureInfo.InvariantCulture) != 0;
        }

        /// <summary>Binds one of the filter's parameters (texts and whole numbers: see OfflineRowFilter).</summary>
        private static void Bind(sqlite3_stmt statement, SqliteParameter parameter)
        {
            int index = raw.sqlite3_bind_parameter_index(statement, parameter.ParameterName);
            if (index == 0) return;
            switch (parameter.Value)
            {
                case null:
                case DBNull _: raw.sqlite3_bind_null(statement, index); break;
                case string text: raw.sqlite3_bind_text(statement, index, text); break;
                case double real: raw.sqlite3_bind_double(statement, index, real); break;
                default: raw.sqlite3_bind_int64(statement, index, Convert.ToInt64(parameter.Value, CultureInfo.InvariantCulture)); break;
            }
        }

        private static bool IsTextKey(SummaryDimensionKind kind) => StoreSummaryAccumulator.IsText(kind);

        /// <summary>The ISO week (yyyyww: its Thursday's year) of the day yyyyMMdd.</summary>
        private static long WeekNumber(long day)
        {
            var date = new DateTime((int)(day / 10000), (int)(day / 100 % 100), (int)(day % 100));
            var thursday = date.AddDays(3 - (((int)date.DayOfWeek + 6) % 7));
            return (thursday.Year * 100L) + ((thursday.DayOfYear - 1) / 7) + 1;
        }

        /// <summary>The SQL of a group key; times are yyyyMMddHHmmss numbers (schema 3).</summary>
        private static string KeyExpression(SqliteCommand command, SummaryDimension dimension)
        {
            switch (dimension.Kind)
            {
                case SummaryDimensionKind.Day: return "r.occurred_at / 1000000";
                case SummaryDimensionKind.Month: return "r.occurred_at / 100000000";
                // The day; the read loop turns it into the week (once per day: far cheaper than a week formula per row in SQL).
                case SummaryDimensionKind.Week: return "r.occurred_at / 1000000";
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
                    // A row credited with no state ('{}', most rows) has no value: no JSON to parse for it.
                    return "CASE WHEN r.state = '{}' THEN NULL ELSE json_extract(r.state, " + name + ") END";
            }
        }

        /// <summary>The canonical key value (see <see cref="OfflineDataSummaryRow"/>) of a group's key as read; once per group.</summary>
        private static object? KeyValue(SummaryDimension dimension, long number, string? text)
        {
            if (IsTextKey(dimension.Kind)) return text;
            if (number == long.MinValue) return null;
            switch (dimension.Kind)
            {
                case SummaryDimensionKind.Day:
                    return new DateTime((int)(number / 10000), (int)(number / 100 % 100), (int)(number % 100));
                case SummaryDimensionKind.Week:
                    return (number / 100).ToString("0000", CultureInfo.InvariantCulture) + "-W" + (number % 100).ToString("00", CultureInfo.InvariantCulture);
                case SummaryDimensionKind.Month:
                    return (number / 100).ToString("0000", CultureInfo.InvariantCulture) + "-" + (number % 100).ToString("00", CultureInfo.InvariantCulture);
                case SummaryDimensionKind.EventType: return (int)number;
                case SummaryDimensionKind.Outcome: return ((MatchOutcome)(int)number).ToString();
                case SummaryDimensionKind.Reason: return ((MatchReason)(int)number).ToString();
                default: return number;
            }
        }
    }
}
