using System;
using System.Collections.Generic;
using OfflineData.Core.Format;
using OfflineData.Core.Matching;
using OfflineData.Core.Store;
using Xunit;

namespace OfflineData.Core.Tests.Matching
{
    /// <summary>DOMAIN.md §2, one test per rule, named after it.</summary>
    public class OfflineRowMatcherTests
    {
        private static readonly DateTime Online = new DateTime(2024, 3, 1, 10, 0, 0);

        private static RecordingSettings Recording(bool enabled = true, int days = 90) =>
            new RecordingSettings("acme.prod", enabled, days, enabled ? DateTime.UtcNow : (DateTime?)null, DateTime.UtcNow, 1, 1);

        private static OnlineTransaction Transaction(string id = "T1", string visitor = "V1", Dictionary<string, string>? state = null) =>
            new OnlineTransaction("acme.prod", id, visitor, Online, state ?? new Dictionary<string, string> { ["Campaign"] = "spring" }, DateTime.UtcNow, 0);

        private static OfflineDataRecord Row(DateTime time, string? transactionId = "T1", string customer = "C1") => new OfflineDataRecord
        {
            Timestamp = time,
            CustomerId = customer,
            EventType = 7,
            EventName = "SKU1",
            Num1 = 1,
            Num2 = 10,
            TransactionAttributes = transactionId == null ? Array.Empty<string>() : new[] { transactionId },
        };

        private static OfflineRowMatcher Matcher(RecordingSettings? recording, OnlineTransaction? transaction, params string[] knownVisitors)
        {
            var visitors = new HashSet<string>(knownVisitors);
            return new OfflineRowMatcher(recording, id => transaction != null && transaction.TransactionId == id ? transaction : null, visitors.Contains);
        }

        [Fact]
        public void TransactionMatched_WhenRecordingOn_IdRecorded_AndOfflineTimeWithinWindow()
        {
            var result = Matcher(Recording(), Transaction()).Match(Row(Online.AddDays(3)));

            Assert.Equal(MatchOutcome.TransactionId, result.OutcomeValue);
            Assert.Equal(MatchReason.TransactionMatched, result.ReasonValue);
            Assert.Equal("V1", result.CreditedVisitorId);
            Assert.Equal(Online, result.OnlineTimestamp);
            Assert.Equal("spring", result.State["Campaign"]);
        }

        [Fact]
        public void RecordingDisabled_WhenRecordingIsOffAtImportTime()
        {
            var result = Matcher(Recording(enabled: false), Transaction()).Match(Row(Online.AddDays(3)));

            Assert.Equal(MatchOutcome.Unattributed, result.OutcomeValue);
            Assert.Equal(MatchReason.RecordingDisabled, result.ReasonValue);
            Assert.Null(result.CreditedVisitorId);
        }

        [Fact]
        public void RecordingDisabled_WhenTheReportSuiteWasNeverConfigured()
        {
            var result = Matcher(null, Transaction()).Match(Row(Online.AddDays(3)));

            Assert.Equal(MatchReason.RecordingDisabled, result.ReasonValue);
        }

        [Fact]
        public void TransactionUnknown_WhenTheIdWasNeverRecorded()
        {
            var result = Matcher(Recording(), Transaction()).Match(Row(Online.AddDays(3), "T-OTHER"));

            Assert.Equal(MatchOutcome.Unattributed, result.OutcomeValue);
            Assert.Equal(MatchReason.TransactionUnknown, result.ReasonValue);
        }

        [Fact]
        public void TransactionExpired_WhenOfflineTimeIsBeyondTheWindow()
        {
            var result = Matcher(Recording(days: 30), Transaction()).Match(Row(Online.AddDays(31)));

            Assert.Equal(MatchOutcome.Unattributed, result.OutcomeValue);
            Assert.Equal(MatchReason.TransactionExpired, result.ReasonValue);
            Assert.Contains("30 days", result.Detail);
        }

        [Fact]
        public void OfflineBeforeOnline_WhenOfflineTimePrecedesTheOnlineTransaction()
        {
            var result = Matcher(Recording(), Transaction()).Match(Row(Online.AddSeconds(-1)));

            Assert.Equal(MatchOutcome.Unattributed, result.OutcomeValue);
            Assert.Equal(MatchReason.OfflineBeforeOnline, result.ReasonValue);
        }

        [Fact]
        public void NoTransactionId_IsTheTransactionReasonWhenTheColumnIsEmpty()
        {
            var result = Matcher(Recording(), Transaction(), "C1").Match(Row(Online.AddDays(1), transactionId: null));

            Assert.Equal(MatchReason.NoTransactionId, result.TransactionReasonValue);
            Assert.Null(result.TransactionId);
        }

