using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.Data.Sqlite;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Sqlite;
using OfflineData.Core.Store.Transfer;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Store.Transfer
{
    /// <summary>
    /// Copying a whole store (Copy-OfflineDataStore's core): every table arrives identical, field by field; a killed
    /// copy resumes exactly; a destination with other content is refused unless forced; IDs continue after the copy.
    /// </summary>
    public sealed class StoreCopierTests : IDisposable
    {
        private static readonly DateTime T = new DateTime(2024, 3, 1, 10, 0, 0);
        private readonly TempDirectory dir = new TempDirectory();

        public void Dispose() => dir.Dispose();

        [Fact]
        public void EveryTableArrivesIdentical_FieldByField_WithSupersededImportsFailuresAndDuplicateCounts()
        {
            using (var source = Populate("source.db"))
            using (var destination = StoreTestKit.NewStore(dir, "destination.db"))
            {
                var copier = new StoreCopier(StoreTransfer.ContentOf(source), StoreTransfer.ContentOf(destination)) { BatchSize = 3 };
                var plan = copier.Plan(force: false);
                Assert.Equal(StoreCopyMode.New, plan.Mode);

                var result = copier.Copy(plan, CancellationToken.None);

                Assert.Equal("Completed", result.Status);
                Assert.Equal(string.Empty, result.Differences);
                Assert.All(result.Tables, t => Assert.True(t.Verified, t.ToString()));
                Assert.All(result.Tables, t => Assert.Equal(t.SourceCount, t.Copied));
                Assert.Equal(2, result.ReportSuites.Copied);
                Assert.Equal(3, result.OnlineTransactions.Copied);
                Assert.Equal(4, result.Imports.Copied);
                Assert.Equal(3, result.Deliveries.Copied);
                Assert.Equal(2, result.ExportBatches.Copied);
                Assert.Equal(4, result.Consents.Copied);
                Assert.Equal(result.OfflineRows.SourceCount, result.OfflineRows.DestinationCount);
                Assert.Equal(2, result.ImportsCompared);
                Assert.Equal(10m + 20.5m + 7.25m + 100m + 1m, result.Revenue);
            }

            AssertTablesIdentical("source.db", "destination.db");
            // The copy really holds what the test meant to copy: a superseded import, a failure, a duplicate count.
            var imports = Query("destination.db", "SELECT status, superseded_by FROM import ORDER BY id;");
            Assert.Equal(new object?[] { "Superseded", 2L }, imports[0]); // superseded by the forced re-import, import 2
            Assert.Contains(imports, r => (string)r[0]! == "Failed");
            Assert.Contains(Query("destination.db", "SELECT duplicate_count FROM online_transaction;"), r => (long)r[0]! == 1);
            // ... and every delivery status, the killed one still Started, read back through the contract.
            using var copy = SqliteOfflineDataStore.Open(dir.Combine("destination.db"), create: false);
            Assert.Equal(new[] { "Started", "Failed", "Sent" }, copy.GetDeliveries(new DeliveryLedgerQuery()).Select(d => d.Status));
            Assert.Equal("c.csv", copy.FindDelivery("sftp://upload@example.com:2222/in", new string('c', 64))!.FileName);
            Assert.Equal(copy.Location, copy.GetDeliveries(new DeliveryLedgerQuery()).First().Store);
            // ... and the export ledger, so an export resumed against the copy skips what was written.
            var batches = copy.GetExportBatches("acme.prod|20240101|days=7|out ünï");
            Assert.Equal(new[] { 1, 2 }, batches.Select(b => b.Batch));
            Assert.Equal(new[] { "/out/a_0001_0001.txt", "/out/a_0001_0002.txt" }, batches[0].Files);
            Assert.Equal(2L, batches[0].LastRowId);
            // ... and the consent list, its whole history, so the copy suppresses the same customers.
            Assert.Equal(4, copy.GetConsents(new ConsentQuery { History = true }).Count());
            Assert.Equal(new[] { "C9" }, copy.GetSuppressedCustomerIds(ConsentPolicy.Default));
            Assert.Equal(copy.Location, copy.GetConsents(new ConsentQuery()).First().Store);
        }

        [Fact]
        public void ACopyKilledInTheDeliveryLedgerResumes_AndEndsExactly()
        {
            using (var source = Populate("source.db"))
            using (var destination = StoreTestKit.NewStore(dir, "destination.db"))
            {
                var content = StoreTransfer.ContentOf(destination);
                var first = new StoreCopier(StoreTransfer.ContentOf(source), new DyingTarget(content, failOnRowBatch: 0, failOnDeliveryBatch: 2)) { BatchSize = 2 };
                Assert.Throws<SimulatedKill>(() => first.Copy(first.Plan(force: false), CancellationToken.None));
                Assert.Equal(2, content.Count(StoreContentTable.Deliveries)); // the first batch committed, the killed one not at all

                var again = new StoreCopier(StoreTransfer.ContentOf(source), content) { BatchSize = 2 };
                var plan = again.Plan(force: false);
                Assert.Equal(StoreCopyMode.Resumed, plan.Mode);
                var result = again.Copy(plan, CancellationToken.None);

                Assert.Equal("Completed", result.Status);
                Assert.Equal(1, result.Deliveries.Copied);
                Assert.Equal(0, result.Deliveries.Skipped); // went on after the last batch
                Assert.True(result.Deliveries.Verified);
            }

            AssertTablesIdentical("source.db", "destination.db");
        }

        [Fact]
        public void ForceIsRefusedWhenTheDestinationHasADeliveryOfItsOwn_SinceDeliveriesKeepTheirIds()
        {
            using var source = Populate("source.db");
            using var destination = StoreTestKit.NewStore(dir, "destination.db");
            destination.RecordDeliveryStart(new DeliveryLedgerEntry { Destination = "ftp://elsewhere/in", FileName = "own.csv", RemoteName = "own.csv", Sha256 = new string('f', 64), StartedAt = DateTimeOffset.UtcNow });

            var copier = new StoreCopier(StoreTransfer.ContentOf(source), StoreTransfer.ContentOf(destination));
            Assert.Equal(StoreCopyRefusal.DestinationNotEmpty, Assert.Throws<StoreCopyRefusedException>(() => copier.Plan(force: false)).Reason);
            var refused = Assert.Throws<StoreCopyRefusedException>(() => copier.Plan(force: true));

            Assert.Equal(StoreCopyRefusal.DeliveryConflict, refused.Reason);
            Assert.Contains("own.csv", refused.Message);
            Assert.Contains("ftp://elsewhere/in", refused.Message);
            Assert.Single(destination.GetDeliveries(new DeliveryLedgerQuery()));
        }

        [Fact]
        public void AKilledCopyRunAgainResumesWithoutForce_AndEndsExactlyLikeAnUninterruptedOne()
        {
            using (var source = Populate("source.db"))
            using (var destination = StoreTestKit.NewStore(dir, "destination.db"))
            {
                var content = StoreTransfer.ContentOf(destination);
                var dying = new DyingTarget(content, failOnRowBatch: 2);
                var first = new StoreCopier(StoreTransfer.ContentOf(source), dying) { BatchSize = 2 };
                Assert.Throws<SimulatedKill>(() => first.Copy(first.Plan(force: false), CancellationToken.None));
                long rowsAfterKill = content.Count(StoreContentTable.OfflineRows);
                Assert.Equal(2, rowsAfterKill); // one whole batch of rows committed, the killed one not at all

                var again = new StoreCopier(StoreTransfer.ContentOf(source), content) { BatchSize = 2 };
                var plan = again.Plan(force: false);
                Assert.Equal(StoreCopyMode.Resumed, plan.Mode);
                var result = again.Copy(plan, CancellationToken.None);

                Assert.Equal("Completed", result.Status);
                Assert.Equal("Resumed", result.Mode);
                Assert.Equal(result.OfflineRows.SourceCount - rowsAfterKill, result.OfflineRows.Copied);
                Assert.Equal(0, result.OfflineRows.Skipped); // went on after the last batch, re-read nothing
                Assert.Equal(0, result.Imports.Copied + result.Imports.Skipped);
            }

            AssertTablesIdentical("source.db", "destination.db");
        }

        [Fact]
        public void ForceOnAPartialCopyOffersEverythingAgainFromTheStart_AndKeepsWhatIsThere()
        {
            using (var source = Populate("source.db"))
            using (var destination = StoreTestKit.NewStore(dir, "destination.db"))
            {
                var content = StoreTransfer.ContentOf(destination);
                var first = new StoreCopier(StoreTransfer.ContentOf(source), new DyingTarget(content, failOnRowBatch: 2)) { BatchSize = 2 };
                Assert.Throws<SimulatedKill>(() => first.Copy(first.Plan(force: false), CancellationToken.None));

                var forced = new StoreCopier(StoreTransfer.ContentOf(source), content) { BatchSize = 2 };
                var plan = forced.Plan(force: true);
                Assert.Equal(StoreCopyMode.Merged, plan.Mode);
                var result = forced.Copy(plan, CancellationToken.None);

                Assert.Equal("Completed", result.Status);
                Assert.Equal(2, result.OfflineRows.Skipped); // the batch the killed run committed, offered again and kept
                Assert.Equal(result.OfflineRows.SourceCount, result.OfflineRows.Copied + result.OfflineRows.Skipped);
            }

            AssertTablesIdentical("source.db", "destination.db");
        }

        [Fact]
        public void ADestinationWithOtherContentIsRefused_AndNothingIsWritten()
        {
            using var source = Populate("source.db");
            using var destination = StoreTestKit.NewStore(dir, "destination.db");
            destination.SetRecording("other.suite", true, 30);

            var copier = new StoreCopier(StoreTransfer.ContentOf(source), StoreTransfer.ContentOf(destination));
            var refused = Assert.Throws<StoreCopyRefusedException>(() => copier.Plan(force: false));

            Assert.Equal(StoreCopyRefusal.DestinationNotEmpty, refused.Reason);
            Assert.Contains("1 report suite", refused.Message);
            Assert.Contains("-Force", refused.Message);
            Assert.Equal(new[] { "other.suite" }, destination.GetReportSuiteIds());
            Assert.Empty(Query("destination.db", "SELECT name FROM sqlite_master WHERE name LIKE 'store_copy%';"));
        }

        [Fact]
        public void ForceMergesIntoADestinationWithSettings_KeepingItsOwn_AndVerifies()
        {
            using var source = Populate("source.db");
            using var destination = StoreTestKit.NewStore(dir, "destination.db");
            destination.SetRecording("other.suite", true, 30);
            destination.SetRecording(StoreTestKit.Suite, false, 400); // the destination's own settings of a suite the source has too

            var copier = new StoreCopier(StoreTransfer.ContentOf(source), StoreTransfer.ContentOf(destination));
            var result = copier.Copy(copier.Plan(force: true), CancellationToken.None);

            Assert.Equal("Merged", result.Mode);
            Assert.Equal("Completed", result.Status);
            Assert.Equal(1, result.ReportSuites.Skipped);
            Assert.Equal(3, result.ReportSuites.DestinationCount);
            Assert.Equal(400, destination.GetRecording(StoreTestKit.Suite)!.ExpirationDays); // kept, not overwritten
            Assert.Equal(result.OfflineRows.SourceCount, result.OfflineRows.DestinationCount);
        }

        [Fact]
        public void ACompletedCopyIsNotCopiedAgainWithoutForce_AndWithForceEverythingIsSkipped()
        {
            using var source = Populate("source.db");
            using var destination = StoreTestKit.NewStore(dir, "destination.db");
            var copier = new StoreCopier(StoreTransfer.ContentOf(source), StoreTransfer.ContentOf(destination));
            copier.Copy(copier.Plan(force: false), CancellationToken.None);

            var refused = Assert.Throws<StoreCopyRefusedException>(() => copier.Plan(force: false));
            Assert.Contains("already holds a complete copy", refused.Message);

            var again = copier.Copy(copier.Plan(force: true), CancellationToken.None);
            Assert.Equal("Completed", again.Status);
            Assert.All(again.Tables, t => Assert.Equal(0, t.Copied));
            Assert.All(again.Tables, t => Assert.Equal(t.SourceCount, t.Skipped));
            AssertTablesIdentical("source.db", "destination.db");
        }

        [Fact]
        public void ForceIsRefusedWhenTheDestinationHasAnImportOfItsOwn_SinceRowsKeepTheirImportIds()
        {
            using var source = Populate("source.db");
            using var destination = StoreTestKit.NewStore(dir, "destination.db");
            StoreTestKit.Import(destination, dir.WriteText("own.csv", Rows.Lines(StoreTestKit.OfflineRow(T, "Z1", null))));

            var copier = new StoreCopier(StoreTransfer.ContentOf(source), StoreTransfer.ContentOf(destination));
            var refused = Assert.Throws<StoreCopyRefusedException>(() => copier.Plan(force: true));

            Assert.Equal(StoreCopyRefusal.ImportConflict, refused.Reason);
            Assert.Contains("own.csv", refused.Message);
            Assert.Equal(1, StoreTestKit.CountRows(destination));
        }

        [Fact]
        public void ImportAndRowIdsContinueAfterTheCopiedMaximum()
        {
            long maxImport, maxRow;
            using (var source = Populate("source.db"))
            using (var destination = StoreTestKit.NewStore(dir, "destination.db"))
            {
                var copier = new StoreCopier(StoreTransfer.ContentOf(source), StoreTransfer.ContentOf(destination));
                copier.Copy(copier.Plan(force: false), CancellationToken.None);
                maxImport = (long)Query("source.db", "SELECT max(id) FROM import;")[0][0]!;
                maxRow = (long)Query("source.db", "SELECT max(id) FROM offline_row;")[0][0]!;
                var maxDelivery = (long)Query("source.db", "SELECT max(id) FROM delivery;")[0][0]!;
                Assert.True(destination.RecordDeliveryStart(new DeliveryLedgerEntry { Destination = "ftp://x/in", Sha256 = new string('9', 64), StartedAt = DateTimeOffset.UtcNow }).Id > maxDelivery);

                var next = StoreTestKit.Import(destination, dir.WriteText("next.csv", Rows.Lines(StoreTestKit.OfflineRow(T.AddDays(3), "N1", null))));

                Assert.True(next.ImportId > maxImport, $"new import {next.ImportId} after {maxImport}");
                var row = destination.GetOfflineRows(new OfflineRowQuery { ImportId = next.ImportId }).Single();
                Assert.True(row.Id > maxRow, $"new row {row.Id} after {maxRow}");
            }
        }

        [Fact]
        public void EveryColumnOfEveryContentTableIsCopied_SoANewColumnCannotBeLeftBehind()
        {
            using var store = StoreTestKit.NewStore(dir, "schema.db");
            // Every table of the schema is content a copy moves (a migration that adds a table must add it to the copy too).
            var tables = Query("schema.db", "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name;").Select(r => (string)r[0]!);
            Assert.Equal(tables, SqliteStoreContent.CopiedColumns.Keys.OrderBy(k => k, StringComparer.Ordinal));
            foreach (var pair in SqliteStoreContent.CopiedColumns)
            {
                var schema = Query("schema.db", $"SELECT name FROM pragma_table_info('{pair.Key}') ORDER BY cid;").Select(r => (string)r[0]!).ToArray();
                var copied = pair.Value.Split(',').Select(c => c.Trim()).ToArray();
                Assert.Equal(schema.OrderBy(c => c, StringComparer.Ordinal), copied.OrderBy(c => c, StringComparer.Ordinal));
            }

            Assert.Equal(8, SqliteStoreContent.CopiedColumns.Count);
        }

        [Fact]
        public void AStoreIsNotCopiedIntoItself()
        {
            using var source = Populate("source.db");
            using var again = SqliteOfflineDataStore.Open(source.Location, create: false);

            var refused = Assert.Throws<StoreCopyRefusedException>(() => new StoreCopier(StoreTransfer.ContentOf(source), StoreTransfer.ContentOf(again)).Plan(force: true));

            Assert.Equal(StoreCopyRefusal.SameStore, refused.Reason);
        }

        [Fact]
        public void ProgressIsToldPerBatch_UpToEachTablesTotal()
        {
            using var source = Populate("source.db");
            using var destination = StoreTestKit.NewStore(dir, "destination.db");
            var seen = new List<StoreCopyProgress>();
            var copier = new StoreCopier(StoreTransfer.ContentOf(source), StoreTransfer.ContentOf(destination)) { BatchSize = 2, Progress = seen.Add };

            var result = copier.Copy(copier.Plan(force: false), CancellationToken.None);

            // Compared by name: Mono boxes the elements of an enum array read as IEnumerable as Int32, so typed lists never compare equal there.
            Assert.Equal(StoreCopier.Tables.Select(t => t.ToString()), seen.Select(p => p.Table.ToString()).Distinct());
            var rows = seen.Where(p => p.Table == StoreContentTable.OfflineRows).ToList();
            Assert.Equal(result.OfflineRows.SourceCount, rows.Last().Done);
            Assert.True(rows.Count >= 3, "several row batches");
            Assert.All(seen, p => Assert.True(p.Done <= p.Total));
        }

        private SqliteOfflineDataStore Populate(string name) => StoreCopyFixtures.Populate(dir, name);

        private void AssertTablesIdentical(string sourceName, string destinationName) => StoreCopyFixtures.AssertTablesIdentical(dir.Combine(sourceName), dir.Combine(destinationName));

        private List<object?[]> Query(string name, string sql) => StoreCopyFixtures.Query(dir.Combine(name), sql);
    }
}
