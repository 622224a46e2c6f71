using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using OfflineData.Core.Measuring;

namespace OfflineData.Core.Reporting
{
    /// <summary>
    /// Renders summary rows (Measure-OfflineData) as one self-contained HTML page for the morning mail: file vs store
    /// totals with a mismatch marker, revenue and rows per day by outcome, the top credited state values (campaigns,
    /// channels) and the rejected rows by error code. No script, no external resource (a Content-Security-Policy forbids any
    /// request), charts are inline SVG; every value is HTML-encoded; numbers are invariant (revenue with 2 decimals,
    /// no currency). Each number cell carries <c>data-measure</c> and <c>data-value</c> (plain invariant) so a test or
    /// a script finds it.
    /// </summary>
    public static class OfflineDataReport
    {
        /// <summary>The Content-Security-Policy of every report: nothing may be loaded; inline styles and data: images only.</summary>
        public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

        private static readonly string[] Palette = { "#1b7837", "#2166ac", "#b2182b", "#e08214", "#762a83", "#4d4d4d", "#35978f", "#bf812d" };

        /// <summary>Renders <paramref name="rows"/> (groups and totals of one or more summaries) as an HTML page.</summary>
        /// <param name="rows">Summary rows, e.g. a file's and the store's totals, the store by Day,Outcome and by State.Campaign.</param>
        /// <param name="title">The page title (encoded).</param>
        /// <param name="top">How many state values each "top credited" section shows (at least 1).</param>
        /// <param name="generatedAt">The time printed in the report (UTC).</param>
        public static string Render(IEnumerable<OfflineDataSummaryRow> rows, string title, int top, DateTime generatedAt)
        {
            if (rows == null) throw new ArgumentNullException(nameof(rows));
            if (top < 1) throw new ArgumentOutOfRangeException(nameof(top), top, "At least one value must be shown.");
            var all = rows.Where(r => r != null).ToList();
            var html = new StringBuilder();
            html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(Encode(ContentSecurityPolicy)).Append("\">\n")
                .Append("<meta name=\"generator\" content=\"OfflineData ConvertTo-OfflineDataReport\">\n")
                .Append("<title>").Append(Encode(title)).Append("</title>\n<style>\n")
                .Append("body{font-family:system-ui,sans-serif;margin:1.5em;color:#222;max-width:60em}")
                .Append("h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ccc}")
                .Append("table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:.2em .6em}")
                .Append("td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f3f3;text-align:left}")
                .Append(".status{font-size:1.2em;font-weight:bold;padding:.4em .8em;display:inline-block}")
                .Append(".match{background:#d9f0d3;color:#1b5e20}.mismatch{background:#fddbc7;color:#b2182b}.single{background:#eee}")
                .Append("td.diff{background:#fddbc7;color:#b2182b;font-weight:bold}.note{color:#555;font-size:.9em}")
                .Append("\n</style>\n</head>\n<body>\n")
                .Append("<h1>").Append(Encode(title)).Append("</h1>\n")
                .Append("<p class=\"note\">Generated ").Append(Encode(generatedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))).Append(" UTC. Revenue is Num2 (total sales), two decimals, no currency.</p>\n");
            AppendTotals(html, all);
            AppendDays(html, all);
            AppendStates(html, all, top);
            AppendRejected(html, all);
            html.Append("</body>\n</html>\n");
            return html.ToString();
        }

