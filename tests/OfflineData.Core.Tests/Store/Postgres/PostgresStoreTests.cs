using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OfflineData.Core.Import;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Postgres;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Store.Postgres
{
    /// <summary>
    /// Issue 9: what the PostgreSQL store does beyond the contract suite: its own schema, creating nothing when not asked,
    /// per-report-suite locks that wait and report waiting, chunked COPY and batched lookups, migrations under a lock.
    /// </summary>
    public sealed class PostgresStoreTests : IDisposable
    {
        private static readonly DateTime T = new DateTime(2024, 3, 1, 10, 0, 0);
        private readonly TestDatabase? database;
        private readonly TempDirectory dir = new TempDirectory();

        public PostgresStoreTests()
        {
            if (PostgresTestServer.SkipReason == null) database = PostgresTestServer.CreateDatabase();
        }

        private TestDatabase Db => database!;

        public void Dispose()
        {
            database?.Dispose();
            dir.Dispose();
        }

        private PostgresOfflineDataStore Open(bool create = true, StoreOpenOptions? options = null)
        {
            options ??= new StoreOpenOptions();
            options.Create = create;
            return Assert.IsType<PostgresOfflineDataStore>(StoreFactory.Open(Db.ConnectionString, options));
        }

        private long Scalar(string sql) => Convert.ToInt64(Db.Scalar(sql));

        [PostgresFact]
        public void A_summary_sorts_with_its_own_work_mem_for_its_query_only_and_groups_and_totals_come_from_one_statement()
        {
            using var store = Open();
            StoreTestKit.Import(store, dir.WriteText("sum.csv", Rows.Lines(
                StoreTestKit.OfflineRow(T, "C1", null, 2m), StoreTestKit.OfflineRow(T.AddDays(1), "C1", null, 3m), StoreTestKit.OfflineRow(T.AddDays(1), "C2", null, 4m))));
            string WorkMem()
            {
                using var command = store.Connection.CreateCommand();
                command.CommandText = "SHOW work_mem;";
                return (string)command.ExecuteScalar()!;
            }

            var before = WorkMem();
            var (groups, totals) = store.SummarizeWithTotals(new OfflineRowQuery(), new[] { OfflineData.Core.Measuring.SummaryDimension.Parse("Day") });

            Assert.NotEqual(PostgresOfflineDataStore.SummaryWorkMem, before);
            Assert.Equal(before, WorkMem()); // set_config(..., true) ended with the summary's implicit transaction
            Assert.Equal(new long[] { 1, 2 }, groups.OrderBy(g => g.Day).Select(g => g.Rows));
            Assert.Equal(new long[] { 1, 2 }, groups.OrderBy(g => g.Day).Select(g => g.DistinctCustomers));
            Assert.Equal((3L, 9m, 2L), (totals.Rows, totals.Num2, totals.DistinctCustomers));
        }

        [PostgresFact]
        public void A_delivery_claim_is_a_session_advisory_lock_on_its_own_connection_and_dies_when_that_connection_is_terminated()
        {
            var sha = new string('a', 64);
            using var store = Open();
            using var held = store.TryAcquireDelivery("sftp://up@host:22/in", sha);
            Assert.NotNull(held);
            var leaseConnections = $"SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.classid = {PostgresDeliveryLease.DeliveryLockKey} AND a.datname = current_database() AND a.application_name = 'OfflineData delivery lease'";
            Assert.Equal(1, Scalar(leaseConnections));
            Assert.Null(store.TryAcquireDelivery("sftp://up@host:22/in", sha));

            // What the server does when it finds the holder's connection gone (a killed process, a lost network, an admin).
            Scalar($"SELECT count(pg_terminate_backend(a.pid)) FROM pg_stat_activity a WHERE a.datname = current_database() AND a.application_name = 'OfflineData delivery lease';");

            IDisposable? taken = null;
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while ((taken = store.TryAcquireDelivery("sftp://up@host:22/in", sha)) == null && DateTime.UtcNow < deadline) Thread.Sleep(100);
            Assert.NotNull(taken);
            taken!.Dispose();
            held!.Dispose(); // disposing a lease whose connection the server ended does not throw
            Thread.Sleep(200);
            Assert.Equal(0, Scalar(leaseConnections));
        }

        [PostgresFact]
        public void Opened_without_create_a_database_without_the_schema_reads_as_empty_and_nothing_is_created()
        {
            using (var store = Open(create: false))
            {
                Assert.False(store.Exists);
                Assert.Empty(store.GetRecordings());
                Assert.Null(store.GetRecording(StoreTestKit.Suite));
                Assert.Empty(store.GetReportSuiteIds());
                Assert.Null(store.GetTransaction(StoreTestKit.Suite, "T1"));
                Assert.Empty(store.GetImports(new ImportLedgerQuery()));
                Assert.Empty(store.GetOfflineRows(new OfflineRowQuery()));
                Assert.Null(store.FindCompletedImport(StoreTestKit.Suite, "abc"));

                // A dry run (what -WhatIf does) reads, matches and counts, and writes nothing.
                var result = StoreTestKit.Import(store, dir.WriteText("a.csv", StoreTestKit.OfflineRows(T, 3, "C")), dryRun: true);
                Assert.Equal(ImportRunStatus.DryRun, result.StatusValue);
                Assert.Equal(3, result.DistinctCustomers);
                Assert.Throws<InvalidOperationException>(() => store.SetRecording(StoreTestKit.Suite, true, null));
            }

            Assert.Equal(0, Scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'offlinedata';"));
            Assert.Equal(0, Scalar("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%';"));
        }

        [PostgresFact]
        public void Created_the_store_lives_in_its_own_schema_at_the_current_version()
        {
            using (var store = Open())
            {
                Assert.True(store.Exists);
            }

            Assert.Equal(PostgresSchema.CurrentVersion, Scalar("SELECT version FROM offlinedata.schema_version;"));
            Assert.Equal(0, Scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'public';"));
            // The copy marker tables of the layout exist only in a Copy-OfflineDataStore destination.
            var tables = PostgresSchema.Layout.Select(t => t.Name).Where(n => !n.StartsWith("store_copy", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            Assert.Equal(tables.Length, Scalar("SELECT count(*) FROM pg_tables WHERE schemaname = 'offlinedata';"));

            // Opening again (with or without create) migrates nothing and keeps the data.
            using var again = Open(create: false);
            Assert.True(again.Exists);
        }

        [PostgresFact]
        public void A_schema_from_a_newer_release_is_refused_also_when_opened_to_write_and_is_left_as_it_is()
        {
            using (var store = Open())
            {
                store.SetRecording(StoreTestKit.Suite, true, null);
            }

            Db.Execute($"UPDATE offlinedata.schema_version SET version = {PostgresSchema.CurrentVersion + 5};");

            var e = Assert.Throws<StoreException>(() => Open().Dispose());
            Assert.Equal(StoreFailureKind.SchemaTooNew, e.Kind);
            Assert.Contains($"schema version {PostgresSchema.CurrentVersion + 5}", e.Message);
            Assert.Contains("Update the OfflineData module", e.Message);
            Assert.Equal(PostgresSchema.CurrentVersion + 5, Scalar("SELECT version FROM offlinedata.schema_version;"));
            Assert.Equal(1, Scalar("SELECT count(*) FROM offlinedata.report_suite;"));
        }

        [PostgresFact]
        public void Several_processes_creating_the_store_at_once_migrate_it_once()
        {
            var opened = Enumerable.Range(0, 4).Select(_ => Task.Run(() => { using var store = Open(); return store.Exists; })).ToArray();

            Assert.True(Task.WaitAll(opened, TimeSpan.FromSeconds(60)));
            Assert.All(opened, t => Assert.True(t.Result));
            Assert.Equal(PostgresSchema.CurrentVersion, Scalar("SELECT version FROM offlinedata.schema_version;"));
            Assert.Equal(1, Scalar("SELECT count(*) FROM offlinedata.schema_version;"));
        }

        [PostgresFact]
        public void A_writer_of_a_report_suite_waits_says_so_once_and_gives_up_as_Busy_while_other_suites_are_not_held_up()
        {
            using var first = Open();
            var waiting = new List<string>();
            using var second = Open(options: new StoreOpenOptions { LockWait = TimeSpan.FromMilliseconds(700), Waiting = waiting.Add });

            using (var holding = first.BeginImport(Entry("abc"), dryRun: false))
            {
                var e = Assert.Throws<StoreException>(() => second.BeginImport(Entry("abc"), dryRun: false));
                Assert.Equal(StoreFailureKind.Busy, e.Kind);
                Assert.Contains("busy", e.Message);
                Assert.Contains(StoreTestKit.Suite, e.Message);
                Assert.Contains(second.DisplayName, e.Message);
                Assert.Single(waiting);
                Assert.Contains("waiting", waiting[0]);
                Assert.Throws<StoreException>(() => second.SetRecording(StoreTestKit.Suite, true, null));

                // Another report suite has its own lock.
                using var other = second.BeginImport(Entry("abc", "acme.test"), dryRun: false);
                Assert.NotNull(other.ImportId);
            }

            // Released with the first transaction (rolled back here): the second writes at once.
            Assert.Equal(30, second.SetRecording(StoreTestKit.Suite, true, 30).ExpirationDays);
        }

        [PostgresFact]
        public void A_waiting_import_goes_on_when_the_lock_is_released_and_sees_what_was_committed()
        {
            using var first = Open();
            var waiting = new System.Collections.Concurrent.ConcurrentQueue<string>();
            using var second = Open(options: new StoreOpenOptions { Waiting = waiting.Enqueue });
            var rows = StoreRows(3);

            var holding = first.BeginImport(Entry("abc"), dryRun: false);
            foreach (var row in rows) holding.AddRow(row.Record, row.Match);
            var waiter = Task.Run(() =>
            {
                using var session = second.BeginImport(Entry("abc"), dryRun: false);
                return session.AlreadyImported?.Id;
            });
            // Committed only once the waiter is inside its wait (on a loaded machine its task may start late).
            Assert.True(SpinWait.SpinUntil(() => !waiting.IsEmpty, TimeSpan.FromSeconds(60)), "the second import never waited");
            Assert.False(waiter.Wait(300));
            var stored = holding.Commit(new ImportFileCounts { Rows = 3 })!;
            holding.Dispose();

            Assert.True(waiter.Wait(TimeSpan.FromSeconds(30)));
            Assert.Equal(stored.Id, waiter.Result);
            Assert.Single(waiting);
        }

        [PostgresFact]
        public void An_import_of_more_rows_than_a_chunk_is_stored_whole_counted_by_the_database_and_replaced_by_Force()
        {
            int count = PostgresImportSession.ChunkRows * 2 + 345;
            var path = dir.WriteText("big.csv", StoreTestKit.OfflineRows(T, count, "C"));
            using var store = Open();

            var dryRun = StoreTestKit.Import(store, path, dryRun: true);
            Assert.Equal(count, dryRun.Imported);
            Assert.Equal(count, dryRun.DistinctCustomers);
            Assert.Equal(0, Scalar("SELECT count(*) FROM offlinedata.offline_row;"));
            Assert.Empty(store.GetImports(new ImportLedgerQuery()));

            var first = StoreTestKit.Import(store, path);
            Assert.Equal(ImportRunStatus.Imported, first.StatusValue);
            Assert.Equal(count, Scalar("SELECT count(*) FROM offlinedata.offline_row;"));
            var entry = store.GetImports(new ImportLedgerQuery()).Single();
            Assert.Equal(count, entry.Imported);
            Assert.Equal(count, entry.DistinctCustomers);
            Assert.Equal(count * 10m, entry.Revenue);

            Assert.Equal(ImportRunStatus.Skipped, StoreTestKit.Import(store, path).StatusValue);
            var forced = StoreTestKit.Import(store, path, force: true);
            Assert.Equal(ImportRunStatus.Imported, forced.StatusValue);
            Assert.Equal(first.ImportId, forced.PreviousImportId);
            Assert.Equal(count, Scalar("SELECT count(*) FROM offlinedata.offline_row;"));
            Assert.Equal(count, Scalar($"SELECT count(*) FROM offlinedata.offline_row WHERE import_id = {forced.ImportId};"));
            var ledger = store.GetImports(new ImportLedgerQuery()).ToList();
            Assert.Equal(new[] { ImportStatus.Completed, ImportStatus.Superseded }, ledger.Select(e => e.StatusValue).ToArray());
            Assert.Equal(forced.ImportId, ledger[1].SupersededBy);
            // The import summarized the BRIN ranges it filled: a row is found by its ID without scanning the table.
            Assert.Equal(0, Scalar("SELECT count(*) FROM offlinedata.offline_row WHERE id = 0;") + Scalar(@"SELECT count(*) FROM (SELECT brin_summarize_new_values('offlinedata.offline_row_row_id'::regclass) AS n) s WHERE n > 0;"));
            var newest = store.GetOfflineRows(new OfflineRowQuery { First = 1 }).Single();
            Assert.Equal("C" + count, newest.CustomerId);
            Assert.Equal(path, newest.SourcePath);
            Assert.Equal(store.Location, newest.Store);
        }

        [PostgresFact]
        public void Announced_lookups_are_fetched_in_one_round_trip_and_answered_from_memory_unannounced_ones_one_by_one()
        {
            using var store = Open();
            store.SetRecording(StoreTestKit.Suite, true, null);
            StoreTestKit.RecordOnline(store, StoreTestKit.Suite, StoreTestKit.Online(T, "V1", "T1"), StoreTestKit.Online(T, "V2", "T2"));

            using var session = store.BeginImport(Entry("abc"), dryRun: true);
            session.PrepareLookups(new[] { "T1", "T9" }, new[] { "V1", "C9" });
            // Removed behind the session's back: what was announced is answered from what the one query fetched.
            Db.Execute("DELETE FROM offlinedata.online_transaction; DELETE FROM offlinedata.visitor;");

            Assert.Equal("V1", session.FindTransaction("T1")!.VisitorId);
            Assert.Null(session.FindTransaction("T9"));
            Assert.True(session.IsKnownVisitor("V1"));
            Assert.False(session.IsKnownVisitor("C9"));
            Assert.Null(session.FindTransaction("T2"));
            Assert.False(session.IsKnownVisitor("V2"));

            // The next chunk's transactions replace the last one's. Visitor answers are kept for the whole import (an
            // import writes no visitors): only customers not asked about before are fetched.
            Db.Execute($"INSERT INTO offlinedata.visitor (visitor_id, report_suite, first_seen, last_seen) VALUES ('V3', '{StoreTestKit.Suite}', now(), now());");
            session.PrepareLookups(new[] { "T1" }, new[] { "V1", "V3" });
            Assert.Null(session.FindTransaction("T1"));
            Assert.True(session.IsKnownVisitor("V1"));
            Assert.True(session.IsKnownVisitor("V3"));
            Assert.False(session.IsKnownVisitor("V2"));
        }

        [PostgresFact]
        public void Visitors_are_written_in_batches_each_once_with_the_first_and_last_time_seen()
        {
            using var store = Open();
            store.SetRecording(StoreTestKit.Suite, true, null);
            int count = PostgresOnlineRecordingSession.VisitorBatch + 5;

            using (var session = store.BeginOnlineRecording(StoreTestKit.Suite))
            {
                Assert.Equal(OnlineRecordOutcome.VisitorRecorded, session.Record(StoreTestKit.Online(T, "V0")));
                for (int i = 1; i < count; i++) session.Record(StoreTestKit.Online(T.AddMinutes(i), "V" + i));
                Assert.Equal(OnlineRecordOutcome.TransactionRecorded, session.Record(StoreTestKit.Online(T.AddDays(-1), "V0", "T1")));
                session.Record(StoreTestKit.Online(T.AddDays(2), "V0"));
                session.Record(StoreTestKit.Online(T.AddDays(1), "V" + (count - 1)));
                session.Commit();
            }

            Assert.Equal(count, store.GetRecording(StoreTestKit.Suite)!.KnownVisitors);
            Assert.Equal(count, Scalar("SELECT count(*) FROM offlinedata.visitor;"));
            Assert.Equal("2024-02-29 10:00:00 2024-03-03 10:00:00", Db.Scalar("SELECT to_char(first_seen, 'YYYY-MM-DD HH24:MI:SS') || ' ' || to_char(last_seen, 'YYYY-MM-DD HH24:MI:SS') FROM offlinedata.visitor WHERE visitor_id = 'V0';"));
            using var import = store.BeginImport(Entry("x"), dryRun: true);
            Assert.True(import.IsKnownVisitor("V" + (count - 1)));
            Assert.False(import.IsKnownVisitor("V" + count));
        }

        [PostgresFact]
        public void The_display_name_and_location_name_the_server_and_database_and_every_returned_object_carries_the_location()
        {
            using var store = Open();
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(Db.ConnectionString);

            Assert.Equal($"postgresql://{builder.Username}@{builder.Host}:{builder.Port}/{Db.Name}", store.DisplayName);
            Assert.Equal(store.DisplayName, StoreFactory.GetDisplayName(Db.ConnectionString));
            Assert.Equal(store.DisplayName + "?Pooling=False", store.Location);
            Assert.Equal(store.DisplayName, store.SetRecording(StoreTestKit.Suite, true, null).Store.Split('?')[0]);
            Assert.Equal(store.Location, store.GetRecordings().Single().Store);
            using var reopened = StoreFactory.Open(store.Location, new StoreOpenOptions());
            Assert.True(reopened.Exists);
            Assert.Equal(store.Location, reopened.Location);
        }

        [PostgresFact]
        public void A_killed_connection_leaves_nothing_and_the_next_run_imports_the_file_whole()
        {
            var path = dir.WriteText("a.csv", StoreTestKit.OfflineRows(T, PostgresImportSession.ChunkRows + 10, "C"));
            using (var store = Open())
            {
                var observer = new CollectingObserver
                {
                    AfterRow = n =>
                    {
                        // Past the first COPY: the server ends this client's backend as a kill -9 of the client would.
                        if (n == PostgresImportSession.ChunkRows + 5) Db.Execute($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{Db.Name}' AND pid <> pg_backend_pid();");
                    },
                };
                var failed = StoreTestKit.Import(store, path, observer: observer);
                Assert.Equal(ImportRunStatus.Failed, failed.StatusValue);
                Assert.Equal(StoreFailureKind.Unavailable, failed.StoreFailureKindValue);
            }

            Assert.Equal(0, Scalar("SELECT count(*) FROM offlinedata.offline_row;"));
            Assert.Equal(0, Scalar("SELECT count(*) FROM offlinedata.import;"));
            using var again = Open();
            var rerun = StoreTestKit.Import(again, path);
            Assert.Equal(ImportRunStatus.Imported, rerun.StatusValue);
            Assert.Equal(PostgresImportSession.ChunkRows + 10, Scalar("SELECT count(*) FROM offlinedata.offline_row;"));
        }

        [PostgresFact]
        public void Rows_stream_into_one_COPY_for_the_whole_file_long_before_ten_thousand_rows_are_buffered()
        {
            // Round 4 (docs/performance.md): one COPY per file, written in pieces of PieceBytes, so the rows in flight are
            // two small arrays, not two chunks of 10,000 rows. At row 3,000 the import's backend is already inside it.
            var path = dir.WriteText("a.csv", StoreTestKit.OfflineRows(T, 12_345, "C"));
            string? seen = null;
            using (var store = Open())
            {
                var observer = new CollectingObserver
                {
                    AfterRow = n =>
                    {
                        if (n != 3_000) return;
                        // The first pieces are written on a pool thread: wait for the COPY to show (at most 30 s).
                        var until = DateTime.UtcNow.AddSeconds(30);
                        do
                        {
                            seen = Db.Scalar($"SELECT string_agg(left(query, 28), ',') FROM pg_stat_activity WHERE datname = '{Db.Name}' AND query LIKE 'COPY offlinedata.offline_row%' AND state = 'active';") as string;
                            if (seen != null) break;
                            Thread.Sleep(20);
                        }
                        while (DateTime.UtcNow < until);
                    },
                };
                var result = StoreTestKit.Import(store, path, observer: observer);
                Assert.Equal(ImportRunStatus.Imported, result.StatusValue);
            }

            Assert.Equal("COPY offlinedata.offline_row", seen);
            Assert.Equal(12_345, Scalar("SELECT count(*) FROM offlinedata.offline_row;"));
            Assert.Equal(12_345, Scalar("SELECT count(DISTINCT row_index) FROM offlinedata.offline_row;"));
        }

        [PostgresFact]
        public void An_import_stopped_inside_its_COPY_leaves_nothing_and_the_same_store_imports_the_file_whole_next()
        {
            var path = dir.WriteText("a.csv", StoreTestKit.OfflineRows(T, 5_000, "C"));
            using var store = Open();
            var observer = new CollectingObserver
            {
                // Past several pieces: the COPY is open when the import stops.
                AfterRow = n => { if (n == 4_000) throw new InvalidOperationException("stopped by the test"); },
            };
            Assert.Throws<InvalidOperationException>(() => StoreTestKit.Import(store, path, observer: observer));

            Assert.Equal(0, Scalar("SELECT count(*) FROM offlinedata.offline_row;"));
            Assert.Equal(0, Scalar("SELECT count(*) FROM offlinedata.import;"));
            // The session failed its COPY and rolled back, so the store's connection is ready for the next file.
            var rerun = StoreTestKit.Import(store, path);
            Assert.Equal(ImportRunStatus.Imported, rerun.StatusValue);
            Assert.Equal(5_000, Scalar("SELECT count(*) FROM offlinedata.offline_row;"));
        }

        private static ImportLedgerEntry Entry(string sha256, string reportSuite = StoreTestKit.Suite) => new ImportLedgerEntry
        {
            ReportSuite = reportSuite,
            FileName = "pg.csv",
            Path = "pg.csv",
            Size = 1,
            Sha256 = sha256,
            StartedAt = DateTimeOffset.UtcNow,
        };

        private List<StoredOfflineRow> StoreRows(int count)
        {
            using var scratch = new TempDirectory();
            using var sqlite = StoreTestKit.NewStore(scratch);
            var observer = new CollectingObserver { KeepRows = true };
            StoreTestKit.Import(sqlite, scratch.WriteText("rows.csv", StoreTestKit.OfflineRows(T, count, "C")), dryRun: true, observer: observer);
            return observer.Rows;
        }
    }
}
