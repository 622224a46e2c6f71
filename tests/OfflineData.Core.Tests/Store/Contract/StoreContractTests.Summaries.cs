using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OfflineData.Core.Measuring;
using OfflineData.Core.Reading;
using OfflineData.Core.Store;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Store.Contract
{
    /// <summary>
    /// Summaries (<see cref="IOfflineRowSummaries"/>, Measure-OfflineData) on every store: a hand-checked file with
    /// every outcome, its numbers computed here from the test's own table (never through the summariser), grouping by
    /// every dimension, attribution and participation per credited campaign, and the file's summary equal to the
    /// store's summary of its import (checksum).
    /// </summary>
    public abstract partial class StoreContractTests
    {
        private static readonly DateTime S = new DateTime(2024, 3, 1, 10, 0, 0);

        /// <summary>One offline row of the hand-checked case and what matching must make of it.</summary>
        private sealed class Case
        {
            public Case(DateTime time, string customer, string? transactionId, decimal num2, string var1, string outcome, string reason, string? visitor, string? campaign, string week)
            {
                Time = time; Customer = customer; TransactionId = transactionId; Num2 = num2; Var1 = var1;
                Outcome = outcome; Reason = reason; Visitor = visitor; Campaign = campaign; Week = week;
            }

            public DateTime Time { get; }
            public string Customer { get; }
            public string? TransactionId { get; }
            public decimal Num2 { get; }
            public string Var1 { get; }
            public string Outcome { get; }
            public string Reason { get; }
            public string? Visitor { get; }
            public string? Campaign { get; }
            public string Week { get; }
        }

        // 2024-03-01 is a Friday (ISO 2024-W09); 2021-01-03 a Sunday of 2020-W53; 2024-12-30 a Monday of 2025-W01.
        private static readonly Case[] Cases =
        {
            new Case(S.AddDays(1), "C1", "T1", 10.50m, "north", "TransactionId", "TransactionMatched", "V1", "spring", "2024-W09"),
            new Case(S.AddDays(1), "C2", "T1", 20m, "south", "TransactionId", "TransactionMatched", "V1", "spring", "2024-W09"),
            new Case(S.AddDays(2), "C3", "T2", 5.25m, "north", "TransactionId", "TransactionMatched", "V2", "summer", "2024-W09"),
            new Case(S.AddDays(2), "C5", null, 7m, "", "CustomerId", "CustomerMatched", "C5", null, "2024-W09"),
            new Case(S.AddDays(3), "C6", null, 3m, "south", "Unattributed", "CustomerUnknown", null, null, "2024-W10"),
            new Case(S.AddDays(3), "C7", "TX", 4m, "north", "Unattributed", "TransactionUnknown", null, null, "2024-W10"),
            new Case(S.AddDays(100), "C1", "T9", 100m, "north", "Unattributed", "TransactionExpired", null, null, "2024-W23"),
            new Case(S.AddDays(-1), "C8", "T8", 1m, "", "Unattributed", "OfflineBeforeOnline", null, null, "2024-W09"),
            new Case(new DateTime(2021, 1, 3, 8, 0, 0), "C1", null, 2.10m, "", "Unattributed", "CustomerUnknown", null, null, "2020-W53"),
            new Case(new DateTime(2024, 12, 30, 8, 0, 0), "C5", null, 0.40m, "west", "CustomerId", "CustomerMatched", "C5", null, "2025-W01"),
        };

        /// <summary>Records the online side, writes the file (the cases and one rejected row) and imports it; returns the file and the import ID.</summary>
        private (string Path, long ImportId) ImportCases(IOfflineDataStore store)
        {
            store.SetRecording(StoreTestKit.Suite, true, null);
            StoreTestKit.RecordOnline(store, StoreTestKit.Suite,
                StoreTestKit.Online(S, "V1", "T1", ("Campaign", "spring"), ("Channel", "email")),
                StoreTestKit.Online(S, "V2", "T2", ("Campaign", "summer")),
                StoreTestKit.Online(S, "V1", "T9", ("Campaign", "winter")),
                StoreTestKit.Online(S, "V3", "T8", ("Campaign", "autumn")),
                StoreTestKit.Online(S, "C5"));
            var lines = Cases.Select(c => StoreTestKit.OfflineRow(c.Time, c.Customer, c.TransactionId, c.Num2, c.Var1)).ToList();
            lines.Insert(3, "not a time;C9;7;CAT;SKU1;1;99");
            var path = Dir.WriteText("cases.csv", Rows.Lines(lines.ToArray()));
            var result = StoreTestKit.Import(store, path);
            Assert.Equal(1, result.Rejected);
            return (path, store.GetImports(new ImportLedgerQuery()).First().Id);
        }

        private static IReadOnlyList<SummaryDimension> By(params string[] names) => names.Select(SummaryDimension.Parse).ToList();

        [StoreFact]
        public void StoreSummaryOfEveryOutcome_EqualsSumsComputedFromTheCases()
        {
            using var store = CreateStore();
            var (_, importId) = ImportCases(store);

            var totals = OfflineDataSummarizer.SummarizeStore(store, new OfflineRowQuery { ImportId = importId }, By()).Totals;

            Assert.True(totals.IsTotal);
            Assert.Equal(Cases.Length, totals.Rows);
            Assert.Equal(Cases.Length, totals.Num1); // every case has Num1 1
            Assert.Equal(Cases.Sum(c => c.Num2), totals.Num2);
            Assert.Equal(Cases.Select(c => c.Customer).Distinct().Count(), totals.DistinctCustomers);
            Assert.Equal(Cases.Where(c => c.Visitor != null).Select(c => c.Visitor).Distinct().Count(), totals.CreditedVisitors);
            Assert.Equal(Cases.Count(c => c.Outcome == "TransactionId"), totals.TransactionRows);
            Assert.Equal(Cases.Where(c => c.Outcome == "TransactionId").Sum(c => c.Num2), totals.TransactionRevenue);
            Assert.Equal(1, totals.Rejected);
            Assert.Equal("Store", totals.Source);
            Assert.Equal(store.Location, totals.Store);
        }

        [StoreFact]
        public void StoreSummaryGroupsByEveryDimension_AsTheCasesAddUp()
        {
            using var store = CreateStore();
            var (_, importId) = ImportCases(store);
            var query = new OfflineRowQuery { ReportSuite = StoreTestKit.Suite };

            void Check(string dimension, Func<Case, string?> keyOf, Func<OfflineDataSummaryRow, string?> keyOfRow)
            {
                var groups = OfflineDataSummarizer.SummarizeStore(store, query, By(dimension)).Groups;
                var expected = Cases.GroupBy(keyOf).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
                Assert.Equal(expected.Select(g => g.Key).OrderBy(k => k, StringComparer.Ordinal), groups.Select(keyOfRow).OrderBy(k => k, StringComparer.Ordinal));
                foreach (var group in expected)
                {
                    var row = groups.Single(r => keyOfRow(r) == group.Key);
                    Assert.Equal(group.Count(), row.Rows);
                    Assert.Equal(group.Sum(c => c.Num2), row.Num2);
                    Assert.Equal(group.Count(), row.Num1);
                    Assert.Equal(group.Select(c => c.Customer).Distinct().Count(), row.DistinctCustomers);
                    Assert.Equal(group.Where(c => c.Visitor != null).Select(c => c.Visitor).Distinct().Count(), row.CreditedVisitors);
                    Assert.Null(row.Rejected);
                }
            }

            Check("Day", c => c.Time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r => r.Day!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Check("Week", c => c.Week, r => r.Week);
            Check("Month", c => c.Time.ToString("yyyy-MM", CultureInfo.InvariantCulture), r => r.Month);
            Check("EventType", c => "7", r => r.EventType!.Value.ToString(CultureInfo.InvariantCulture));
            Check("Outcome", c => c.Outcome, r => r.Outcome);
            Check("Reason", c => c.Reason, r => r.Reason);
            Check("ReportSuite", c => StoreTestKit.Suite, r => r.ReportSuite);
            Check("Import", c => importId.ToString(CultureInfo.InvariantCulture), r => r.ImportId!.Value.ToString(CultureInfo.InvariantCulture));
            Check("Var1", c => c.Var1.Length == 0 ? null : c.Var1, r => r.StateValue);
            Check("State.Campaign", c => c.Campaign, r => r.StateValue);
        }

        [StoreFact]
        public void AttributionAndVisitorParticipationPerCampaign_HandChecked()
        {
            using var store = CreateStore();
            ImportCases(store);

            var groups = OfflineDataSummarizer.SummarizeStore(store, new OfflineRowQuery(), By("State.Campaign")).Groups;

            // spring: C1 and C2 bought under T1 (V1): two rows, 30.50, one visitor — V1 counts once, as a visitor, never as a visit.
            var spring = groups.Single(g => g.StateValue == "spring");
            Assert.Equal("State.Campaign", spring.StateDimension);
            Assert.Equal(2, spring.TransactionRows);
            Assert.Equal(30.50m, spring.TransactionRevenue);
            Assert.Equal(1, spring.TransactionVisitors);
            Assert.Equal(1, spring.CreditedVisitors);
            var summer = groups.Single(g => g.StateValue == "summer");
            Assert.Equal(1, summer.TransactionRows);
            Assert.Equal(5.25m, summer.TransactionRevenue);
            Assert.Equal(1, summer.TransactionVisitors);
            // Expired (winter) and offline-before-online (autumn) rows are not credited: no campaign, no visitor.
            Assert.DoesNotContain(groups, g => g.StateValue == "winter" || g.StateValue == "autumn");
            var none = groups.Single(g => g.StateValue == null);
            Assert.Equal(7, none.Rows);
            Assert.Equal(0, none.TransactionRows);
            Assert.Equal(0m, none.TransactionRevenue);
            Assert.Equal(1, none.CreditedVisitors); // C5, by customer ID
            Assert.Equal(0, none.TransactionVisitors);
            Assert.Single(OfflineDataSummarizer.SummarizeStore(store, new OfflineRowQuery(), By("State.Channel")).Groups, g => g.StateValue == "email" && g.Rows == 2);
        }

        [StoreFact]
        public void SuppressedRowsCountTheRowsOfOptedOutCustomers_PerGroupAndInTotal_OutsideTheChecksum()
        {
            using var store = CreateStore();
            var (path, importId) = ImportCases(store);
            var options = new OfflineDataReaderOptions { Now = new DateTime(2030, 1, 1) };
            var before = OfflineDataSummarizer.SummarizeStore(store, new OfflineRowQuery { ImportId = importId }, By("Var1"));
            Assert.Equal(0L, before.Totals.SuppressedRows);

            // C1 opted out (three rows: 10.50, 100, 2.10); C5 opted out and in again later (not held back); C3 pending
            // (not held back by default); C6 opted out of e-mail only (another scope).
            var t = new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);
            store.RecordConsents(new[]
            {
                new ConsentEntry { CustomerId = "C1", Value = "n", Time = t },
                new ConsentEntry { CustomerId = "C5", Value = "n", Time = t },
                new ConsentEntry { CustomerId = "C5", Value = "y", Time = t.AddDays(1) },
                new ConsentEntry { CustomerId = "C3", Value = "p", Time = t },
                new ConsentEntry { CustomerId = "C6", Scope = "marketing.email", Value = "n", Time = t },
            });

            var after = OfflineDataSummarizer.SummarizeStore(store, new OfflineRowQuery { ImportId = importId }, By("Var1"));

            Assert.Equal(3L, after.Totals.SuppressedRows);
            Assert.Equal(112.60m, after.Totals.SuppressedRevenue);
            Assert.Equal(before.Totals.Rows, after.Totals.Rows); // still imported and counted
            Assert.Equal(2L, after.Groups.Single(g => g.StateValue == "north").SuppressedRows);
            Assert.Equal(110.50m, after.Groups.Single(g => g.StateValue == "north").SuppressedRevenue);
            Assert.Equal(0L, after.Groups.Single(g => g.StateValue == "south").SuppressedRows);
            // Not part of the checksum: the file (not matched against consent: null, as CreditedVisitors) and the store still agree.
            var file = OfflineDataSummarizer.SummarizeFile(path, By("Var1"), options);
            Assert.Null(file.Totals.SuppressedRows);
            Assert.Null(file.Totals.SuppressedRevenue);
            Assert.All(file.Groups, g => Assert.Null(g.SuppressedRows));
            Assert.Equal(file.Checksum, after.Checksum);
            Assert.Equal(before.Checksum, after.Checksum);
        }

        [StoreFact]
        public void FileSummaryBeforeImport_EqualsStoreSummaryOfTheImport_ByChecksum()
        {
            using var store = CreateStore();
            var (path, importId) = ImportCases(store);
            var options = new OfflineDataReaderOptions { Now = new DateTime(2030, 1, 1) };

            foreach (var groupBy in new[] { By(), By("Day"), By("Week"), By("Month"), By("EventType"), By("Var1"), By("Month", "Var1", "EventType") })
            {
                var file = OfflineDataSummarizer.SummarizeFile(path, groupBy, options);
                var stored = OfflineDataSummarizer.SummarizeStore(store, new OfflineRowQuery { ImportId = importId }, groupBy);
                Assert.Equal(file.Totals.ToString() + file.Totals.DistinctCustomers + "/" + file.Totals.Rejected, stored.Totals.ToString() + stored.Totals.DistinctCustomers + "/" + stored.Totals.Rejected);
                Assert.Equal(file.Checksum, stored.Checksum);
                Assert.Equal(file.Groups.Select(g => g.Key), stored.Groups.Select(g => g.Key));
                Assert.Equal(file.Totals.Rejected, stored.Totals.Rejected);
                Assert.Null(file.Totals.CreditedVisitors);
            }

            // A row more in the store (another import of the same suite) changes the store's checksum.
            StoreTestKit.Import(store, Dir.WriteText("more.csv", Rows.Lines(StoreTestKit.OfflineRow(S, "C99", null, 1m))));
            Assert.NotEqual(
                OfflineDataSummarizer.SummarizeFile(path, By("Day"), options).Checksum,
                OfflineDataSummarizer.SummarizeStore(store, new OfflineRowQuery { ReportSuite = StoreTestKit.Suite }, By("Day")).Checksum);
        }

        [StoreFact]
        public void AnEmptySelectionHasAZeroTotalsRowAndNoGroups()
        {
            using var store = CreateStore();
            var summary = OfflineDataSummarizer.SummarizeStore(store, new OfflineRowQuery { ReportSuite = "nobody" }, By("Day"));
            Assert.Empty(summary.Groups);
            Assert.Equal(0, summary.Totals.Rows);
            Assert.Equal(0m, summary.Totals.Num2);
            Assert.Equal(0, summary.Totals.CreditedVisitors);
        }

        [StoreFact]
        public void SumsAreExactDecimals_WithTheValuesScale_AlsoBeyondNineDecimals()
        {
            using var store = CreateStore();
            StoreTestKit.Import(store, Dir.WriteText("a.csv", Rows.Lines(
                StoreTestKit.OfflineRow(S, "C1", null, 10.50m),
                StoreTestKit.OfflineRow(S, "C2", null, 2.50m),
                StoreTestKit.OfflineRow(S.AddDays(1), "C3", null, -0.25m))));
            var summary = OfflineDataSummarizer.SummarizeStore(store, new OfflineRowQuery(), By("Day"));
            Assert.Equal("13.00", summary.Groups[0].Num2.ToString(CultureInfo.InvariantCulture));
            Assert.Equal("12.75", summary.Totals.Num2.ToString(CultureInfo.InvariantCulture));

            StoreTestKit.Import(store, Dir.WriteText("b.csv", Rows.Lines(StoreTestKit.OfflineRow(S.AddDays(2), "C4", null, 0.0000000001m))));
            var fine = OfflineDataSummarizer.SummarizeStore(store, new OfflineRowQuery(), By("Day"));
            Assert.Equal(12.7500000001m, fine.Totals.Num2);
            Assert.Equal(0.0000000001m, fine.Groups.Single(g => g.Day == S.AddDays(2).Date).Num2);
        }
    }
}
