using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using OfflineData.Core.Store;
using Xunit;

namespace OfflineData.Core.Tests.Store.Contract
{
    /// <summary>
    /// The delivery ledger (<see cref="IDeliveryLedger"/>) on every store: start and end, what decides skip versus send,
    /// every filter, order, a killed start, refusals and two writers at once.
    /// </summary>
    public abstract partial class StoreContractTests
    {
        private const string Sftp = "sftp://upload@example.com:2222/in";
        private const string Share = "//files.example.com/drop";
        private static readonly string ContentA = new string('a', 64);
        private static readonly string ContentB = new string('b', 64);
        private static readonly DateTimeOffset D = new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero);

        private static DeliveryLedgerEntry Delivery(string destination = Sftp, string? sha256 = null, string file = "sales.csv", DateTimeOffset? started = null) => new DeliveryLedgerEntry
        {
            Destination = destination,
            SourcePath = "/data/out/" + file,
            FileName = file,
            RemoteName = file,
            Sha256 = sha256 ?? ContentA,
            Size = 1234,
            StartedAt = started ?? D,
            Attempts = 0,
        };

        private static DeliveryLedgerEntry Ended(DeliveryLedgerEntry started, DeliveryStatus status, DateTimeOffset? at = null, string? message = null) => new DeliveryLedgerEntry
        {
            Id = started.Id,
            RemoteName = started.RemoteName,
            MarkerName = started.MarkerName,
            Size = started.Size,
            Attempts = 1,
            EndedAt = at ?? started.StartedAt.AddSeconds(3),
            StatusValue = status,
            Message = message,
        };

        [StoreFact]
        public void ADeliveryStartsAsStarted_AndEndsSent_WithEveryFieldKept()
        {
            using var store = CreateStore();
            var entry = Delivery(file: "sales.csv");
            entry.Sha256 = ContentA.ToUpperInvariant(); // stored as lowercase hex, as it is compared

            var started = store.RecordDeliveryStart(entry);

            Assert.True(started.Id > 0);
            Assert.Equal(0, entry.Id); // the caller's entry is not modified
            Assert.Equal("Started", started.Status);
            Assert.Equal(DeliveryStatus.Started, started.StatusValue);
            Assert.Null(started.EndedAt);
            Assert.Null(started.Duration);
            Assert.Equal(Sftp, started.Destination);
            Assert.Equal("/data/out/sales.csv", started.SourcePath);
            Assert.Equal(ContentA, started.Sha256);
            Assert.Equal(1234, started.Size);
            Assert.Equal(D, started.StartedAt);
            Assert.Equal(TimeSpan.Zero, started.StartedAt.Offset);
            Assert.Equal(store.Location, started.Store);

            var end = Ended(started, DeliveryStatus.Sent, D.AddSeconds(2.5));
            end.RemoteName = "sales_20240301.csv";
            end.MarkerName = "sales_20240301.fin";
            end.Size = 999;
            end.Attempts = 2;
            var sent = store.RecordDeliveryEnd(end);

            Assert.Equal(started.Id, sent.Id);
            Assert.Equal("Sent", sent.Status);
            Assert.Equal(D.AddSeconds(2.5), sent.EndedAt);
            Assert.Equal(TimeSpan.Zero, sent.EndedAt!.Value.Offset);
            Assert.Equal(TimeSpan.FromSeconds(2.5), sent.Duration);
            Assert.Equal("sales_20240301.csv", sent.RemoteName);
            Assert.Equal("sales_20240301.fin", sent.MarkerName);
            Assert.Equal(999, sent.Size);
            Assert.Equal(2, sent.Attempts);
            Assert.Null(sent.Message);
            Assert.Equal("sales.csv", sent.FileName); // what an end does not name stays as started
            Assert.Equal(ContentA, sent.Sha256);

            var read = Assert.Single(store.GetDeliveries(new DeliveryLedgerQuery()));
            Assert.Equal(sent.Id, read.Id);
            Assert.Equal(sent.Status, read.Status);
            Assert.Equal(sent.RemoteName, read.RemoteName);
            Assert.Equal(sent.EndedAt, read.EndedAt);
            Assert.Equal(store.Location, read.Store);
        }