        /// <summary>The first totals row of each source (File, Store); later summaries of the same source are listed, not compared.</summary>
        private static void AppendTotals(StringBuilder html, List<OfflineDataSummaryRow> all)
        {
            var totals = all.Where(r => r.IsTotal).ToList();
            html.Append("<h2 id=\"totals\">File vs store totals</h2>\n");
            if (totals.Count == 0)
            {
                html.Append("<p class=\"note\">No totals row in the input.</p>\n");
                return;
            }

            var file = totals.FirstOrDefault(r => r.Source == "File");
            var store = totals.FirstOrDefault(r => r.Source == "Store");
            var differing = new List<string>();
            if (file != null && store != null)
            {
                if (file.Rows != store.Rows) differing.Add("Rows");
                if (file.Num1 != store.Num1) differing.Add("Num1");
                if (file.Num2 != store.Num2) differing.Add("Num2");
                if (file.DistinctCustomers != store.DistinctCustomers) differing.Add("DistinctCustomers");
                if (file.Rejected.HasValue && store.Rejected.HasValue && file.Rejected != store.Rejected) differing.Add("Rejected");
                if (differing.Count == 0)
                {
                    html.Append("<p id=\"reconciliation\" class=\"status match\" data-status=\"match\">&#10004; MATCH: the file and the store agree</p>\n");
                }
                else
                {
                    html.Append("<p id=\"reconciliation\" class=\"status mismatch\" data-status=\"mismatch\">&#10008; MISMATCH: the file and the store differ in ")
                        .Append(Encode(string.Join(", ", differing))).Append("</p>\n");
                }
            }
            else
            {
                html.Append("<p id=\"reconciliation\" class=\"status single\" data-status=\"single\">Only a ")
                    .Append(Encode(file != null ? "file" : "store")).Append(" summary: nothing to compare</p>\n");
            }

            html.Append("<table id=\"totals-table\">\n<tr><th>Source</th><th>Path or store</th><th>Rows</th><th>Num1</th><th>Revenue (Num2)</th><th>Distinct customers</th><th>Rejected</th><th>Suppressed (opted out)</th></tr>\n");
            foreach (var row in new[] { file, store }.Where(r => r != null))
            {
                var source = row!.Source;
                html.Append("<tr data-source=\"").Append(Encode(source)).Append("\"><td>").Append(Encode(source)).Append("</td><td>")
                    .Append(Encode(row.Path ?? row.Store ?? string.Empty)).Append("</td>");
                Count(html, "Rows", row.Rows, differing.Contains("Rows"));
                Money(html, "Num1", row.Num1, differing.Contains("Num1"));
                Money(html, "Num2", row.Num2, differing.Contains("Num2"));
                Count(html, "DistinctCustomers", row.DistinctCustomers, differing.Contains("DistinctCustomers"));
                Count(html, "Rejected", row.Rejected, differing.Contains("Rejected"));
                // Never a mismatch: a file is not matched against the consent list (null, shown as a dash).
                Count(html, "SuppressedRows", row.SuppressedRows, false);
                html.Append("</tr>\n");
            }

            html.Append("</table>\n");
            if (store?.SuppressedRows > 0)
            {
                html.Append("<p id=\"suppressed-note\" class=\"note\">").Append(store.SuppressedRows.Value.ToString("N0", CultureInfo.InvariantCulture))
                    .Append(" stored row(s) belong to customers who opted out: still imported and counted, left out of exports and deliveries.</p>\n");
            }

            // Checksums cover the groups too, so they only compare between summaries of the same grouping.
            if (file != null && store != null && file.GroupBy == store.GroupBy)
            {
                html.Append("<p class=\"note\">Checksums: file ").Append(Encode(file.Checksum)).Append(", store ").Append(Encode(store.Checksum))
                    .Append(file.Checksum == store.Checksum ? " (equal)" : " (different)").Append(".</p>\n");
            }
        }

        /// <summary>Rows grouped by Day (and Outcome, when a summary has it): a stacked revenue chart and a table.</summary>
        private static void AppendDays(StringBuilder html, List<OfflineDataSummaryRow> all)
        {
            var dayRows = all.Where(r => !r.IsTotal && r.Day.HasValue && r.StateDimension == null).ToList();
            var withOutcome = dayRows.Where(r => r.GroupByDimensions.Any(d => d.Kind == SummaryDimensionKind.Outcome)).ToList();
            if (withOutcome.Count > 0) dayRows = withOutcome;
            else if (dayRows.Any(r => r.Source == "Store")) dayRows = dayRows.Where(r => r.Source == "Store").ToList();
            html.Append("<h2 id=\"days\">Revenue and rows per day by outcome</h2>\n");
            if (dayRows.Count == 0)
            {
                html.Append("<p class=\"note\">No summary grouped by Day in the input (Measure-OfflineData -GroupBy Day, Outcome).</p>\n");
                return;
            }

            // Day x outcome cells; rows of another grouping (e.g. Day,EventType) add up into their day and outcome.
            var cells = new SortedDictionary<string, SortedDictionary<string, (long Rows, decimal Revenue)>>(StringComparer.Ordinal);
            var outcomes = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var row in dayRows)
            {
                var day = row.Day!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var outcome = row.Outcome ?? (withOutcome.Count > 0 ? "(none)" : "All");
                outcomes.Add(outcome);
                if (!cells.TryGetValue(day, out var byOutcome)) cells[day] = byOutcome = new SortedDictionary<string, (long, decimal)>(StringComparer.Ordinal);
                byOutcome.TryGetValue(outcome, out var cell);
                byOutcome[outcome] = (cell.Rows + row.Rows, cell.Revenue + row.Num2);
            }

