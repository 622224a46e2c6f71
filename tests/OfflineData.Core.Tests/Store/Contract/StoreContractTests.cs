using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using OfflineData.Core.Findings;
using OfflineData.Core.Import;
using OfflineData.Core.Matching;
using OfflineData.Core.Store;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Store.Contract
{
    /// <summary>
    /// What every store implementation must do, expressed only through the store contract (<see cref="IOfflineDataStore"/>,
    /// its sessions, the ledger and the queries): recording settings, online recording with first-occurrence-wins, the
    /// import ledger with skip/force/supersede, dry runs, queries with every filter, atomicity, concurrency and refusing a
    /// newer schema. An implementation runs it by deriving a class that says how to make its stores.
    /// </summary>
    public abstract partial class StoreContractTests : IDisposable
    {
        private static readonly DateTime T = new DateTime(2024, 3, 1, 10, 0, 0);

        /// <summary>A folder of this test's own for the offline files it imports (and, for a file store, the store).</summary>
        protected TempDirectory Dir { get; } = new TempDirectory();

        /// <summary>Creates a new, empty store for this test (schema created).</summary>
        protected abstract IOfflineDataStore CreateStore();

        /// <summary>Opens the store <see cref="CreateStore"/> made once more, as a second process or server would: an independent connection.</summary>
        protected abstract IOfflineDataStore OpenAgain();

        /// <summary>Makes the store <see cref="CreateStore"/> made look as if a newer release had written it (its schema version above this release's).</summary>
        protected abstract void MarkSchemaNewer();

        /// <summary>Opens the store once more with <paramref name="options"/> (lock wait, waiting callback), as another process would.</summary>
        protected abstract IOfflineDataStore OpenAgain(StoreOpenOptions options);

        /// <summary>
        /// Creates the store as the previous release left it: its schema at this release's version minus one, migrated
        /// by the store's own ordered migrations (so the next migration is the one under test), holding what that release
        /// stored, written in its own SQL: report suite acme.prod with recording on for 30 days since
        /// 2024-03-01T00:00:00Z; online transaction OLD-T of visitor OLD-V at 2024-02-28 12:00:00 (visitor OLD-V known);
        /// the Completed import 'old.csv' (ID 1, path /old.csv, 100 bytes, SHA-256 <see cref="PreviousContent"/>, 1 row
        /// imported, matched by transaction ID); and its row (ID 1): 2024-02-29 09:00:00, customer OLD-C, Num2 9.5,
        /// credited to OLD-V by transaction OLD-T.
        /// </summary>
        protected abstract void CreateStoreAtPreviousVersion();

        /// <summary>The SHA-256 of the import <see cref="CreateStoreAtPreviousVersion"/> stores.</summary>
        protected static readonly string PreviousContent = new string('c', 64);

        /// <summary>This release's schema version of the store.</summary>
        protected abstract int CurrentSchemaVersion { get; }

        /// <summary>The schema version the store records, read outside the store object.</summary>
        protected abstract int ReadSchemaVersion();

        public virtual void Dispose() => Dir.Dispose();

        // ---- Recording settings (moved from RecordingSettingsTests.cs) ----
        [StoreFact]
        public void ANewReportSuiteStartsOffWithNinetyDays()
        {
            using var store = CreateStore();

            Assert.Null(store.GetRecording("acme.prod"));
            var settings = store.SetRecording("acme.prod", enabled: null, expirationDays: null);

            Assert.False(settings.Enabled);
            Assert.Equal(90, settings.ExpirationDays);
            Assert.Null(settings.EnabledSince);
        }

        [StoreFact]
        public void SwitchingOnSetsSince_AndSwitchingOffClearsIt_AndTheWindowIsKept()
        {
            using var store = CreateStore();

            var on = store.SetRecording("acme.prod", true, 365);
            Assert.True(on.Enabled);
            Assert.NotNull(on.EnabledSince);
            Assert.Equal(365, on.ExpirationDays);

            var stillOn = store.SetRecording("acme.prod", null, 30);
            Assert.Equal(on.EnabledSince, stillOn.EnabledSince);
            Assert.Equal(30, stillOn.ExpirationDays);

            var off = store.SetRecording("acme.prod", false, null);
            Assert.False(off.Enabled);
            Assert.Null(off.EnabledSince);
            Assert.Equal(30, off.ExpirationDays);
        }

        [StoreTheory]
        [InlineData(0)]
        [InlineData(731)]
        public void AWindowOutsideOneTo730DaysIsRejected(int days)
        {
            using var store = CreateStore();

            Assert.Throws<ArgumentOutOfRangeException>(() => store.SetRecording("acme.prod", true, days));
            Assert.Null(store.GetRecording("acme.prod"));
        }

        [StoreFact]
        public void AnInvalidReportSuiteIdIsRejected()
        {
            using var store = CreateStore();

            Assert.Throws<ArgumentException>(() => store.SetRecording("acme prod", true, null));
        }

        [StoreFact]
        public void StatusCountsRecordedTransactionsAndKnownVisitors()
        {
            using var store = CreateStore();
            store.SetRecording("acme.prod", true, null);
            var t = new DateTime(2024, 3, 1, 10, 0, 0);
            StoreTestKit.RecordOnline(store, "acme.prod", StoreTestKit.Online(t, "V1", "T1"), StoreTestKit.Online(t, "V1", "T2"), StoreTestKit.Online(t, "V2"));

            var settings = Assert.Single(store.GetRecordings());
            Assert.Equal(2, settings.RecordedTransactions);
            Assert.Equal(2, settings.KnownVisitors);
        }
    

        // ---- Online recording, first occurrence wins (moved from OnlineTransactionRecordingTests.cs) ----
        [StoreFact]
        public void FirstOccurrenceWins_AndItsSnapshotNeverChanges()
        {
            using var store = CreateStore();
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

        [StoreFact]
        public void ADryRunPredictsDuplicatesAndRejectionsInTheConditionalMood_AndWritesNothing()
        {
            using var store = CreateStore();
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

        [StoreFact]
        public void ATransactionIdIsNotRecordedWhileRecordingIsOff_AndNothingOfTheRowIsRecorded()
        {
            using var store = CreateStore();
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

        [StoreFact]
        public void RecordingSwitchedOffThenOn_KeepsEarlierTransactionsAndRecordsNewOnesOnlyWhileOn()
        {
            using var store = CreateStore();
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

        [StoreFact]
        public void VisitorIdsSeenAreKeptForCustomerIntegration()
        {
            using var store = CreateStore();
            store.SetRecording(StoreTestKit.Suite, false, null);

            // Visitors are kept whether or not transaction ID recording is on.
            StoreTestKit.RecordOnline(store, StoreTestKit.Suite, StoreTestKit.Online(T, "V1"), StoreTestKit.Online(T.AddDays(1), "V1"));

            Assert.Equal(1, store.GetRecordings().Single().KnownVisitors);
            using var session = store.BeginImport(new ImportLedgerEntry { ReportSuite = StoreTestKit.Suite, Sha256 = "x" }, dryRun: true);
            Assert.True(session.IsKnownVisitor("V1"));
            Assert.False(session.IsKnownVisitor("V2"));
        }

        [StoreFact]
        public void ABatchNotCompletedRecordsNothing()
        {
            using var store = CreateStore();
            store.SetRecording(StoreTestKit.Suite, true, null);

            using (var recorder = new OnlineDataRecorder(store, StoreTestKit.Suite, "aborted"))
            {
                recorder.Record(new OnlineInputRow(StoreTestKit.Online(T, "V1", "T1"), null));
            }

            Assert.Null(store.GetTransaction(StoreTestKit.Suite, "T1"));
        }
    

        // ---- The import ledger: imported, skipped, forced, superseded; queries (moved from ImportLedgerTests.cs) ----
        [StoreFact]
        public void TheLedgerKeepsFileSizeSha256SuiteTimesCountsAndStatus()
        {
            using var store = CreateStore();
            var path = Dir.WriteText("sales.csv", Rows.Lines(StoreTestKit.OfflineRow(T, "C1", null, 12.5m), "bad;C;7;C;S;1;1"));

            var result = StoreTestKit.Import(store, path);
            var entry = store.GetImports(new ImportLedgerQuery()).Single();

            Assert.Equal(result.ImportId, entry.Id);
            Assert.Equal("sales.csv", entry.FileName);
            Assert.Equal(path, entry.Path);
            Assert.Equal(new FileInfo(path).Length, entry.Size);
            Assert.Equal(OfflineDataImporter.ComputeSha256(path), entry.Sha256);
            Assert.Equal(64, entry.Sha256.Length);
            Assert.Equal(StoreTestKit.Suite, entry.ReportSuite);
            Assert.Equal(ImportStatus.Completed, entry.StatusValue);
            Assert.True(entry.EndedAt >= entry.StartedAt);
            Assert.Equal(2, entry.Rows);
            Assert.Equal(1, entry.Imported);
            Assert.Equal(1, entry.Rejected);
            Assert.Equal(1, entry.Unattributed);
            Assert.Equal(12.5m, entry.Revenue);
            Assert.Equal(1, entry.DistinctCustomers);
            Assert.Equal("EventTransaction Attr1", entry.TransactionIdColumn);
        }

        [StoreFact]
        public void TheSameContentAgainIsSkippedWithAWarning_EvenUnderAnotherName()
        {
            using var store = CreateStore();
            var content = Rows.Lines(StoreTestKit.OfflineRow(T, "C1", null));
            var first = StoreTestKit.Import(store, Dir.WriteText("a.csv", content));
            var observer = new CollectingObserver();

            var second = StoreTestKit.Import(store, Dir.WriteText("renamed.csv", content), observer: observer);

            Assert.Equal(ImportRunStatus.Skipped, second.StatusValue);
            Assert.Equal(first.ImportId, second.PreviousImportId);
            Assert.Contains("-Force", Assert.Single(observer.Warnings));
            Assert.Equal(1, StoreTestKit.CountRows(store));
            Assert.Single(store.GetImports(new ImportLedgerQuery()));
        }

        [StoreFact]
        public void ForceImportsAgainAndReplacesTheEarlierImport_RowsAreNotDoubled()
        {
            using var store = CreateStore();
            var path = Dir.WriteText("a.csv", Rows.Lines(StoreTestKit.OfflineRow(T, "C1", null), StoreTestKit.OfflineRow(T, "C2", null)));
            var first = StoreTestKit.Import(store, path);

            var forced = StoreTestKit.Import(store, path, force: true);

            Assert.Equal(ImportRunStatus.Imported, forced.StatusValue);
            Assert.Equal(first.ImportId, forced.PreviousImportId);
            Assert.Equal(2, StoreTestKit.CountRows(store));
            Assert.All(store.GetOfflineRows(new OfflineRowQuery()), r => Assert.Equal(forced.ImportId, r.ImportId));
            var ledger = store.GetImports(new ImportLedgerQuery()).ToList();
            Assert.Equal(forced.ImportId, ledger[0].Id); // newest first
            Assert.Equal(ImportStatus.Superseded, ledger[1].StatusValue);
            Assert.Equal(forced.ImportId, ledger[1].SupersededBy);
        }

        [StoreFact]
        public void TheSameContentInAnotherReportSuiteIsNotADuplicate()
        {
            using var store = CreateStore();
            var path = Dir.WriteText("a.csv", Rows.Lines(StoreTestKit.OfflineRow(T, "C1", null)));
            StoreTestKit.Import(store, path);

            var other = new OfflineDataImporter(store).Import(path, new OfflineDataImportOptions { ReportSuite = "acme.test", RejectDirectory = Dir.Combine("quarantine") }, new CollectingObserver());

            Assert.Equal(ImportRunStatus.Imported, other.StatusValue);
        }

        [StoreFact]
        public void TheLedgerIsFilterableAndNewestFirst()
        {
            using var store = CreateStore();
            var a = StoreTestKit.Import(store, Dir.WriteText("a.csv", Rows.Lines(StoreTestKit.OfflineRow(T, "C1", null))));
            var b = StoreTestKit.Import(store, Dir.WriteText("b.csv", Rows.Lines(StoreTestKit.OfflineRow(T, "C2", null))));

            Assert.Equal(new[] { b.ImportId!.Value, a.ImportId!.Value }, store.GetImports(new ImportLedgerQuery()).Select(e => e.Id));
            Assert.Equal(a.ImportId, store.GetImports(new ImportLedgerQuery { FileName = "a*" }).Single().Id);
            Assert.Equal(2, store.GetImports(new ImportLedgerQuery { ReportSuite = "acme.*" }).Count());
            Assert.Empty(store.GetImports(new ImportLedgerQuery { ReportSuite = "ACME.*" }));
            Assert.Single(store.GetImports(new ImportLedgerQuery { First = 1 }));
            Assert.Empty(store.GetImports(new ImportLedgerQuery { Status = ImportStatus.Failed }));
        }

        [StoreFact]
        public void StoredRowsAreFilterableByTimeCustomerTransactionAndOutcome()
        {
            using var store = CreateStore();
            store.SetRecording(StoreTestKit.Suite, true, null);
            StoreTestKit.RecordOnline(store, StoreTestKit.Suite, StoreTestKit.Online(T, "V1", "T1"));
            StoreTestKit.Import(store, Dir.WriteText("a.csv", Rows.Lines(
                StoreTestKit.OfflineRow(T.AddDays(1), "C1", "T1"),
                StoreTestKit.OfflineRow(T.AddDays(2), "C2", null),
                StoreTestKit.OfflineRow(T.AddDays(3), "C3", "T9"))));

            Assert.Equal("C1", store.GetOfflineRows(new OfflineRowQuery { TransactionId = "T1" }).Single().CustomerId);
            Assert.Equal("C2", store.GetOfflineRows(new OfflineRowQuery { CustomerId = "C2" }).Single().CustomerId);
            Assert.Equal(new[] { "C3", "C2" }, store.GetOfflineRows(new OfflineRowQuery { From = T.AddDays(2) }).Select(r => r.CustomerId));
            Assert.Equal(new[] { "C2", "C1" }, store.GetOfflineRows(new OfflineRowQuery { To = T.AddDays(2) }).Select(r => r.CustomerId));
            Assert.Equal("C1", store.GetOfflineRows(new OfflineRowQuery { Outcome = Core.Matching.MatchOutcome.TransactionId }).Single().CustomerId);
            Assert.Equal("C3", store.GetOfflineRows(new OfflineRowQuery { Reason = Core.Matching.MatchReason.TransactionUnknown }).Single().CustomerId);
            Assert.Equal(3, store.GetOfflineRows(new OfflineRowQuery { CustomerId = "C*" }).Count());
            Assert.Empty(store.GetOfflineRows(new OfflineRowQuery { ReportSuite = "acme.test" }));
        }
    

        // ---- Query by reason (moved from StoreReasonFilterTests.cs) ----
        [StoreFact]
        public void ReasonNoTransactionIdSelectsTheRowsWithoutATransactionId()
        {
            using var store = CreateStore();
            StoreTestKit.Import(store, Dir.WriteText("a.csv", Rows.Lines(
                StoreTestKit.OfflineRow(T, "C1", null),
                StoreTestKit.OfflineRow(T, "C2", "T9"))));

            var rows = store.GetOfflineRows(new OfflineRowQuery { Reason = Core.Matching.MatchReason.NoTransactionId }).ToList();

            Assert.Equal("C1", Assert.Single(rows).CustomerId);
            Assert.Equal(Core.Matching.MatchReason.NoTransactionId, rows[0].Match.TransactionReasonValue);
        }
    

        // ---- Online recording through the session itself ----

        [StoreFact]
        public void AnOnlineRecordingSessionReportsWhatEachRowDid_AndFirstOccurrenceWins()
        {
            using var store = CreateStore();
            store.SetRecording(StoreTestKit.Suite, true, null);

            var outcomes = new List<OnlineRecordOutcome>();
            using (var session = store.BeginOnlineRecording(StoreTestKit.Suite))
            {
                Assert.True(session.Recording!.Enabled);
                outcomes.Add(session.Record(StoreTestKit.Online(T, "V1", "T1", ("Campaign", "spring"))));
                outcomes.Add(session.Record(StoreTestKit.Online(T.AddMinutes(1), "V2")));
                outcomes.Add(session.Record(StoreTestKit.Online(T.AddMinutes(2), "V3", "T1", ("Campaign", "summer"))));
                session.Commit();
            }

            Assert.Equal(new[] { OnlineRecordOutcome.TransactionRecorded, OnlineRecordOutcome.VisitorRecorded, OnlineRecordOutcome.DuplicateTransaction }, outcomes.ToArray());
            var transaction = store.GetTransaction(StoreTestKit.Suite, "T1")!;
            Assert.Equal(StoreTestKit.Suite, transaction.ReportSuite);
            Assert.Equal("V1", transaction.VisitorId);
            Assert.Equal(T, transaction.Timestamp);
            Assert.Equal("spring", transaction.State["Campaign"]);
            Assert.Equal(1, transaction.DuplicateCount);
            var settings = store.GetRecording(StoreTestKit.Suite)!;
            Assert.Equal(1, settings.RecordedTransactions);
            // A duplicate row is counted, not applied: its visitor is not recorded either.
            Assert.Equal(2, settings.KnownVisitors);
            using var import = store.BeginImport(Entry("x"), dryRun: true);
            Assert.True(import.IsKnownVisitor("V2"));
            Assert.False(import.IsKnownVisitor("V3"));
        }

        [StoreFact]
        public void WhileRecordingIsOff_ASessionRecordsNoTransaction_AndATransactionRowNotEvenItsVisitor()
        {
            using var store = CreateStore();
            store.SetRecording(StoreTestKit.Suite, false, null);

            using (var session = store.BeginOnlineRecording(StoreTestKit.Suite))
            {
                Assert.False(session.Recording!.Enabled);
                Assert.Equal(OnlineRecordOutcome.RecordingDisabled, session.Record(StoreTestKit.Online(T, "V1", "T1")));
                Assert.Equal(OnlineRecordOutcome.VisitorRecorded, session.Record(StoreTestKit.Online(T, "V2")));
                session.Commit();
            }

            Assert.Null(store.GetTransaction(StoreTestKit.Suite, "T1"));
            using var import = store.BeginImport(Entry("x"), dryRun: true);
            Assert.False(import.IsKnownVisitor("V1"));
            Assert.True(import.IsKnownVisitor("V2"));
        }

        [StoreFact]
        public void TransactionsAndVisitorsBelongToTheirReportSuite()
        {
            using var store = CreateStore();
            store.SetRecording(StoreTestKit.Suite, true, null);
            store.SetRecording("acme.test", true, null);
            StoreTestKit.RecordOnline(store, StoreTestKit.Suite, StoreTestKit.Online(T, "V1", "T1"));

            Assert.NotNull(store.GetTransaction(StoreTestKit.Suite, "T1"));
            Assert.Null(store.GetTransaction("acme.test", "T1"));
            using var other = store.BeginImport(Entry("x", "acme.test"), dryRun: true);
            Assert.Null(other.FindTransaction("T1"));
            Assert.False(other.IsKnownVisitor("V1"));
            using var same = store.BeginImport(Entry("x"), dryRun: true);
            Assert.Equal("V1", same.FindTransaction("T1")!.VisitorId);
            Assert.Equal(new[] { "acme.prod", "acme.test" }, store.GetReportSuiteIds().ToArray());
        }

        [StoreFact]
        public void AnOnlineRecordingSessionNotCommittedRecordsNothing()
        {
            using var store = CreateStore();
            store.SetRecording(StoreTestKit.Suite, true, null);

            using (var session = store.BeginOnlineRecording(StoreTestKit.Suite))
            {
                Assert.Equal(OnlineRecordOutcome.TransactionRecorded, session.Record(StoreTestKit.Online(T, "V1", "T1")));
            }

            Assert.Null(store.GetTransaction(StoreTestKit.Suite, "T1"));
            Assert.Equal(0, store.GetRecording(StoreTestKit.Suite)!.KnownVisitors);
        }

        // ---- The ledger through the contract ----

        [StoreFact]
        public void FindCompletedImportFindsTheContentOnlyInItsReportSuite_AndAFailedImportIsRecordedWithoutRows()
        {
            using var store = CreateStore();
            var path = Dir.WriteText("a.csv", Rows.Lines(StoreTestKit.OfflineRow(T, "C1", null)));
            var imported = StoreTestKit.Import(store, path);
            var sha = OfflineDataImporter.ComputeSha256(path);

            Assert.Equal(imported.ImportId, store.FindCompletedImport(StoreTestKit.Suite, sha)!.Id);
            Assert.Null(store.FindCompletedImport("acme.test", sha));
            Assert.Null(store.FindCompletedImport(StoreTestKit.Suite, new string('0', 64)));

            var failed = Entry(new string('f', 64));
            failed.Message = "the disk went away";
            var recorded = store.RecordFailedImport(failed);

            var entry = store.GetImports(new ImportLedgerQuery { Status = ImportStatus.Failed }).Single();
            Assert.Equal(entry.Id, recorded.Id);
            Assert.Equal(ImportStatus.Failed, recorded.StatusValue);
            Assert.Equal(0, failed.Id); // the caller's entry is not written to
            Assert.Equal(default(ImportStatus), failed.StatusValue);
            Assert.Equal("the disk went away", entry.Message);
            Assert.Equal(0, entry.Imported);
            Assert.Null(store.FindCompletedImport(StoreTestKit.Suite, failed.Sha256));
            Assert.Equal(1, StoreTestKit.CountRows(store));
            Assert.Equal(entry.Id, store.GetImports(new ImportLedgerQuery { Sha256 = failed.Sha256 }).Single().Id);
            Assert.Equal(imported.ImportId, store.GetImports(new ImportLedgerQuery { Id = imported.ImportId }).Single().Id);
        }

        [StoreFact]
        public void TheLedgerIsFilterableByStartTime()
        {
            using var store = CreateStore();
            var early = Entry(new string('1', 64));
            early.StartedAt = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var late = Entry(new string('2', 64));
            late.StartedAt = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
            store.RecordFailedImport(early);
            store.RecordFailedImport(late);

            Assert.Equal(late.Sha256, store.GetImports(new ImportLedgerQuery { After = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc) }).Single().Sha256);
            Assert.Equal(early.Sha256, store.GetImports(new ImportLedgerQuery { Before = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc) }).Single().Sha256);
            Assert.Equal(new[] { late.Sha256, early.Sha256 }, store.GetImports(new ImportLedgerQuery()).Select(e => e.Sha256).ToArray());
        }

        [StoreFact]
        public void ACommittedImportSessionWritesTheLedgerEntryAndItsRows_AndAForcedOneSupersedesIt()
        {
            using var store = CreateStore();
            var rows = MatchedRows(10);

            long first = ImportThroughSession(store, Entry("abc"), rows);
            ImportLedgerEntry again;
            using (var session = store.BeginImport(Entry("abc"), dryRun: false))
            {
                Assert.Equal(first, session.AlreadyImported!.Id);
                foreach (var row in rows) session.AddRow(row.Record, row.Match);
                Assert.Equal(10, session.CountDistinctCustomers());
                again = session.Commit(new ImportFileCounts { Rows = rows.Count })!;
            }

            var ledger = store.GetImports(new ImportLedgerQuery()).ToList();
            Assert.Equal(new[] { ImportStatus.Completed, ImportStatus.Superseded }, ledger.Select(e => e.StatusValue).ToArray());
            Assert.Equal(again.Id, ledger[0].Id);
            Assert.Equal(again.Id, ledger[1].SupersededBy);
            Assert.Equal(10, ledger[0].Imported);
            Assert.Empty(store.GetOfflineRows(new OfflineRowQuery { ImportId = first }));
            Assert.Equal(10, store.GetOfflineRows(new OfflineRowQuery { ImportId = again.Id }).Count());
            Assert.Equal(again.Id, store.FindCompletedImport(StoreTestKit.Suite, "abc")!.Id);
        }

        [StoreFact]
        public void ACommitReturnsTheStoredEntry_CountedByTheStore_AndLeavesTheCallersEntryAsItWas()
        {
            using var store = CreateStore();
            var rows = MatchedRows(7);
            var given = Entry("abc");
            var startedAt = given.StartedAt;

            ImportLedgerEntry stored;
            long? sessionId;
            using (var session = store.BeginImport(given, dryRun: false))
            {
                sessionId = session.ImportId;
                foreach (var row in rows) session.AddRow(row.Record, row.Match);
                stored = session.Commit(new ImportFileCounts { Rows = 9, Rejected = 2, Duplicates = 1, Warnings = 3, QuarantinePath = "q.csv" })!;
            }

            // The store decided the ID, the status, the end time and what it stored; the caller's object holds none of it.
            Assert.Equal(0, given.Id);
            Assert.Equal(default(ImportStatus), given.StatusValue);
            Assert.Null(given.EndedAt);
            Assert.Equal(0, given.Imported);
            Assert.Equal(0, given.DistinctCustomers);
            Assert.Null(given.QuarantinePath);
            Assert.Equal(startedAt, given.StartedAt);

            Assert.Equal(sessionId, stored.Id);
            Assert.Equal(ImportStatus.Completed, stored.StatusValue);
            Assert.NotNull(stored.EndedAt);
            Assert.Equal(7, stored.Imported);
            Assert.Equal(7, stored.DistinctCustomers);
            Assert.Equal(rows.Sum(r => r.Record.Num2), stored.Revenue);
            Assert.Equal(7, stored.MatchedByTransactionId + stored.MatchedByCustomerId + stored.Unattributed);
            Assert.Equal(new[] { 9L, 2L, 1L, 3L }, new[] { stored.Rows, stored.Rejected, stored.Duplicates, stored.Warnings });
            Assert.Equal("q.csv", stored.QuarantinePath);
            Assert.Equal(store.Location, stored.Store);

            // What is returned is what the ledger holds, and the store alone made the content "already imported".
            var ledger = store.GetImports(new ImportLedgerQuery { Id = stored.Id }).Single();
            Assert.Equal(stored.Imported, ledger.Imported);
            Assert.Equal(stored.EndedAt, ledger.EndedAt);
            Assert.Equal(stored.Id, store.FindCompletedImport(StoreTestKit.Suite, "abc")!.Id);
        }

        // ---- Dry runs ----

        [StoreFact]
        public void ADryRunImportWritesNothing()
        {
            using var store = CreateStore();
            var path = Dir.WriteText("a.csv", Rows.Lines(StoreTestKit.OfflineRow(T, "C1", null), StoreTestKit.OfflineRow(T, "C2", null)));

            var result = StoreTestKit.Import(store, path, dryRun: true);

            Assert.Equal(2, result.Imported);
            Assert.Equal(0, StoreTestKit.CountRows(store));
            Assert.Empty(store.GetImports(new ImportLedgerQuery()));
            Assert.Null(store.FindCompletedImport(StoreTestKit.Suite, OfflineDataImporter.ComputeSha256(path)));
        }

        [StoreFact]
        public void ADryRunSessionHasNoImportIdAndItsRowsAndCommitWriteNothing()
        {
            using var store = CreateStore();
            var entry = Entry("abc");
            using (var session = store.BeginImport(entry, dryRun: true))
            {
                Assert.True(session.IsDryRun);
                Assert.Null(session.ImportId);
                foreach (var row in MatchedRows(5)) session.AddRow(row.Record, row.Match);
                Assert.Equal(5, session.CountDistinctCustomers());
                Assert.Null(session.Commit(new ImportFileCounts { Rows = 5 }));
            }

            Assert.Equal(0, StoreTestKit.CountRows(store));
            Assert.Empty(store.GetImports(new ImportLedgerQuery()));
            Assert.Null(store.FindCompletedImport(StoreTestKit.Suite, "abc"));
        }

        // ---- Queries ----

        [StoreFact]
        public void RowsAreFilterableByReportSuiteWithWildcards_ImportRowIdAndFirst_NewestFirst()
        {
            using var store = CreateStore();
            var a = StoreTestKit.Import(store, Dir.WriteText("a.csv", Rows.Lines(StoreTestKit.OfflineRow(T, "C1", null), StoreTestKit.OfflineRow(T.AddDays(1), "C2", null))));
            var b = new OfflineDataImporter(store).Import(Dir.WriteText("b.csv", Rows.Lines(StoreTestKit.OfflineRow(T.AddDays(2), "C3", null))),
                new OfflineDataImportOptions { ReportSuite = "acme.test", RejectDirectory = Dir.Combine("quarantine") }, new CollectingObserver());

            Assert.Equal(new[] { "C3", "C2", "C1" }, store.GetOfflineRows(new OfflineRowQuery()).Select(r => r.CustomerId).ToArray());
            Assert.Equal(new[] { "C2", "C1" }, store.GetOfflineRows(new OfflineRowQuery { ReportSuite = StoreTestKit.Suite }).Select(r => r.CustomerId).ToArray());
            Assert.Equal(3, store.GetOfflineRows(new OfflineRowQuery { ReportSuite = "acme.*" }).Count());
            Assert.Equal("C3", store.GetOfflineRows(new OfflineRowQuery { ReportSuite = "acme.t?st" }).Single().CustomerId);
            Assert.Empty(store.GetOfflineRows(new OfflineRowQuery { ReportSuite = "ACME.*" }));
            Assert.Equal("C3", store.GetOfflineRows(new OfflineRowQuery { ImportId = b.ImportId }).Single().CustomerId);
            Assert.Equal(2, store.GetOfflineRows(new OfflineRowQuery { ImportId = a.ImportId }).Count());
            Assert.Equal(new[] { "C3", "C2" }, store.GetOfflineRows(new OfflineRowQuery { First = 2 }).Select(r => r.CustomerId).ToArray());
            var one = store.GetOfflineRows(new OfflineRowQuery { CustomerId = "C2" }).Single();
            Assert.Equal("C2", store.GetOfflineRows(new OfflineRowQuery { RowId = one.Id }).Single().CustomerId);
            Assert.Equal("acme.test", store.GetOfflineRows(new OfflineRowQuery { CustomerId = "C3" }).Single().ReportSuite);
        }

        [StoreFact]
        public void EveryOutcomeIsAFilter_AndFiltersCombine()
        {
            using var store = CreateStore();
            store.SetRecording(StoreTestKit.Suite, true, null);
            StoreTestKit.RecordOnline(store, StoreTestKit.Suite, StoreTestKit.Online(T, "V1", "T1"), StoreTestKit.Online(T, "C2"));
            StoreTestKit.Import(store, Dir.WriteText("a.csv", Rows.Lines(
                StoreTestKit.OfflineRow(T.AddDays(1), "C1", "T1"),
                StoreTestKit.OfflineRow(T.AddDays(2), "C2", null),
                StoreTestKit.OfflineRow(T.AddDays(3), "C3", null))));

            Assert.Equal("C1", store.GetOfflineRows(new OfflineRowQuery { Outcome = MatchOutcome.TransactionId }).Single().CustomerId);
            Assert.Equal("C2", store.GetOfflineRows(new OfflineRowQuery { Outcome = MatchOutcome.CustomerId }).Single().CustomerId);
            Assert.Equal("C3", store.GetOfflineRows(new OfflineRowQuery { Outcome = MatchOutcome.Unattributed }).Single().CustomerId);
            Assert.Equal("V1", store.GetOfflineRows(new OfflineRowQuery { Outcome = MatchOutcome.TransactionId }).Single().CreditedVisitorId);
            Assert.Empty(store.GetOfflineRows(new OfflineRowQuery { Outcome = MatchOutcome.TransactionId, CustomerId = "C2" }));
            Assert.Equal("C2", store.GetOfflineRows(new OfflineRowQuery { From = T.AddDays(2), To = T.AddDays(2), CustomerId = "C?" }).Single().CustomerId);
        }

        [StoreFact]
        public void WildcardCharactersCanBeEscapedInCustomerAndTransactionIds()
        {
            using var store = CreateStore();
            StoreTestKit.Import(store, Dir.WriteText("a.csv", Rows.Lines(
                StoreTestKit.OfflineRow(T, "A[1]", "T*1"),
                StoreTestKit.OfflineRow(T, "A1", "TX1"),
                StoreTestKit.OfflineRow(T, "B?2", "T?2"),
                StoreTestKit.OfflineRow(T, "BX2", "TY2"),
                StoreTestKit.OfflineRow(T, "C%_3", "T%_3"),
                StoreTestKit.OfflineRow(T, "Cab3", "Tab3"))));

            Assert.Equal("A[1]", store.GetOfflineRows(new OfflineRowQuery { CustomerId = "A`[1`]" }).Single().CustomerId);
            Assert.Equal("A1", store.GetOfflineRows(new OfflineRowQuery { CustomerId = "A[1]" }).Single().CustomerId);
            Assert.Equal("A[1]", store.GetOfflineRows(new OfflineRowQuery { CustomerId = "A`[*" }).Single().CustomerId);
            Assert.Equal("T*1", store.GetOfflineRows(new OfflineRowQuery { TransactionId = "T`*1" }).Single().TransactionId);
            Assert.Equal(2, store.GetOfflineRows(new OfflineRowQuery { TransactionId = "T*1" }).Count());
            Assert.Equal("B?2", store.GetOfflineRows(new OfflineRowQuery { CustomerId = "B`?2" }).Single().CustomerId);
            Assert.Equal(2, store.GetOfflineRows(new OfflineRowQuery { CustomerId = "B?2" }).Count());
            Assert.Equal("T?2", store.GetOfflineRows(new OfflineRowQuery { TransactionId = "T`?2" }).Single().TransactionId);
            // SQL LIKE's own wildcards are plain characters in a PowerShell pattern, whatever the dialect behind it.
            Assert.Equal("C%_3", store.GetOfflineRows(new OfflineRowQuery { CustomerId = "C%_3" }).Single().CustomerId);
            Assert.Equal("T%_3", store.GetOfflineRows(new OfflineRowQuery { TransactionId = "T%_*" }).Single().TransactionId);
            Assert.Empty(store.GetOfflineRows(new OfflineRowQuery { CustomerId = "c*" }));
        }

        // ---- Atomicity ----

        [StoreFact]
        public void AnImportSessionDisposedWithoutCommitLeavesNothing_NotEvenItsLedgerEntry()
        {
            using var store = CreateStore();
            var earlier = ImportThroughSession(store, Entry("earlier"), MatchedRows(3));

            var entry = Entry("abandoned");
            using (var session = store.BeginImport(entry, dryRun: false))
            {
                Assert.NotNull(session.ImportId);
                foreach (var row in MatchedRows(50)) session.AddRow(row.Record, row.Match);
            }

            Assert.Equal(new[] { earlier }, store.GetImports(new ImportLedgerQuery()).Select(e => e.Id).ToArray());
            Assert.Equal(3, StoreTestKit.CountRows(store));
            Assert.Null(store.FindCompletedImport(StoreTestKit.Suite, "abandoned"));
            using var again = OpenAgain();
            Assert.Equal(3, StoreTestKit.CountRows(again));
        }

        [StoreFact]
        public void AnImportThatFailsHalfWayLeavesNothing_AndTheNextRunImportsTheFileWhole()
        {
            using var store = CreateStore();
            var path = Dir.WriteText("a.csv", StoreTestKit.OfflineRows(T, 100, "C"));
            var observer = new CollectingObserver { AfterRow = n => { if (n == 40) throw new InvalidOperationException("stopped half-way"); } };

            Assert.Throws<InvalidOperationException>(() => StoreTestKit.Import(store, path, observer: observer));

            Assert.Equal(0, StoreTestKit.CountRows(store));
            Assert.Empty(store.GetImports(new ImportLedgerQuery { Status = ImportStatus.Completed }));
            var rerun = StoreTestKit.Import(store, path);
            Assert.Equal(ImportRunStatus.Imported, rerun.StatusValue);
            Assert.Equal(100, StoreTestKit.CountRows(store));
        }

        // ---- Concurrency ----

        [StoreFact]
        public void TwoConnectionsImportingTheSameContentAtOnce_ImportItOnce()
        {
            using var first = CreateStore();
            using var second = OpenAgain();
            var rows = MatchedRows(20);

            var firstEntry = Entry("same");
            using var firstSession = first.BeginImport(firstEntry, dryRun: false);
            Assert.Null(firstSession.AlreadyImported);
            foreach (var row in rows) firstSession.AddRow(row.Record, row.Match);

            // The second import must wait for the first (it holds the report suite's write lock), then see it.
            ImportLedgerEntry? seenBySecond = null;
            Exception? secondFailed = null;
            var secondImport = new Thread(() =>
            {
                try
                {
                    var entry = Entry("same");
                    using var session = second.BeginImport(entry, dryRun: false);
                    seenBySecond = session.AlreadyImported;
                    if (seenBySecond == null)
                    {
                        foreach (var row in rows) session.AddRow(row.Record, row.Match);
                        session.Commit(new ImportFileCounts { Rows = rows.Count });
                    }
                }
                catch (Exception e)
                {
                    secondFailed = e;
                }
            });
            secondImport.Start();
            Assert.False(secondImport.Join(TimeSpan.FromMilliseconds(500)), "the second import did not wait for the first");
            var firstStored = firstSession.Commit(new ImportFileCounts { Rows = rows.Count })!;

            Assert.True(secondImport.Join(TimeSpan.FromSeconds(60)));
            Assert.Null(secondFailed);
            Assert.Equal(firstStored.Id, seenBySecond!.Id);
            Assert.Equal(new[] { firstStored.Id }, first.GetImports(new ImportLedgerQuery()).Select(e => e.Id).ToArray());
            Assert.Equal(20, StoreTestKit.CountRows(first));
            Assert.Equal(20, StoreTestKit.CountRows(second));
        }

        [StoreFact]
        public void WhatOneConnectionWritesTheOtherReads()
        {
            using var first = CreateStore();
            first.SetRecording(StoreTestKit.Suite, true, 30);
            StoreTestKit.RecordOnline(first, StoreTestKit.Suite, StoreTestKit.Online(T, "V1", "T1"));

            using var second = OpenAgain();
            Assert.True(second.Exists);
            Assert.Equal(30, second.GetRecording(StoreTestKit.Suite)!.ExpirationDays);
            Assert.Equal("V1", second.GetTransaction(StoreTestKit.Suite, "T1")!.VisitorId);
            second.SetRecording(StoreTestKit.Suite, false, null);
            Assert.False(first.GetRecording(StoreTestKit.Suite)!.Enabled);
        }

        [StoreFact]
        public void AWriterOfAReportSuiteBeingWrittenWaits_SaysSoOnce_AndGivesUpAsBusyWritingNothing()
        {
            using var first = CreateStore();
            var waiting = new List<string>();
            using var second = OpenAgain(new StoreOpenOptions { Create = false, LockWait = TimeSpan.FromMilliseconds(700), Waiting = waiting.Add });
            var rows = MatchedRows(5);

            using (var holding = first.BeginImport(Entry("held"), dryRun: false))
            {
                foreach (var row in rows) holding.AddRow(row.Record, row.Match);

                var started = DateTime.UtcNow;
                var e = Assert.Throws<StoreException>(() => second.BeginImport(Entry("other"), dryRun: false));
                Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(600), "the writer gave up before its lock wait");
                Assert.Equal(StoreFailureKind.Busy, e.Kind);
                Assert.Contains("busy", e.Message);
                Assert.Contains(second.DisplayName, e.Message);
                Assert.Single(waiting);
                Assert.Contains("waiting", waiting[0]);
                Assert.Equal(StoreFailureKind.Busy, Assert.Throws<StoreException>(() => second.SetRecording(StoreTestKit.Suite, true, 30)).Kind);
            }

            // The holder ended without committing: nothing of it, nor of the writers that gave up, was stored, and the
            // lock is free again.
            Assert.Empty(second.GetImports(new ImportLedgerQuery()));
            Assert.Equal(0, StoreTestKit.CountRows(second));
            Assert.Null(second.GetRecording(StoreTestKit.Suite));
            Assert.Equal(30, second.SetRecording(StoreTestKit.Suite, true, 30).ExpirationDays);
            Assert.True(ImportThroughSession(second, Entry("other"), rows) > 0);
        }

        // ---- Schema ----

        [StoreFact]
        public void AStoreOfThePreviousSchemaVersionIsUpgradedWhenOpened_AndThenWorksInFull()
        {
            CreateStoreAtPreviousVersion();
            Assert.Equal(CurrentSchemaVersion - 1, ReadSchemaVersion());

            // Opened without create, and only read: the open migrates it (every release shares one store after an upgrade),
            // and what the previous release stored is all there, read back as it was written.
            using (var reader = OpenAgain())
            {
                Assert.True(reader.Exists);
                var settings = Assert.Single(reader.GetRecordings());
                Assert.Equal(StoreTestKit.Suite, settings.ReportSuite);
                Assert.True(settings.Enabled);
                Assert.Equal(30, settings.ExpirationDays);
                Assert.Equal(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), settings.EnabledSince);
                Assert.Equal(1, settings.RecordedTransactions);
                Assert.Equal(1, settings.KnownVisitors);
                Assert.Equal("OLD-V", reader.GetTransaction(StoreTestKit.Suite, "OLD-T")!.VisitorId);
                var import = Assert.Single(reader.GetImports(new ImportLedgerQuery()));
                Assert.Equal((1L, "old.csv", "/old.csv", 100L, PreviousContent, ImportStatus.Completed, 1L),
                    (import.Id, import.FileName, import.Path, import.Size, import.Sha256, import.StatusValue, import.Imported));
                Assert.Equal(import.Id, reader.FindCompletedImport(StoreTestKit.Suite, PreviousContent)!.Id);
                var row = Assert.Single(reader.GetOfflineRows(new OfflineRowQuery()));
                Assert.Equal((1L, 1L, "OLD-C", new DateTime(2024, 2, 29, 9, 0, 0), 9.5m, MatchOutcome.TransactionId, "OLD-V"),
                    (row.Id!.Value, row.ImportId!.Value, row.CustomerId, row.Timestamp, row.Num2, row.OutcomeValue, row.CreditedVisitorId));
                Assert.Empty(reader.GetDeliveries(new DeliveryLedgerQuery()));
            }

            Assert.Equal(CurrentSchemaVersion, ReadSchemaVersion());
            using var store = OpenAgain();
            store.SetRecording(StoreTestKit.Suite, true, null);
            Assert.Equal(30, store.GetRecording(StoreTestKit.Suite)!.ExpirationDays);
            StoreTestKit.RecordOnline(store, StoreTestKit.Suite, StoreTestKit.Online(T, "V1", "T1"));
            var result = StoreTestKit.Import(store, Dir.WriteText("after-upgrade.csv", Rows.Lines(StoreTestKit.OfflineRow(T, "C1", "T1"), StoreTestKit.OfflineRow(T, "C2", null))));
            Assert.Equal(ImportRunStatus.Imported, result.StatusValue);
            Assert.Equal(1, result.MatchedByTransactionId);
            Assert.True(result.ImportId > 1, "the new import reused the upgraded store's ID");
            Assert.Equal(3, StoreTestKit.CountRows(store));

            // The delivery ledger the upgrade added works in full.
            var started = store.RecordDeliveryStart(Delivery());
            store.RecordDeliveryEnd(Ended(started, DeliveryStatus.Sent));
            Assert.Equal(started.Id, store.FindDelivery(Sftp, ContentA)!.Id);
            Assert.Equal(CurrentSchemaVersion, ReadSchemaVersion());
        }


        [StoreFact]
        public void AStoreWrittenByANewerReleaseIsRefusedAsSchemaTooNew()
        {
            string displayName;
            using (var store = CreateStore())
            {
                store.SetRecording(StoreTestKit.Suite, true, null);
                displayName = store.DisplayName;
            }

            MarkSchemaNewer();

            var e = Assert.Throws<StoreException>(() => OpenAgain().Dispose());
            Assert.Equal(StoreFailureKind.SchemaTooNew, e.Kind);
            Assert.Contains("newer", e.Message);
            Assert.Contains(displayName, e.Message);
        }

        // ---- Helpers ----

        private static ImportLedgerEntry Entry(string sha256, string reportSuite = StoreTestKit.Suite) => new ImportLedgerEntry
        {
            ReportSuite = reportSuite,
            FileName = "contract.csv",
            Path = "contract.csv",
            Size = 1,
            Sha256 = sha256,
            StartedAt = DateTimeOffset.UtcNow,
        };

        /// <summary>Valid, matched rows as the importer hands them to a session (read and matched by a dry run of a file).</summary>
        private List<StoredOfflineRow> MatchedRows(int count)
        {
            using var scratch = new TempDirectory();
            using var store = CreateScratchStore(scratch);
            var observer = new CollectingObserver { KeepRows = true };
            StoreTestKit.Import(store, scratch.WriteText("rows.csv", StoreTestKit.OfflineRows(T, count, "C")), dryRun: true, observer: observer);
            Assert.Equal(count, observer.Rows.Count);
            return observer.Rows;
        }

        /// <summary>A throwaway SQLite store, only to read rows for <see cref="MatchedRows"/> (a dry run needs a store).</summary>
        private static IOfflineDataStore CreateScratchStore(TempDirectory scratch) => StoreTestKit.NewStore(scratch);

        private static long ImportThroughSession(IOfflineDataStore store, ImportLedgerEntry entry, IReadOnlyList<StoredOfflineRow> rows)
        {
            using var session = store.BeginImport(entry, dryRun: false);
            Assert.Null(session.AlreadyImported);
            foreach (var row in rows) session.AddRow(row.Record, row.Match);
            return session.Commit(new ImportFileCounts { Rows = rows.Count })!.Id;
        }
    }
}
