using System;
using System.Linq;
using OfflineData.Core.Findings;
using OfflineData.Core.Import;
using OfflineData.Core.Store;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Store
{
    public class OnlineTransactionRecordingTests
    {
        private static readonly DateTime T = new DateTime(2024, 3, 1, 10, 0, 0);

        [Fact]
        public void FirstOccurrenceWins_AndItsSnapshotNeverChanges()
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);
            store.SetRecording(StoreTestKit.Suite, true, null);

            StoreTestKit.RecordOnline(store, StoreTestKit.Suite, StoreTestKit.Online(T, "V1", "T1", ("Campaign", "spring")));
            using (var recorder = new OnlineDataRecorder(store, StoreTestKit.Suite, "later"))
            {
                var finding = recorder.Record(new OnlineInputRow(StoreTestKit.Online(T.AddHours(1), "V2", "T1", ("Campaign", "summer")), null));
                Assert.NotNull(finding);
                Assert.Equal(FindingCode.DuplicateTransactionId, finding!.CodeValue);
                Assert.Equal(FindingSeverity.Warning, finding.SeverityValue);
                Assert.Equal(1, recorder.Complete().DuplicateTransactions);
            }

            var transaction = store.GetTransaction(StoreTestKit.Suite, "T1")!;
            Assert.Equal("V1", transaction.VisitorId);
            Assert.Equal(T, transaction.Timestamp);
            Assert.Equal("spring", transaction.State["Campaign"]);
            Assert.Equal(1, transaction.DuplicateCount);
        }

        [Fact]
        public void ADryRunPredictsDuplicatesAndRejectionsInTheConditionalMood_AndWritesNothing()
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);
            store.SetRecording(StoreTestKit.Suite, true, null);
            StoreTestKit.RecordOnline(store, StoreTestKit.Suite, StoreTestKit.Online(T, "V1", "T1"));

            using (var recorder = new OnlineDataRecorder(store, StoreTestKit.Suite, "web.csv", dryRun: true))
            {
                var duplicate = recorder.Record(new OnlineInputRow(StoreTestKit.Online(T, "V2", "T1"), null));
                Assert.Null(recorder.Record(new OnlineInputRow(StoreTestKit.Online(T, "V2", "T2"), null)));
                var inBatch = recorder.Record(new OnlineInputRow(StoreTestKit.Online(T, "V3", "T2"), null));
                Assert.Contains("would be counted", duplicate!.Message);
                Assert.Equal(FindingCode.DuplicateTransactionId, inBatch!.CodeValue);
                var result = recorder.Complete();
                Assert.True(result.WhatIf);
                Assert.False(result.Committed);
                Assert.Equal(1, result.TransactionsRecorded);
                Assert.Equal(2, result.DuplicateTransactions);
            }

            Assert.Null(store.GetTransaction(StoreTestKit.Suite, "T2"));
            Assert.Equal(0, store.GetTransaction(StoreTestKit.Suite, "T1")!.DuplicateCount);

            store.SetRecording(StoreTestKit.Suite, false, null);
            using (var recorder = new OnlineDataRecorder(store, StoreTestKit.Suite, "web.csv", dryRun: true))
            {
                var finding = recorder.Record(new OnlineInputRow(StoreTestKit.Online(T, "V1", "T9"), null));
                Assert.Equal(FindingCode.RecordingDisabled, finding!.CodeValue);
                Assert.Contains("would not be recorded", finding.Message);
            }
        }

        [Fact]
        public void ATransactionIdIsNotRecordedWhileRecordingIsOff_AndNothingOfTheRowIsRecorded()
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);
            store.SetRecording(StoreTestKit.Suite, false, null);

            using (var recorder = new OnlineDataRecorder(store, StoreTestKit.Suite, "web.csv"))
            {
                var finding = recorder.Record(new OnlineInputRow(StoreTestKit.Online(T, "V1", "T1"), null));
                Assert.Equal(FindingCode.RecordingDisabled, finding!.CodeValue);
                Assert.Equal(FindingSeverity.Error, finding.SeverityValue);
                Assert.Contains("Set-TransactionIdRecording", finding.Message);
                var result = recorder.Complete();
                Assert.Equal(1, result.Rejected);
                Assert.False(result.RecordingEnabled);
            }

            Assert.Null(store.GetTransaction(StoreTestKit.Suite, "T1"));
            var settings = store.GetRecording(StoreTestKit.Suite)!;
            Assert.Equal(0, settings.KnownVisitors);
        }

        [Fact]
        public void RecordingSwitchedOffThenOn_KeepsEarlierTransactionsAndRecordsNewOnesOnlyWhileOn()
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);
            store.SetRecording(StoreTestKit.Suite, true, null);
            StoreTestKit.RecordOnline(store, StoreTestKit.Suite, StoreTestKit.Online(T, "V1", "T1"));

            store.SetRecording(StoreTestKit.Suite, false, null);
            using (var recorder = new OnlineDataRecorder(store, StoreTestKit.Suite, "off"))
            {
                Assert.Equal(FindingCode.RecordingDisabled, recorder.Record(new OnlineInputRow(StoreTestKit.Online(T, "V2", "T2"), null))!.CodeValue);
                recorder.Complete();
            }

            store.SetRecording(StoreTestKit.Suite, true, null);
            StoreTestKit.RecordOnline(store, StoreTestKit.Suite, StoreTestKit.Online(T, "V3", "T3"));

            Assert.NotNull(store.GetTransaction(StoreTestKit.Suite, "T1"));
            Assert.Null(store.GetTransaction(StoreTestKit.Suite, "T2"));
            Assert.NotNull(store.GetTransaction(StoreTestKit.Suite, "T3"));
        }

        [Fact]
        public void VisitorIdsSeenAreKeptForCustomerIntegration()
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);
            store.SetRecording(StoreTestKit.Suite, false, null);

            // Visitors are kept whether or not transaction ID recording is on.
            StoreTestKit.RecordOnline(store, StoreTestKit.Suite, StoreTestKit.Online(T, "V1"), StoreTestKit.Online(T.AddDays(1), "V1"));

            Assert.Equal(1, store.GetRecordings().Single().KnownVisitors);
            using var session = store.BeginImport(new ImportLedgerEntry { ReportSuite = StoreTestKit.Suite, Sha256 = "x" }, dryRun: true);
            Assert.True(session.IsKnownVisitor("V1"));
            Assert.False(session.IsKnownVisitor("V2"));
        }

        [Fact]
        public void ABatchNotCompletedRecordsNothing()
        {
            using var dir = new TempDirectory();
            using var store = StoreTestKit.NewStore(dir);
            store.SetRecording(StoreTestKit.Suite, true, null);

            using (var recorder = new OnlineDataRecorder(store, StoreTestKit.Suite, "aborted"))
            {
                recorder.Record(new OnlineInputRow(StoreTestKit.Online(T, "V1", "T1"), null));
            }

            Assert.Null(store.GetTransaction(StoreTestKit.Suite, "T1"));
        }
    }
}