            var colors = outcomes.Select((o, i) => (o, Palette[i % Palette.Length])).ToDictionary(p => p.o, p => p.Item2, StringComparer.Ordinal);
            AppendDayChart(html, cells, outcomes, colors);
            html.Append("<table id=\"days-table\">\n<tr><th>Day</th><th>Outcome</th><th>Rows</th><th>Revenue (Num2)</th></tr>\n");
            foreach (var day in cells)
            {
                foreach (var cell in day.Value)
                {
                    html.Append("<tr data-day=\"").Append(day.Key).Append("\" data-outcome=\"").Append(Encode(cell.Key)).Append("\"><td>")
                        .Append(day.Key).Append("</td><td>").Append(Encode(cell.Key)).Append("</td>");
                    Count(html, "Rows", cell.Value.Rows, false);
                    Money(html, "Num2", cell.Value.Revenue, false);
                    html.Append("</tr>\n");
                }
            }

            html.Append("</table>\n");
        }

        private static void AppendDayChart(StringBuilder html, SortedDictionary<string, SortedDictionary<string, (long Rows, decimal Revenue)>> cells, SortedSet<string> outcomes, Dictionary<string, string> colors)
        {
            const int width = 720, height = 240, left = 80, bottom = 40, top = 10;
            var max = cells.Values.Select(d => d.Values.Sum(c => Math.Max(0m, c.Revenue))).DefaultIfEmpty(0m).Max();
            if (max <= 0m) max = 1m;
            var slot = (width - left - 10) / (double)cells.Count;
            var barWidth = Math.Max(2.0, slot * 0.7);
            var plot = height - bottom - top;
            var svg = new StringBuilder();
            svg.Append("<svg id=\"days-chart\" role=\"img\" aria-label=\"Revenue per day by outcome\" width=\"").Append(width).Append("\" height=\"").Append(height + 20)
                .Append("\" viewBox=\"0 0 ").Append(width).Append(' ').Append(height + 20).Append("\">\n");
            svg.Append("<line x1=\"").Append(left).Append("\" y1=\"").Append(top + plot).Append("\" x2=\"").Append(width - 10).Append("\" y2=\"").Append(top + plot).Append("\" stroke=\"#888\"/>\n");
            svg.Append("<text x=\"").Append(left - 6).Append("\" y=\"").Append(top + 10).Append("\" text-anchor=\"end\" font-size=\"11\">").Append(Amount(max)).Append("</text>\n");
            svg.Append("<text x=\"").Append(left - 6).Append("\" y=\"").Append(top + plot).Append("\" text-anchor=\"end\" font-size=\"11\">0</text>\n");
            int i = 0;
            var labelEvery = Math.Max(1, (int)Math.Ceiling(cells.Count / 12.0));
            foreach (var day in cells)
            {
                var x = left + i * slot + (slot - barWidth) / 2;
                double y = top + plot;
                foreach (var cell in day.Value)
                {
                    var h = (double)(Math.Max(0m, cell.Value.Revenue) / max) * plot;
                    y -= h;
                    svg.Append("<rect x=\"").Append(F(x)).Append("\" y=\"").Append(F(y)).Append("\" width=\"").Append(F(barWidth)).Append("\" height=\"").Append(F(h))
                        .Append("\" fill=\"").Append(colors[cell.Key]).Append("\"><title>").Append(day.Key).Append(' ').Append(Encode(cell.Key)).Append(": ")
                        .Append(Amount(cell.Value.Revenue)).Append(" revenue, ").Append(cell.Value.Rows.ToString("N0", CultureInfo.InvariantCulture)).Append(" rows</title></rect>\n");
                }

                if (i % labelEvery == 0)
                {
                    svg.Append("<text x=\"").Append(F(x + barWidth / 2)).Append("\" y=\"").Append(top + plot + 14).Append("\" text-anchor=\"middle\" font-size=\"10\">")
                        .Append(day.Key.Substring(5)).Append("</text>\n");
                }

                i++;
            }

            double lx = left;
            foreach (var outcome in outcomes)
            {
                svg.Append("<rect x=\"").Append(F(lx)).Append("\" y=\"").Append(height + 2).Append("\" width=\"10\" height=\"10\" fill=\"").Append(colors[outcome]).Append("\"/>")
                    .Append("<text x=\"").Append(F(lx + 14)).Append("\" y=\"").Append(height + 11).Append("\" font-size=\"11\">").Append(Encode(outcome)).Append("</text>\n");
                lx += 20 + 7 * Math.Min(outcome.Length, 30);
            }

            svg.Append("</svg>\n");
            html.Append(svg);
        }

        /// <summary>Per credited state dimension (State.Campaign, State.Channel …): the top values by transaction revenue.</summary>
        private static void AppendStates(StringBuilder html, List<OfflineDataSummaryRow> all, int top)
        {
            // Only credited state (State.*): a Var1 grouping also fills StateDimension but was never credited to anything.
            var byDimension = all.Where(r => !r.IsTotal && r.Source == "Store" && r.StateDimension != null
                    && r.GroupByDimensions.Any(d => d.Kind == SummaryDimensionKind.State && d.Name == r.StateDimension))
                .GroupBy(r => r.StateDimension!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            html.Append("<h2 id=\"states\">Top credited values</h2>\n");
            if (byDimension.Count == 0)
            {
                html.Append("<p class=\"note\">No store summary grouped by a credited state dimension in the input (Measure-OfflineData -GroupBy State.Campaign).</p>\n");
                return;
            }

            html.Append("<p class=\"note\">Attribution through transaction integration. Participation counts distinct credited visitors, never visits: rows matched by transaction ID count towards the visitor and are part of no visit.</p>\n");
            foreach (var group in byDimension)
            {
                var ranked = group.Where(r => r.StateValue != null)
                    .OrderByDescending(r => r.TransactionRevenue ?? 0m).ThenByDescending(r => r.Num2).ThenBy(r => r.StateValue, StringComparer.Ordinal)
                    .Take(top).ToList();
                var id = "state-" + Slug(group.Key);
                html.Append("<h3>").Append(Encode(group.Key)).Append("</h3>\n");
                AppendStateChart(html, id, ranked);
                html.Append("<table id=\"").Append(id).Append("-table\" data-dimension=\"").Append(Encode(group.Key)).Append("\">\n<tr><th>")
                    .Append(Encode(group.Key)).Append("</th><th>Transaction rows</th><th>Transaction revenue</th><th>Transaction visitors (not visits)</th><th>Credited visitors (not visits)</th><th>All rows</th><th>Revenue (Num2)</th></tr>\n");
                foreach (var row in ranked)
                {
                    html.Append("<tr data-value=\"").Append(Encode(row.StateValue)).Append("\"><td>").Append(Encode(row.StateValue)).Append("</td>");
                    Count(html, "TransactionRows", row.TransactionRows, false);
                    Money(html, "TransactionRevenue", row.TransactionRevenue, false);
                    Count(html, "TransactionVisitors", row.TransactionVisitors, false);
                    Count(html, "CreditedVisitors", row.CreditedVisitors, false);
                    Count(html, "Rows", row.Rows, false);
                    Money(html, "Num2", row.Num2, false);
                    html.Append("</tr>\n");
                }

                html.Append("</table>\n");
            }
        }

        private static void AppendStateChart(StringBuilder html, string id, List<OfflineDataSummaryRow> ranked)
        {
            const int width = 720, label = 200, barHeight = 18, gap = 6;
            var max = ranked.Select(r => Math.Max(0m, r.TransactionRevenue ?? 0m)).DefaultIfEmpty(0m).Max();
            if (max <= 0m) max = 1m;
            var height = ranked.Count * (barHeight + gap) + gap;
            html.Append("<svg id=\"").Append(id).Append("-chart\" role=\"img\" aria-label=\"Transaction revenue per value\" width=\"").Append(width).Append("\" height=\"").Append(height)
                .Append("\" viewBox=\"0 0 ").Append(width).Append(' ').Append(height).Append("\">\n");
            int i = 0;
            foreach (var row in ranked)
            {
                var y = gap + i * (barHeight + gap);
                var revenue = row.TransactionRevenue ?? 0m;
                var w = (double)(Math.Max(0m, revenue) / max) * (width - label - 110);
                var name = row.StateValue!.Length > 28 ? row.StateValue.Substring(0, 27) + "…" : row.StateValue;
                html.Append("<text x=\"").Append(label - 6).Append("\" y=\"").Append(y + 13).Append("\" text-anchor=\"end\" font-size=\"12\">").Append(Encode(name)).Append("</text>")
                    .Append("<rect x=\"").Append(label).Append("\" y=\"").Append(y).Append("\" width=\"").Append(F(w)).Append("\" height=\"").Append(barHeight).Append("\" fill=\"#2166ac\"/>")
                    .Append("<text x=\"").Append(F(label + w + 6)).Append("\" y=\"").Append(y + 13).Append("\" font-size=\"12\">").Append(Amount(revenue)).Append("</text>\n");
                i++;
            }

            html.Append("</svg>\n");
        }

        /// <summary>Rejected rows per source (the totals rows), then per error code: a bar chart and a table.</summary>
        private static void AppendRejected(StringBuilder html, List<OfflineDataSummaryRow> all)
        {
            var totals = all.Where(r => r.IsTotal && r.Rejected.HasValue).ToList();
            html.Append("<h2 id=\"rejected\">Rejected rows by code</h2>\n");
            if (totals.Count == 0)
            {
                html.Append("<p class=\"note\">No summary in the input knows its rejected rows (a file's summary, or the store's for one -ImportId).</p>\n");
                return;
            }

            html.Append("<table id=\"rejected-table\">\n<tr><th>Source</th><th>Path or store</th><th>Rejected rows</th></tr>\n");
            // A count is marked only when the sources disagree: rejected rows alone are no mismatch.
            bool rejectedDiffer = totals.Select(r => r.Rejected).Distinct().Count() > 1;
            foreach (var row in totals)
            {
                html.Append("<tr data-source=\"").Append(Encode(row.Source)).Append("\"><td>").Append(Encode(row.Source)).Append("</td><td>").Append(Encode(row.Path ?? row.Store ?? string.Empty)).Append("</td>");
                Count(html, "Rejected", row.Rejected, rejectedDiffer);
                html.Append("</tr>\n");
            }

            html.Append("</table>\n");
            // The first summary of each source that knows its codes (a store's only from the import's quarantine file).
            var coded = totals.Where(r => r.RejectedByCode != null).GroupBy(r => r.Source, StringComparer.Ordinal).Select(g => g.First()).ToList();
            var codes = coded.SelectMany(r => r.RejectedByCode!.Keys).Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(name => (Name: name, Number: Enum.TryParse<Findings.FindingCode>(name, true, out var code) ? (int)code : 0))
                .OrderBy(c => c.Number).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
            if (coded.Count == 0)
            {
                html.Append("<p class=\"note\">No summary in the input knows the codes of its rejected rows (a file's summary; the store's for one -ImportId while its quarantine file exists).</p>\n");
                return;
            }

            if (codes.Count == 0)
            {
                html.Append("<p id=\"rejected-codes-none\" class=\"note\">No row was rejected.</p>\n");
                return;
            }

            var colors = coded.Select((r, i) => (r.Source, Palette[(i + 2) % Palette.Length])).ToDictionary(p => p.Source, p => p.Item2, StringComparer.Ordinal);
            AppendCodeChart(html, codes.Select(c => c.Name).ToList(), coded, colors);
            html.Append("<table id=\"rejected-codes-table\">\n<tr><th>Code</th><th>Error</th>");
            foreach (var row in coded) html.Append("<th>").Append(Encode(row.Source)).Append(" rows</th>");
            html.Append("</tr>\n");
            foreach (var code in codes)
            {
                long? first = null;
                bool differs = false;
                foreach (var row in coded)
                {
                    var n = Of(row, code.Name);
                    if (first.HasValue && first != n) differs = true;
                    first ??= n;
                }

                html.Append("<tr data-code=\"").Append(Encode(code.Name)).Append("\"><td>").Append(code.Number > 0 ? "OD" + code.Number.ToString(CultureInfo.InvariantCulture) : string.Empty)
                    .Append("</td><td>").Append(Encode(code.Name)).Append("</td>");
                foreach (var row in coded)
                {
                    // data-measure names the source so one row holds the file's and the store's count.
                    Count(html, "Rejected-" + row.Source, Of(row, code.Name), differs);
                }

                html.Append("</tr>\n");
            }

            html.Append("</table>\n<p class=\"note\">A row with errors of two codes counts under both. Test-OfflineDataFile lists each rejected row with its codes; an import's quarantine file keeps them.</p>\n");
        }

        private static long Of(OfflineDataSummaryRow row, string code) => row.RejectedByCode!.TryGetValue(code, out var n) ? n : 0;

        private static void AppendCodeChart(StringBuilder html, List<string> codes, List<OfflineDataSummaryRow> coded, Dictionary<string, string> colors)
        {
            const int width = 720, label = 200, barHeight = 14, gap = 8;
            long max = Math.Max(1, coded.SelectMany(r => r.RejectedByCode!.Values).DefaultIfEmpty(0).Max());
            var height = codes.Count * (coded.Count * barHeight + gap) + gap + 18;
            html.Append("<svg id=\"rejected-chart\" role=\"img\" aria-label=\"Rejected rows by error code\" width=\"").Append(width).Append("\" height=\"").Append(height)
                .Append("\" viewBox=\"0 0 ").Append(width).Append(' ').Append(height).Append("\">\n");
            double y = gap;
            foreach (var code in codes)
            {
                html.Append("<text x=\"").Append(label - 6).Append("\" y=\"").Append(F(y + 11)).Append("\" text-anchor=\"end\" font-size=\"12\">").Append(Encode(code)).Append("</text>");
                foreach (var row in coded)
                {
                    var n = Of(row, code);
                    var w = (double)n / max * (width - label - 110);
                    html.Append("<rect x=\"").Append(label).Append("\" y=\"").Append(F(y)).Append("\" width=\"").Append(F(w)).Append("\" height=\"").Append(barHeight - 2)
                        .Append("\" fill=\"").Append(colors[row.Source]).Append("\"><title>").Append(Encode(row.Source)).Append(' ').Append(Encode(code)).Append(": ")
                        .Append(n.ToString("N0", CultureInfo.InvariantCulture)).Append(" rows</title></rect>")
                        .Append("<text x=\"").Append(F(label + w + 6)).Append("\" y=\"").Append(F(y + 10)).Append("\" font-size=\"11\">").Append(n.ToString("N0", CultureInfo.InvariantCulture)).Append("</text>\n");
                    y += barHeight;
                }

                y += gap;
            }

            double lx = label;
            foreach (var row in coded)
            {
                html.Append("<rect x=\"").Append(F(lx)).Append("\" y=\"").Append(F(y)).Append("\" width=\"10\" height=\"10\" fill=\"").Append(colors[row.Source]).Append("\"/>")
                    .Append("<text x=\"").Append(F(lx + 14)).Append("\" y=\"").Append(F(y + 9)).Append("\" font-size=\"11\">").Append(Encode(row.Source)).Append("</text>\n");
                lx += 80;
            }

            html.Append("</svg>\n");
        }

        private static void Count(StringBuilder html, string measure, long? value, bool differs)
        {
            html.Append("<td class=\"n").Append(differs ? " diff" : string.Empty).Append("\" data-measure=\"").Append(measure).Append("\" data-value=\"")
                .Append(value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty).Append("\">")
                .Append(value?.ToString("N0", CultureInfo.InvariantCulture) ?? "&#8211;").Append(differs ? " &#10008;" : string.Empty).Append("</td>");
        }

        private static void Money(StringBuilder html, string measure, decimal? value, bool differs)
        {
            html.Append("<td class=\"n").Append(differs ? " diff" : string.Empty).Append("\" data-measure=\"").Append(measure).Append("\" data-value=\"")
                .Append(value?.ToString("F2", CultureInfo.InvariantCulture) ?? string.Empty).Append("\">")
                .Append(value.HasValue ? Amount(value.Value) : "&#8211;").Append(differs ? " &#10008;" : string.Empty).Append("</td>");
        }

        /// <summary>Invariant, grouped, two decimals, no currency: 2,310,455.50.</summary>
        internal static string Amount(decimal value) => value.ToString("N2", CultureInfo.InvariantCulture);

        private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

        private static string Encode(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);

        private static string Slug(string value)
        {
            var sb = new StringBuilder(value.Length);
            foreach (var c in value) sb.Append(c < 128 && char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
            return sb.ToString();
        }
    }
}