        [StoreFact]
        public void AFailedDeliveryKeepsItsMessage_AndIsNoReasonToSkip()
        {
            using var store = CreateStore();
            var started = store.RecordDeliveryStart(Delivery());

            var failed = store.RecordDeliveryEnd(Ended(started, DeliveryStatus.Failed, message: "Connection refused by example.com:2222."));

            Assert.Equal("Failed", failed.Status);
            Assert.Equal("Connection refused by example.com:2222.", failed.Message);
            Assert.NotNull(failed.EndedAt);
            Assert.Null(store.FindDelivery(Sftp, ContentA));
        }

        [StoreFact]
        public void FindDeliveryFindsTheNewestSentOrStarted_NeverAFailedOne_PerDestinationAndContent()
        {
            using var store = CreateStore();
            var sentEarly = store.RecordDeliveryStart(Delivery(started: D));
            store.RecordDeliveryEnd(Ended(sentEarly, DeliveryStatus.Sent));
            var sentLater = store.RecordDeliveryStart(Delivery(started: D.AddHours(1)));
            store.RecordDeliveryEnd(Ended(sentLater, DeliveryStatus.Sent));
            var failedNewest = store.RecordDeliveryStart(Delivery(started: D.AddHours(2)));
            store.RecordDeliveryEnd(Ended(failedNewest, DeliveryStatus.Failed, message: "disk full"));
            // The same content elsewhere, and other content here, are other deliveries.
            var elsewhere = store.RecordDeliveryStart(Delivery(destination: Share, started: D.AddHours(3)));
            var other = store.RecordDeliveryStart(Delivery(sha256: ContentB, started: D.AddHours(4)));

            Assert.Equal(sentLater.Id, store.FindDelivery(Sftp, ContentA)!.Id);
            Assert.Equal(sentLater.Id, store.FindDelivery(Sftp, ContentA.ToUpperInvariant())!.Id);
            Assert.Equal("Sent", store.FindDelivery(Sftp, ContentA)!.Status);
            Assert.Equal(elsewhere.Id, store.FindDelivery(Share, ContentA)!.Id);
            Assert.Equal(other.Id, store.FindDelivery(Sftp, ContentB)!.Id);
            Assert.Null(store.FindDelivery(Share, ContentB));
            Assert.Null(store.FindDelivery("sftp://upload@example.com:2222/IN", ContentA)); // the destination is compared exactly

            // A newer Started entry (a run in progress, or killed) is what is found now.
            var running = store.RecordDeliveryStart(Delivery(started: D.AddHours(5)));
            var found = store.FindDelivery(Sftp, ContentA)!;
            Assert.Equal(running.Id, found.Id);
            Assert.Equal("Started", found.Status);
        }

        [StoreFact]
        public void AKilledDelivery_StartedAndNeverEnded_StaysStarted_AndIsFoundByTheNextRun()
        {
            long id;
            using (var killed = CreateStore())
            {
                id = killed.RecordDeliveryStart(Delivery()).Id;
                // The process dies here: no end is recorded, the store is not even closed properly by the sender.
            }

            using var next = OpenAgain();
            var found = next.FindDelivery(Sftp, ContentA);
            Assert.NotNull(found);
            Assert.Equal(id, found!.Id);
            Assert.Equal(DeliveryStatus.Started, found.StatusValue);
            Assert.Null(found.EndedAt);
            Assert.Equal(id, Assert.Single(next.GetDeliveries(new DeliveryLedgerQuery { Status = DeliveryStatus.Started })).Id);

            // The next run sends again (a new entry) and may still end the old one (e.g. as Failed).
            var again = next.RecordDeliveryStart(Delivery(started: D.AddMinutes(10)));
            Assert.NotEqual(id, again.Id);
            next.RecordDeliveryEnd(Ended(found, DeliveryStatus.Failed, message: "killed"));
            next.RecordDeliveryEnd(Ended(again, DeliveryStatus.Sent));
            Assert.Equal(again.Id, next.FindDelivery(Sftp, ContentA)!.Id);
        }

