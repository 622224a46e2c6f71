using System;
using System.Linq;
using OfflineData.Core.Measuring;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Measuring
{
    /// <summary>Dimension names, the ISO week, the canonical sums of the checksum and what a file summary refuses.</summary>
    public class SummaryDimensionTests : IDisposable
    {
        private readonly TempDirectory dir = new TempDirectory();

        public void Dispose() => dir.Dispose();

        [Theory]
        [InlineData("day", SummaryDimensionKind.Day, "Day")]
        [InlineData("WEEK", SummaryDimensionKind.Week, "Week")]
        [InlineData("importid", SummaryDimensionKind.Import, "Import")]
        [InlineData("var3", SummaryDimensionKind.Var, "Var3")]
        [InlineData("state.Campaign", SummaryDimensionKind.State, "State.Campaign")]
        public void NamesParseCaseInsensitively_StateNamesKeepTheirCase(string text, SummaryDimensionKind kind, string name)
        {
            var dimension = SummaryDimension.Parse(text);
            Assert.Equal(kind, dimension.Kind);
            Assert.Equal(name, dimension.Name);
        }

        [Theory]
        [InlineData("Var6")]
        [InlineData("State.")]
        [InlineData("Visits")]
        public void OtherNamesAreRefused(string text) => Assert.Throws<FormatException>(() => SummaryDimension.Parse(text));

        [Fact]
        public void TwoValueDimensionsOrARepeatAreRefused()
        {
            Assert.Throws<ArgumentException>(() => SummaryDimension.CheckList(new[] { SummaryDimension.Parse("Var1"), SummaryDimension.Parse("State.Campaign") }));
            Assert.Throws<ArgumentException>(() => SummaryDimension.CheckList(new[] { SummaryDimension.Parse("Day"), SummaryDimension.Parse("day") }));
        }

        [Theory]
        [InlineData("2021-01-03", "2020-W53")]
        [InlineData("2021-01-04", "2021-W01")]
        [InlineData("2024-12-30", "2025-W01")]
        [InlineData("2026-11-29", "2026-W48")]
        public void WeeksAreIso8601(string day, string week) => Assert.Equal(week, SummaryDimension.IsoWeek(DateTime.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

        [Fact]
        public void CanonicalSumsDropTrailingZeros() => Assert.Equal(new[] { "10.5", "0", "-3", "1234567.891" },
            new[] { 10.50m, 0.00m, -3.000m, 1234567.8910m }.Select(OfflineDataSummary.Canonical));

        [Fact]
        public void AFileSummaryRefusesWhatOnlyTheStoreKnows()
        {
            var path = dir.WriteText("a.csv", Rows.Lines(Rows.Valid(1)));
            var e = Assert.Throws<ArgumentException>(() => OfflineDataSummarizer.SummarizeFile(path, new[] { SummaryDimension.Parse("Outcome"), SummaryDimension.Parse("State.Campaign") }));
            Assert.Contains("Outcome, State.Campaign", e.Message);
        }

        [Fact]
        public void AFileSummaryCountsRejectedRowsOnTheTotalsOnly_AndGroupsTheRest()
        {
            var path = dir.WriteText("a.csv", Rows.Lines(
                "2024-05-25 12:00:00;C1;7;;SKU;1;2.50;north",
                "2024-05-25 13:00:00;C1;7;;SKU;2;2.5;north",
                "2024-05-26 12:00:00;C2;8;;SKU;3;1;south",
                "bad;C3;7;;SKU;1;1"));
            var summary = OfflineDataSummarizer.SummarizeFile(path, new[] { SummaryDimension.Parse("Day") }, new OfflineData.Core.Reading.OfflineDataReaderOptions { Now = new DateTime(2030, 1, 1) });
            Assert.Equal(new[] { "2024-05-25", "2024-05-26" }, summary.Groups.Select(g => g.Key));
            Assert.Equal(2, summary.Groups[0].Rows);
            Assert.Equal(5m, summary.Groups[0].Num2);
            Assert.Equal(1, summary.Groups[0].DistinctCustomers);
            Assert.Null(summary.Groups[0].Rejected);
            Assert.Equal(3, summary.Totals.Rows);
            Assert.Equal(6m, summary.Totals.Num1);
            Assert.Equal(1, summary.Totals.Rejected);
            Assert.Equal(2, summary.Totals.DistinctCustomers);
            Assert.True(summary.Rows().Last().IsTotal);
            Assert.All(summary.Rows(), r => Assert.Equal(summary.Checksum, r.Checksum));
            Assert.Matches("^[0-9a-f]{64}$", summary.Checksum);
        }

        [Fact]
        public void AFileSummaryCountsRejectedRowsByCode_ARowWithTwoCodesUnderBoth()
        {
            var path = dir.WriteText("codes.csv", Rows.Lines(
                "2024-05-25 12:00:00;C1;7;;SKU;1;2.50;north",
                "bad;C3;7;;SKU;1;1",
                "bad;C3;7;;SKU;1;x",
                "2024-05-25 12:00:00;C3;seven;;SKU;1;1"));
            var summary = OfflineDataSummarizer.SummarizeFile(path, Array.Empty<SummaryDimension>(), new OfflineData.Core.Reading.OfflineDataReaderOptions { Now = new DateTime(2030, 1, 1) });
            Assert.Equal(3, summary.Totals.Rejected);
            Assert.Equal("InvalidTimestamp=2, InvalidEventType=1, InvalidNumber=1", summary.Totals.RejectedByCode!.ToString());
        }

        [Fact]
        public void DistinctCustomersCountTexts_NotHowTheFileQuotesThem()
        {
            // Ö1 plain and quoted, A"B twice (quoted with doubled quotes), C1 plain and quoted: three customers,
            // as the store counts their texts. Day 1 holds Ö1 and C1, day 2 A"B and Ö1.
            var path = dir.WriteText("quoted.csv", Rows.Lines(
                "2024-05-25 12:00:00;Ö1;7;;SKU;1;1",
                "2024-05-25 12:00:00;\"Ö1\";7;;SKU;1;1",
                "2024-05-25 13:00:00;C1;7;;SKU;1;1",
                "2024-05-25 13:00:00;\"C1\";7;;SKU;1;1",
                "2024-05-26 12:00:00;\"A\"\"B\";7;;SKU;1;1",
                "2024-05-26 12:00:00;\"A\"\"B\";7;;SKU;1;1",
                "2024-05-26 14:00:00;Ö1;7;;SKU;1;1"));
            var summary = OfflineDataSummarizer.SummarizeFile(path, new[] { SummaryDimension.Parse("Day") }, new OfflineData.Core.Reading.OfflineDataReaderOptions { Now = new DateTime(2030, 1, 1) });
            Assert.Equal(0, summary.Totals.Rejected);
            Assert.Equal(3, summary.Totals.DistinctCustomers);
            Assert.Equal(new long[] { 2, 2 }, summary.Groups.Select(g => g.DistinctCustomers));
        }

        [Fact]
        public void QuarantineFileCodesAreReadBack_AMissingOrForeignFileGivesNull()
        {
            var findings = new[]
            {
                new OfflineData.Core.Findings.Finding(OfflineData.Core.Findings.FindingCode.InvalidTimestamp, OfflineData.Core.Findings.FindingSeverity.Error, "m", "p"),
                new OfflineData.Core.Findings.Finding(OfflineData.Core.Findings.FindingCode.InvalidNumber, OfflineData.Core.Findings.FindingSeverity.Error, "m; \"quoted\"", "p", columnName: "Num2"),
            };
            string path;
            using (var writer = new OfflineData.Core.Import.QuarantineWriter(dir.FullName, "q"))
            {
                writer.Write(2, null, 1, findings, "bad;\"multi\nline\";x");
                writer.Write(3, "entry.csv", 2, findings.Take(1), "bad");
                writer.Complete();
                writer.Keep();
                path = writer.FinalPath!;
            }

            Assert.Equal("InvalidTimestamp=2, InvalidNumber=1", OfflineData.Core.Import.QuarantineFile.CountCodes(path)!.ToString());
            Assert.Null(OfflineData.Core.Import.QuarantineFile.CountCodes(dir.Combine("gone.rejected.csv")));
            Assert.Null(OfflineData.Core.Import.QuarantineFile.CountCodes(dir.WriteText("other.csv", "a;b\n1;2\n")));
        }

        [Fact]
        public void RowsOutOfOrderStillGroupByTheirKey()
        {
            var path = dir.WriteText("b.csv", Rows.Lines(
                "2024-05-25 12:00:00;C1;7;;SKU;1;1;north",
                "2024-05-26 12:00:00;C2;7;;SKU;1;2;north",
                "2024-05-25 13:00:00;C3;7;;SKU;1;4;south",
                "2024-05-25 14:00:00;C1;7;;SKU;1;8;north"));
            var summary = OfflineDataSummarizer.SummarizeFile(path, new[] { SummaryDimension.Parse("Day"), SummaryDimension.Parse("Var1") }, new OfflineData.Core.Reading.OfflineDataReaderOptions { Now = new DateTime(2030, 1, 1) });
            Assert.Equal(new[] { "2024-05-25|north", "2024-05-25|south", "2024-05-26|north" }, summary.Groups.Select(g => g.Key));
            Assert.Equal(new[] { 9m, 4m, 2m }, summary.Groups.Select(g => g.Num2));
            Assert.Equal(new[] { 1L, 1L, 1L }, summary.Groups.Select(g => g.DistinctCustomers));
            Assert.Equal("Var1", summary.Groups[0].StateDimension);
        }
    }
}
