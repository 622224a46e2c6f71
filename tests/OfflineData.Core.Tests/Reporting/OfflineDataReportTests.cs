using System;
using System.Globalization;
using System.Threading;
using OfflineData.Core.Measuring;
using OfflineData.Core.Reporting;
using Xunit;

namespace OfflineData.Core.Tests.Reporting
{
    /// <summary>The HTML report: the mismatch marker, encoding of customer data, invariant numbers, nothing to load.</summary>
    public class OfflineDataReportTests
    {
        private static readonly DateTime Generated = new DateTime(2026, 11, 29, 6, 0, 0, DateTimeKind.Utc);

        private static OfflineDataSummaryRow Totals(string source, long rows, decimal num2)
        {
            var row = new OfflineDataSummaryRow(Array.Empty<SummaryDimension>(), isTotal: true)
            {
                Source = source,
                Path = source == "File" ? "/data/till.csv" : null,
                Store = source == "Store" ? "/data/store.db" : null,
                Rows = rows,
                Num1 = rows,
                Num2 = num2,
                DistinctCustomers = 3,
                Rejected = 0,
            };
            return row;
        }

        private static OfflineDataSummaryRow Grouped(string dimension, string? value, decimal transactionRevenue)
        {
            var row = new OfflineDataSummaryRow(new[] { SummaryDimension.Parse(dimension) }, isTotal: false)
            {
                Source = "Store",
                Store = "/data/store.db",
                Rows = 2,
                Num2 = transactionRevenue,
                TransactionRows = 1,
                TransactionRevenue = transactionRevenue,
                TransactionVisitors = 1,
                CreditedVisitors = 1,
            };
            row.SetKey(0, value);
            return row;
        }

        [Fact]
        public void EqualTotalsSayMatch_DifferentTotalsSayMismatchAndMarkTheCells()
        {
            var match = OfflineDataReport.Render(new[] { Totals("File", 10, 100.5m), Totals("Store", 10, 100.5m) }, "r", 10, Generated);
            Assert.Contains("data-status=\"match\"", match);
            Assert.DoesNotContain(" diff\"", match);

            var mismatch = OfflineDataReport.Render(new[] { Totals("File", 10, 100.5m), Totals("Store", 10, 99.5m) }, "r", 10, Generated);
            Assert.Contains("data-status=\"mismatch\">&#10008; MISMATCH: the file and the store differ in Num2</p>", mismatch);
            Assert.Contains("<td class=\"n diff\" data-measure=\"Num2\" data-value=\"100.50\">100.50 &#10008;</td>", mismatch);
            Assert.Contains("<td class=\"n\" data-measure=\"Rows\" data-value=\"10\">10</td>", mismatch);

            var single = OfflineDataReport.Render(new[] { Totals("File", 10, 100.5m) }, "r", 10, Generated);
            Assert.Contains("data-status=\"single\"", single);
        }

        [Fact]
        public void CustomerDataAndTheTitleAreText_NeverMarkup()
        {
            var html = OfflineDataReport.Render(
                new[] { Grouped("State.Campaign", "<script>alert('x')</script>", 5m), Totals("Store", 2, 5m) },
                "Night \"<img src=x onerror=alert(1)>\" & day", 10, Generated);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html);
            Assert.Contains("<title>Night &quot;&lt;img src=x onerror=alert(1)&gt;&quot; &amp; day</title>", html);
        }

        [Fact]
        public void NumbersAreInvariantWithTwoDecimalRevenue_WhateverTheCulture()
        {
            var saved = Thread.CurrentThread.CurrentCulture;
            Thread.CurrentThread.CurrentCulture = new CultureInfo("de-DE");
            try
            {
                var html = OfflineDataReport.Render(new[] { Totals("File", 48213, 2310455.5m), Totals("Store", 48213, 2310455.5m) }, "r", 10, Generated);
                Assert.Contains("data-measure=\"Num2\" data-value=\"2310455.50\">2,310,455.50</td>", html);
                Assert.Contains("data-measure=\"Rows\" data-value=\"48213\">48,213</td>", html);
            }
            finally
            {
                Thread.CurrentThread.CurrentCulture = saved;
            }
        }

        [Fact]
        public void ThePageLoadsNothing_ACspForbidsIt()
        {
            var html = OfflineDataReport.Render(new[] { Grouped("State.Campaign", "spring", 5m), Totals("Store", 2, 5m) }, "r", 10, Generated);
            Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:\">", html);
            Assert.DoesNotContain("http:", html);
            Assert.DoesNotContain("https:", html);
            Assert.DoesNotContain(" src=", html);
            Assert.DoesNotContain(" href=", html);
            Assert.Contains("<svg id=\"state-state-campaign-chart\"", html);
        }

        [Fact]
        public void TopCreditedValuesAreStateDimensionsOnly_RankedByTransactionRevenue_CutAtTop()
        {
            var html = OfflineDataReport.Render(
                new[] { Grouped("State.Campaign", "small", 1m), Grouped("State.Campaign", "big", 9m), Grouped("State.Campaign", "cut", 0.5m), Grouped("Var1", "north", 7m) },
                "r", 2, Generated);
            Assert.True(html.IndexOf("<tr data-value=\"big\"", StringComparison.Ordinal) < html.IndexOf("<tr data-value=\"small\"", StringComparison.Ordinal));
            Assert.DoesNotContain("data-value=\"cut\"", html);
            Assert.DoesNotContain("north", html);
        }
    }
}