        [StoreFact]
        public void TheDeliveryLedgerIsNewestFirst_AndFilterableByEveryFilter()
        {
            using var store = CreateStore();
            var a = store.RecordDeliveryStart(Delivery(destination: Sftp, file: "north.csv", started: D));
            store.RecordDeliveryEnd(Ended(a, DeliveryStatus.Sent));
            var b = Delivery(destination: Share, sha256: ContentB, file: "south.csv", started: D.AddDays(1));
            b.RemoteName = "south_0001.txt";
            var bStarted = store.RecordDeliveryStart(b);
            store.RecordDeliveryEnd(Ended(bStarted, DeliveryStatus.Failed, message: "no space"));
            var c = store.RecordDeliveryStart(Delivery(destination: "ftp://drop@ftp.example.com/in", file: "north-2.csv", started: D.AddDays(2)));
            // Same start time as c: the later ID comes first.
            var d = store.RecordDeliveryStart(Delivery(destination: Sftp, file: "west.csv", started: D.AddDays(2)));

            long[] Ids(DeliveryLedgerQuery query) => store.GetDeliveries(query).Select(e => e.Id).ToArray();

            Assert.Equal(new[] { d.Id, c.Id, bStarted.Id, a.Id }, Ids(new DeliveryLedgerQuery()));
            Assert.Equal(new[] { d.Id, a.Id }, Ids(new DeliveryLedgerQuery { Destination = Sftp }));
            Assert.Equal(new[] { d.Id, a.Id }, Ids(new DeliveryLedgerQuery { Destination = "sftp://*" }));
            Assert.Equal(new[] { c.Id }, Ids(new DeliveryLedgerQuery { Destination = "ftp://drop@ftp.example.co?/in" }));
            Assert.Empty(Ids(new DeliveryLedgerQuery { Destination = "SFTP://*" })); // case-sensitive, as every store filter
            Assert.Equal(new[] { c.Id, a.Id }, Ids(new DeliveryLedgerQuery { FileName = "north*" }));
            Assert.Equal(new[] { a.Id }, Ids(new DeliveryLedgerQuery { FileName = "north.csv" }));
            Assert.Equal(new[] { bStarted.Id }, Ids(new DeliveryLedgerQuery { RemoteName = "*_0001.txt" }));
            Assert.Equal(new[] { bStarted.Id }, Ids(new DeliveryLedgerQuery { Sha256 = ContentB.ToUpperInvariant() }));
            Assert.Equal(new[] { d.Id, c.Id }, Ids(new DeliveryLedgerQuery { Status = DeliveryStatus.Started }));
            Assert.Equal(new[] { a.Id }, Ids(new DeliveryLedgerQuery { Status = DeliveryStatus.Sent }));
            Assert.Equal(new[] { bStarted.Id }, Ids(new DeliveryLedgerQuery { Status = DeliveryStatus.Failed }));
            Assert.Equal(new[] { c.Id }, Ids(new DeliveryLedgerQuery { Id = c.Id }));
            Assert.Empty(Ids(new DeliveryLedgerQuery { Id = d.Id + 100 }));
            Assert.Equal(new[] { d.Id, c.Id, bStarted.Id }, Ids(new DeliveryLedgerQuery { After = D.AddDays(1).UtcDateTime }));
            Assert.Equal(new[] { bStarted.Id, a.Id }, Ids(new DeliveryLedgerQuery { Before = D.AddDays(1).UtcDateTime }));
            Assert.Equal(new[] { bStarted.Id }, Ids(new DeliveryLedgerQuery { After = D.AddHours(1).UtcDateTime, Before = D.AddDays(1).AddHours(1).UtcDateTime }));
            Assert.Equal(new[] { d.Id, c.Id }, Ids(new DeliveryLedgerQuery { First = 2 }));
            Assert.Equal(new[] { d.Id }, Ids(new DeliveryLedgerQuery { Destination = "sftp://*", FileName = "w*", Status = DeliveryStatus.Started, First = 5 }));
        }

        [StoreFact]
        public void LiteralWildcardCharactersInADestinationCanBeEscaped()
        {
            using var store = CreateStore();
            var bracket = store.RecordDeliveryStart(Delivery(destination: "//server/share[1]/in"));
            store.RecordDeliveryStart(Delivery(destination: "//server/share1/in"));
            var percent = store.RecordDeliveryStart(Delivery(destination: "//server/100%_in"));
            store.RecordDeliveryStart(Delivery(destination: "//server/100xxin"));

            Assert.Equal(bracket.Id, Assert.Single(store.GetDeliveries(new DeliveryLedgerQuery { Destination = "//server/share`[1`]/*" })).Id);
            Assert.Equal(percent.Id, Assert.Single(store.GetDeliveries(new DeliveryLedgerQuery { Destination = "//server/100%_*" })).Id);
        }

