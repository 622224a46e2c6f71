using System;
using System.Linq;
using System.Threading;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Postgres;
using OfflineData.Core.Store.Transfer;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Tests.Store.Postgres;
using Xunit;

namespace OfflineData.Core.Tests.Store.Transfer
{
    /// <summary>
    /// Moving an SQLite store up to PostgreSQL (a database of its own per test on the OFFLINEDATA_TEST_POSTGRES server):
    /// the copy is exact (proved by copying it back into a new SQLite file and comparing every column), resumes after a
    /// kill mid-rows, and the server's sequences continue after the copied IDs.
    /// </summary>
    public sealed class PostgresStoreCopyTests : IDisposable
    {
        private readonly TempDirectory dir = new TempDirectory();
        private readonly Lazy<TestDatabase> database = new Lazy<TestDatabase>(PostgresTestServer.CreateDatabase);

        public void Dispose()
        {
            if (database.IsValueCreated) database.Value.Dispose();
            dir.Dispose();
        }

        private PostgresOfflineDataStore OpenServer(bool create = true) => PostgresOfflineDataStore.Open(database.Value.ConnectionString, new StoreOpenOptions { Create = create });

        [PostgresFact]
        public void SqliteToPostgresAndBackIsExact_ColumnByColumn()
        {
            using (var source = StoreCopyFixtures.Populate(dir, "source.db"))
            using (var server = OpenServer())
            using (var back = StoreTestKit.NewStore(dir, "back.db"))
            {
                var up = new StoreCopier(StoreTransfer.ContentOf(source), StoreTransfer.ContentOf(server)) { BatchSize = 3 };
                var result = up.Copy(up.Plan(force: false), CancellationToken.None);
                Assert.Equal("Completed", result.Status);
                Assert.All(result.Tables, t => Assert.True(t.Verified && t.Copied == t.SourceCount, t.ToString()));

                // What the contract reads from the server is what it reads from SQLite (IDs, statuses, links, counts).
                Assert.Equal(Describe(source.GetImports(new ImportLedgerQuery())), Describe(server.GetImports(new ImportLedgerQuery())));
                Assert.Equal(
                    source.GetOfflineRows(new OfflineRowQuery()).Select(r => $"{r.Id} {r.ImportId} {r.Outcome} {r.Reason} {r.Num2} {r.CreditedVisitorId} {string.Join(",", r.State.Select(p => p.Key + "=" + p.Value))}"),
                    server.GetOfflineRows(new OfflineRowQuery()).Select(r => $"{r.Id} {r.ImportId} {r.Outcome} {r.Reason} {r.Num2} {r.CreditedVisitorId} {string.Join(",", r.State.Select(p => p.Key + "=" + p.Value))}"));
                Assert.Equal(DescribeDeliveries(source.GetDeliveries(new DeliveryLedgerQuery())), DescribeDeliveries(server.GetDeliveries(new DeliveryLedgerQuery())));
                Assert.Equal(3, result.Deliveries.Copied);
                Assert.Equal(2, result.ExportBatches.Copied);
                const string exportKey = "acme.prod|20240101|days=7|out ünï";
                Assert.Equal(
                    source.GetExportBatches(exportKey).Select(b => $"{b.Batch} {b.From:s} {b.To:s} {b.Rows} {string.Join(",", b.Files)} {b.Bytes} {b.LastTimestamp:s} {b.LastRowId} {b.WrittenAt:o}"),
                    server.GetExportBatches(exportKey).Select(b => $"{b.Batch} {b.From:s} {b.To:s} {b.Rows} {string.Join(",", b.Files)} {b.Bytes} {b.LastTimestamp:s} {b.LastRowId} {b.WrittenAt:o}"));
                Assert.Equal(4, result.Consents.Copied);
                Assert.Equal(
                    source.GetConsents(new ConsentQuery { History = true }).Select(c => $"{c.Id} {c.CustomerId} {c.Scope} {c.Value} {c.Time:o} {c.Source} {c.RecordedAt:o}"),
                    server.GetConsents(new ConsentQuery { History = true }).Select(c => $"{c.Id} {c.CustomerId} {c.Scope} {c.Value} {c.Time:o} {c.Source} {c.RecordedAt:o}"));
                Assert.Equal(new[] { "C9" }, server.GetSuppressedCustomerIds(ConsentPolicy.Default));

                var down = new StoreCopier(StoreTransfer.ContentOf(server), StoreTransfer.ContentOf(back)) { BatchSize = 2 };
                Assert.Equal("Completed", down.Copy(down.Plan(force: false), CancellationToken.None).Status);
            }

            StoreCopyFixtures.AssertTablesIdentical(dir.Combine("source.db"), dir.Combine("back.db"));
        }

        [PostgresFact]
        public void AKilledCopyIntoPostgresResumesWithoutForce_AndEndsExactly()
        {
            using (var source = StoreCopyFixtures.Populate(dir, "source.db"))
            using (var server = OpenServer())
            {
                var content = StoreTransfer.ContentOf(server);
                var first = new StoreCopier(StoreTransfer.ContentOf(source), new DyingTarget(content, failOnRowBatch: 2)) { BatchSize = 2 };
                Assert.Throws<SimulatedKill>(() => first.Copy(first.Plan(force: false), CancellationToken.None));
                Assert.Equal(2, content.Count(StoreContentTable.OfflineRows));

                var again = new StoreCopier(StoreTransfer.ContentOf(source), content) { BatchSize = 2 };
                var plan = again.Plan(force: false);
                Assert.Equal(StoreCopyMode.Resumed, plan.Mode);
                var result = again.Copy(plan, CancellationToken.None);
                Assert.Equal("Completed", result.Status);
                Assert.Equal(0, result.OfflineRows.Skipped);

                using var back = StoreTestKit.NewStore(dir, "back.db");
                var down = new StoreCopier(StoreTransfer.ContentOf(server), StoreTransfer.ContentOf(back));
                down.Copy(down.Plan(force: false), CancellationToken.None);
            }

            StoreCopyFixtures.AssertTablesIdentical(dir.Combine("source.db"), dir.Combine("back.db"));
        }