        [Fact]
        public void CustomerMatched_WhenCustomerIdIsAKnownOnlineVisitor()
        {
            var result = Matcher(Recording(), null, "C1").Match(Row(Online, transactionId: null));

            Assert.Equal(MatchOutcome.CustomerId, result.OutcomeValue);
            Assert.Equal(MatchReason.CustomerMatched, result.ReasonValue);
            Assert.Equal("C1", result.CreditedVisitorId);
        }

        [Fact]
        public void CustomerUnknown_WhenNoTransactionIdAndCustomerIsNotAKnownVisitor()
        {
            var result = Matcher(Recording(), null).Match(Row(Online, transactionId: null));

            Assert.Equal(MatchOutcome.Unattributed, result.OutcomeValue);
            Assert.Equal(MatchReason.CustomerUnknown, result.ReasonValue);
            Assert.Equal(MatchReason.NoTransactionId, result.TransactionReasonValue);
        }

        [Fact]
        public void CustomerMatchIsTheFallback_WhenTheTransactionExpiredButTheCustomerIsKnown()
        {
            var result = Matcher(Recording(days: 1), Transaction(), "C1").Match(Row(Online.AddDays(2)));

            Assert.Equal(MatchOutcome.CustomerId, result.OutcomeValue);
            Assert.Equal(MatchReason.TransactionExpired, result.TransactionReasonValue);
            Assert.Equal("C1", result.CreditedVisitorId);
        }

        [Fact]
        public void TransactionMatchWinsOverCustomerMatch()
        {
            var result = Matcher(Recording(), Transaction(visitor: "V1"), "C1").Match(Row(Online.AddDays(1)));

            Assert.Equal(MatchOutcome.TransactionId, result.OutcomeValue);
            Assert.Equal("V1", result.CreditedVisitorId);
        }

        [Fact]
        public void OfflineValuesWinOverTheSnapshot_OnASharedDimension()
        {
            var snapshot = new Dictionary<string, string> { ["Campaign"] = "spring", ["Var 1"] = "online-city" };
            var row = Row(Online.AddDays(1));
            row.Var1 = "Stockholm";

            var result = Matcher(Recording(), Transaction(state: snapshot)).Match(row);

            Assert.Equal("Stockholm", result.State["Var 1"]);
            Assert.Equal("spring", result.State["Campaign"]);
        }

        [Fact]
        public void RowsSharingATransactionId_NeverSeeEachOthersValues()
        {
            var snapshot = new Dictionary<string, string> { ["Var1"] = "online-city" };
            var matcher = Matcher(Recording(), Transaction(state: snapshot));
            var first = Row(Online.AddDays(1));
            first.Var1 = "Stockholm";
            var second = Row(Online.AddDays(2));

            var firstResult = matcher.Match(first);
            var secondResult = matcher.Match(second);

            Assert.Equal("Stockholm", firstResult.State["Var1"]);
            Assert.Equal("online-city", secondResult.State["Var1"]);
            Assert.Equal("online-city", snapshot["Var1"]);
        }

        [Fact]
        public void WindowEdge_ExactlyNinetyDaysAfterTheOnlineTransactionMatches()
        {
            var result = Matcher(Recording(days: 90), Transaction()).Match(Row(Online.AddDays(90)));

            Assert.Equal(MatchOutcome.TransactionId, result.OutcomeValue);
        }

        [Fact]
        public void WindowEdge_NinetyDaysAndOneSecondAfterTheOnlineTransactionExpires()
        {
            var result = Matcher(Recording(days: 90), Transaction()).Match(Row(Online.AddDays(90).AddSeconds(1)));

            Assert.Equal(MatchReason.TransactionExpired, result.ReasonValue);
        }

        [Fact]
        public void WindowEdge_TheSameSecondAsTheOnlineTransactionMatches()
        {
            var result = Matcher(Recording(), Transaction()).Match(Row(Online));

            Assert.Equal(MatchOutcome.TransactionId, result.OutcomeValue);
        }

        [Fact]
        public void TheTransactionIdIsReadFromTheConfiguredColumn()
        {
            var row = Row(Online.AddDays(1), transactionId: "not-this");
            row.TransactionAttributes = new[] { "not-this", "T1" };
            var matcher = new OfflineRowMatcher(Recording(), id => id == "T1" ? Transaction() : null, _ => false, TransactionIdColumn.Parse("EventTransaction Attr2"));

            var result = matcher.Match(row);

            Assert.Equal(MatchOutcome.TransactionId, result.OutcomeValue);
            Assert.Equal("T1", result.TransactionId);
        }
    }
}