        [StoreFact]
        public void EndingAnUnknownOrAnAlreadyEndedDeliveryIsAStoreException_AndChangesNothing()
        {
            using var store = CreateStore();
            var started = store.RecordDeliveryStart(Delivery());
            store.RecordDeliveryEnd(Ended(started, DeliveryStatus.Sent));

            var unknown = Assert.Throws<StoreException>(() => store.RecordDeliveryEnd(Ended(new DeliveryLedgerEntry { Id = started.Id + 1000, StartedAt = D }, DeliveryStatus.Sent)));
            Assert.Equal(StoreFailureKind.Constraint, unknown.Kind);
            Assert.Contains((started.Id + 1000).ToString(System.Globalization.CultureInfo.InvariantCulture), unknown.Message);
            Assert.Contains(store.DisplayName, unknown.Message);

            var twice = Assert.Throws<StoreException>(() => store.RecordDeliveryEnd(Ended(started, DeliveryStatus.Failed, message: "late")));
            Assert.Equal(StoreFailureKind.Constraint, twice.Kind);
            var kept = Assert.Single(store.GetDeliveries(new DeliveryLedgerQuery()));
            Assert.Equal("Sent", kept.Status);
            Assert.Null(kept.Message);

            // The store is still usable after a refused end (no transaction left open).
            Assert.True(store.RecordDeliveryStart(Delivery(started: D.AddHours(1))).Id > started.Id);
        }

        [StoreFact]
        public void ADeliveryWithoutDestinationOrContent_OrEndedAsStarted_IsRefusedAsAnArgument()
        {
            using var store = CreateStore();
            Assert.Throws<ArgumentNullException>(() => store.RecordDeliveryStart(null!));
            Assert.Throws<ArgumentException>(() => store.RecordDeliveryStart(Delivery(destination: string.Empty)));
            Assert.Throws<ArgumentException>(() => store.RecordDeliveryStart(Delivery(sha256: string.Empty)));
            var started = store.RecordDeliveryStart(Delivery());
            Assert.Throws<ArgumentException>(() => store.RecordDeliveryEnd(Ended(started, DeliveryStatus.Started)));
            Assert.Equal("Started", store.GetDeliveries(new DeliveryLedgerQuery()).Single().Status);
        }

        [StoreFact]
        public void ReadingTheDeliveryLedgerOfAStoreThatDoesNotExistFindsNothing_AndCreatesNothing()
        {
            using (var reader = OpenAgain())
            {
                Assert.False(reader.Exists);
                Assert.Empty(reader.GetDeliveries(new DeliveryLedgerQuery()));
                Assert.Null(reader.FindDelivery(Sftp, ContentA));
                Assert.Throws<InvalidOperationException>(() => reader.RecordDeliveryStart(Delivery()));
            }

            using var again = OpenAgain();
            Assert.False(again.Exists);
        }

        [StoreFact]
        public void AnEmptyMarkerOrMessageIsStoredAsNone()
        {
            using var store = CreateStore();
            var entry = Delivery();
            entry.MarkerName = string.Empty;
            entry.Message = string.Empty;
            var started = store.RecordDeliveryStart(entry);
            Assert.Null(started.MarkerName);
            Assert.Null(started.Message);

            var end = Ended(started, DeliveryStatus.Sent);
            end.MarkerName = string.Empty;
            end.Message = string.Empty;
            var sent = store.RecordDeliveryEnd(end);
            Assert.Null(sent.MarkerName);
            Assert.Null(sent.Message);
        }

        [StoreFact]
        public void TheLedgersDestinationsAreListedOnceEach_Sorted_ForCompletion()
        {
            using (var missing = OpenAgain())
            {
                Assert.Empty(((IDeliveryDestinations)missing).GetDeliveryDestinations());
            }

            using var store = CreateStore();
            store.RecordDeliveryStart(Delivery(destination: Sftp));
            store.RecordDeliveryStart(Delivery(destination: Share));
            store.RecordDeliveryStart(Delivery(destination: Sftp, sha256: ContentB));
            store.RecordDeliveryStart(Delivery(destination: "ftp://drop@ftp.example.com/in"));

            Assert.Equal(new[] { Share, "ftp://drop@ftp.example.com/in", Sftp }, ((IDeliveryDestinations)store).GetDeliveryDestinations());
        }