        [PostgresFact]
        public void ImportAndRowIdsContinueAfterTheCopiedMaximumOnTheServer()
        {
            using var source = StoreCopyFixtures.Populate(dir, "source.db");
            using var server = OpenServer();
            var copier = new StoreCopier(StoreTransfer.ContentOf(source), StoreTransfer.ContentOf(server));
            copier.Copy(copier.Plan(force: false), CancellationToken.None);
            long maxImport = source.GetImports(new ImportLedgerQuery()).Max(e => e.Id);
            long maxRow = source.GetOfflineRows(new OfflineRowQuery()).Max(r => r.Id!.Value);

            var next = StoreTestKit.Import(server, dir.WriteText("next.csv", Rows.Lines(StoreTestKit.OfflineRow(new DateTime(2024, 3, 9, 10, 0, 0), "N1", null))), rejectDirectory: dir.Combine("quarantine"));

            Assert.True(next.ImportId > maxImport, $"new import {next.ImportId} after {maxImport}");
            Assert.True(server.GetOfflineRows(new OfflineRowQuery { ImportId = next.ImportId }).Single().Id > maxRow);
            long maxDelivery = source.GetDeliveries(new DeliveryLedgerQuery()).Max(d => d.Id);
            Assert.True(server.RecordDeliveryStart(new DeliveryLedgerEntry { Destination = "ftp://x/in", Sha256 = new string('9', 64), StartedAt = DateTimeOffset.UtcNow }).Id > maxDelivery);
        }

        [PostgresFact]
        public void APostgresDestinationWithContentIsRefused_AndAMissingOneReadsAsEmpty()
        {
            using var source = StoreCopyFixtures.Populate(dir, "source.db");
            using (var missing = OpenServer(create: false))
            {
                var plan = new StoreCopier(StoreTransfer.ContentOf(source), StoreTransfer.ContentOf(missing)).Plan(force: false);
                Assert.Equal(StoreCopyMode.New, plan.Mode);
                Assert.All(plan.DestinationCounts.Values, n => Assert.Equal(0, n));
            }

            using var server = OpenServer();
            server.SetRecording("other.suite", true, 30);
            var refused = Assert.Throws<StoreCopyRefusedException>(() => new StoreCopier(StoreTransfer.ContentOf(source), StoreTransfer.ContentOf(server)).Plan(force: false));
            Assert.Equal(StoreCopyRefusal.DestinationNotEmpty, refused.Reason);
            Assert.Null(database.Value.Scalar("SELECT to_regclass('offlinedata.store_copy')::text;") as string);
        }

        [PostgresFact]
        public void EveryColumnOfEveryContentTableIsCopied_SoANewColumnCannotBeLeftBehind()
        {
            using var server = OpenServer();
            // Every table of the schema but the version is content a copy moves (a new table must be added to the copy too).
            var tables = ((string)database.Value.Scalar("SELECT string_agg(tablename, ',' ORDER BY tablename COLLATE \"C\") FROM pg_tables WHERE schemaname = 'offlinedata' AND tablename <> 'schema_version';")!).Split(',');
            Assert.Equal(tables, PostgresStoreContent.CopiedColumns.Keys.OrderBy(k => k, StringComparer.Ordinal));
            foreach (var pair in PostgresStoreContent.CopiedColumns)
            {
                var schema = ((string)database.Value.Scalar($"SELECT string_agg(column_name, ',' ORDER BY column_name COLLATE \"C\") FROM information_schema.columns WHERE table_schema = 'offlinedata' AND table_name = '{pair.Key}';")!).Split(',');
                var copied = pair.Value.Split(',').Select(c => c.Trim()).OrderBy(c => c, StringComparer.Ordinal).ToArray();
                Assert.Equal(schema, copied);
            }
        }

        private static string[] DescribeDeliveries(System.Collections.Generic.IEnumerable<DeliveryLedgerEntry> entries) => entries
            .OrderBy(e => e.Id)
            .Select(e => string.Join("|", e.Id, e.Destination, e.SourcePath, e.FileName, e.RemoteName, e.MarkerName, e.Sha256, e.Size, e.StartedAt.ToString("O"), e.EndedAt?.ToString("O"), e.Status, e.Attempts, e.Message))
            .ToArray();

        private static string[] Describe(System.Collections.Generic.IEnumerable<ImportLedgerEntry> entries) => entries
            .OrderBy(e => e.Id)
            .Select(e => string.Join("|", e.Id, e.ReportSuite, e.FileName, e.Path, e.Size, e.Sha256, e.StartedAt.ToString("O"), e.EndedAt?.ToString("O"), e.Status, e.Rows, e.Imported,
                e.MatchedByTransactionId, e.MatchedByCustomerId, e.Unattributed, e.UnattributedByReason, e.Rejected, e.Duplicates, e.Warnings, e.Revenue, e.DistinctCustomers,
                e.QuarantinePath, e.TransactionIdColumn, e.SupersededBy, e.Message))
            .ToArray();
    }
}