        [StoreFact]
        public void TwoStoresRecordingDeliveriesAtOnceGetDistinctIds_AndEveryEntryIsKept()
        {
            const int PerWriter = 25;
            using (CreateStore())
            {
            }

            var ids = new ConcurrentBag<long>();
            var failures = new ConcurrentBag<Exception>();
            using var go = new ManualResetEventSlim();
            var writers = Enumerable.Range(0, 2).Select(w => new Thread(() =>
            {
                try
                {
                    using var store = OpenAgain();
                    go.Wait();
                    for (int i = 0; i < PerWriter; i++)
                    {
                        var started = store.RecordDeliveryStart(Delivery(file: $"w{w}-{i}.csv", started: D.AddSeconds(i)));
                        ids.Add(started.Id);
                        store.RecordDeliveryEnd(Ended(started, i % 2 == 0 ? DeliveryStatus.Sent : DeliveryStatus.Failed));
                    }
                }
                catch (Exception e)
                {
                    failures.Add(e);
                }
            })).ToList();
            writers.ForEach(t => t.Start());
            go.Set();
            writers.ForEach(t => Assert.True(t.Join(TimeSpan.FromSeconds(120))));

            Assert.Empty(failures);
            Assert.Equal(2 * PerWriter, ids.Distinct().Count());
            using var check = OpenAgain();
            var all = check.GetDeliveries(new DeliveryLedgerQuery()).ToList();
            Assert.Equal(ids.OrderBy(i => i), all.Select(e => e.Id).OrderBy(i => i));
            Assert.DoesNotContain(all, e => e.StatusValue == DeliveryStatus.Started);
        }

        [StoreFact]
        public void ADeliveryClaim_IsRefusedWhileHeld_ByThisOrAnotherOpeningOfTheStore_AndGrantedAfterItIsDisposed()
        {
            using var store = CreateStore();
            using var other = OpenAgain();

            var first = store.TryAcquireDelivery(Sftp, ContentA);
            Assert.NotNull(first);
            Assert.Null(store.TryAcquireDelivery(Sftp, ContentA));
            Assert.Null(other.TryAcquireDelivery(Sftp, ContentA.ToUpperInvariant())); // the content key is compared as lowercase hex, as in the ledger
            using (var otherContent = other.TryAcquireDelivery(Sftp, ContentB)) Assert.NotNull(otherContent);
            using (var otherDestination = other.TryAcquireDelivery(Share, ContentA)) Assert.NotNull(otherDestination);

            first!.Dispose();
            first.Dispose(); // twice is harmless

            using var again = other.TryAcquireDelivery(Sftp, ContentA);
            Assert.NotNull(again);
            Assert.Null(store.TryAcquireDelivery(Sftp, ContentA));
        }

        /// <summary>The store's location as another process opens it (with the test login).</summary>
        protected virtual string LocationForChild(IOfflineDataStore store) => store.Location;

        [StoreFact]
        [StoreNetCoreOnly("Sqlite", "the SQLite claim is an exclusive FileShare.None lock on a file, which Windows (.NET Framework under Windows PowerShell 5.1) and .NET on every system enforce between processes, but Mono on Linux does not")]
        public void ADeliveryClaim_DiesWithItsHolder_AKilledProcessLeavesItFree()
        {
            using var store = CreateStore();
            using var child = Infrastructure.ChildProcess.StartDeliveryClaim(LocationForChild(store), Sftp, ContentA);
            child.WaitForLine("HELD", TimeSpan.FromSeconds(60));

            Assert.Null(store.TryAcquireDelivery(Sftp, ContentA));

            child.Kill();

            // The server may take a moment to notice a killed client's connection is gone; the OS drops a file lock at once.
            IDisposable? taken = null;
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while ((taken = store.TryAcquireDelivery(Sftp, ContentA)) == null && DateTime.UtcNow < deadline) Thread.Sleep(100);
            Assert.NotNull(taken);
            taken!.Dispose();
        }

        [StoreFact]
        public void ADeliveryClaim_NeedsAStoreThatExists()
        {
            using var store = OpenAgain();

            Assert.Throws<InvalidOperationException>(() => store.TryAcquireDelivery(Sftp, ContentA));
        }
    }
}
