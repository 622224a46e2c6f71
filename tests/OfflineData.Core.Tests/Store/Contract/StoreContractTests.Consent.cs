using System;
using System.Collections.Generic;
using System.Linq;
using OfflineData.Core.Store;
using Xunit;

namespace OfflineData.Core.Tests.Store.Contract
{
    /// <summary>
    /// The consent list (<see cref="IConsentStore"/>) on every store: what is stored, which entry wins, duplicates,
    /// all-or-nothing, the suppressed customers under a policy, every filter, and a store that does not exist.
    /// </summary>
    public abstract partial class StoreContractTests
    {
        private static readonly DateTime C0 = new DateTime(2024, 5, 1, 8, 0, 0, DateTimeKind.Utc);

        private static ConsentEntry Consent(string customer, string value = "n", DateTime? time = null, string scope = "collect", string source = "optouts.csv:2") =>
            new ConsentEntry { CustomerId = customer, Scope = scope, Value = value, Time = time ?? C0, Source = source };

        private static string Describe(ConsentEntry e) => $"{e.CustomerId} {e.Scope} {e.Value} {e.Time:yyyy-MM-ddTHH:mm:ss.fff}";

        [StoreFact]
        public void AConsentEntryIsStoredInOneSpelling_WithEveryFieldAndItsStore()
        {
            using var store = CreateStore();
            var before = DateTime.UtcNow.AddSeconds(-1);

            var counts = store.RecordConsents(new[] { Consent("  C1 ", "N", new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.FromHours(2)).UtcDateTime.AddTicks(5), " Marketing.Email ", "list.csv:7") });

            Assert.Equal((1L, 0L), (counts.Recorded, counts.AlreadyRecorded));
            var entry = Assert.Single(store.GetConsents(new ConsentQuery()));
            Assert.True(entry.Id > 0);
            Assert.Equal("C1", entry.CustomerId);
            Assert.Equal("marketing.email", entry.Scope);
            Assert.Equal("n", entry.Value);
            Assert.Equal(C0, entry.Time); // UTC, to the millisecond
            Assert.Equal(TimeSpan.Zero, entry.Time.Offset);
            Assert.Equal("list.csv:7", entry.Source);
            Assert.InRange(entry.RecordedAt, before, DateTime.UtcNow.AddSeconds(1));
            Assert.Equal(store.DisplayName, entry.Store);
            // The two-letter values are uppercase.
            store.RecordConsents(new[] { Consent("C2", "li") });
            Assert.Equal("LI", store.GetConsents(new ConsentQuery { CustomerId = "C2" }).Single().Value);
        }

        [StoreFact]
        public void TheLatestTimePerCustomerAndScopeWins_WhateverOrderItWasRecordedIn()
        {
            using var store = CreateStore();
            store.RecordConsents(new[] { Consent("C1", "y", C0.AddDays(2)), Consent("C1", "n", C0), Consent("C1", "n", C0.AddDays(1), "marketing.email") });
            store.RecordConsents(new[] { Consent("C1", "n", C0.AddDays(1)) }); // later recorded, earlier decided: does not win

            Assert.Equal(new[] { "C1 collect y 2024-05-03T08:00:00.000", "C1 marketing.email n 2024-05-02T08:00:00.000" }, store.GetConsents(new ConsentQuery()).Select(Describe));
            // -History: every entry, newest first (on the same time, the one recorded last first).
            Assert.Equal(
                new[] { "C1 collect y 2024-05-03T08:00:00.000", "C1 collect n 2024-05-02T08:00:00.000", "C1 marketing.email n 2024-05-02T08:00:00.000", "C1 collect n 2024-05-01T08:00:00.000" },
                store.GetConsents(new ConsentQuery { History = true }).Select(Describe));
            Assert.Empty(store.GetSuppressedCustomerIds(ConsentPolicy.Default)); // opted in again later
        }

        [StoreFact]
        public void OnATieInTime_TheEntryRecordedLastWins()
        {
            using var store = CreateStore();
            store.RecordConsents(new[] { Consent("C1", "y"), Consent("C1", "n") });
            Assert.Equal("n", store.GetConsents(new ConsentQuery()).Single().Value);
            store.RecordConsents(new[] { Consent("C1", "p") });
            Assert.Equal("p", store.GetConsents(new ConsentQuery()).Single().Value);
            Assert.Empty(store.GetSuppressedCustomerIds(ConsentPolicy.Default));
        }

        [StoreFact]
        public void TheSameCustomerScopeValueAndTimeAgainIsAlreadyRecorded_InOneCallOrAnother()
        {
            using var store = CreateStore();
            var first = store.RecordConsents(new[] { Consent("C1"), Consent("C2"), Consent(" C1", source: "other.csv:9") });
            Assert.Equal((2L, 1L), (first.Recorded, first.AlreadyRecorded));

            var again = store.RecordConsents(new[] { Consent("C1"), Consent("C2", scope: "COLLECT"), Consent("C3"), Consent("C1", time: C0.AddSeconds(1)) });

            Assert.Equal((2L, 2L), (again.Recorded, again.AlreadyRecorded));
            Assert.Equal(4, store.GetConsents(new ConsentQuery { History = true }).Count());
            Assert.Equal("optouts.csv:2", store.GetConsents(new ConsentQuery { CustomerId = "C2" }).Single().Source); // the first is kept
        }

        [StoreFact]
        public void RecordingIsAllOrNothing_ABadEntryLeavesNoneOfTheCallStored()
        {
            using var store = CreateStore();
            store.RecordConsents(new[] { Consent("KEEP") });

            IEnumerable<ConsentEntry> Entries()
            {
                // More than one chunk first, so a store that writes in chunks has written some when the bad one comes.
                for (int i = 0; i < 2500; i++) yield return Consent("C" + i);
                yield return Consent("BAD", "maybe");
            }

            Assert.Throws<ArgumentException>(() => store.RecordConsents(Entries()));
            Assert.Throws<ArgumentException>(() => store.RecordConsents(new[] { Consent("C1"), Consent("   ") }));
            Assert.Throws<ArgumentException>(() => store.RecordConsents(new[] { Consent("C1", scope: " ") }));

            Assert.Equal(new[] { "KEEP" }, store.GetConsents(new ConsentQuery { History = true }).Select(e => e.CustomerId));
            // The store still writes after a refused call.
            Assert.Equal(2500, store.RecordConsents(Enumerable.Range(0, 2500).Select(i => Consent("C" + i))).Recorded);
        }

        [StoreFact]
        public void SuppressedCustomersAreThoseWhoseWinningEntryOptsOut_UnderThePolicy_EachOnce()
        {
            using var store = CreateStore();
            store.RecordConsents(new[]
            {
                Consent("OUT"),
                Consent("OUT", scope: "marketing.email"),
                Consent("PENDING", "p"),
                Consent("UNKNOWN", "u"),
                Consent("IN", "y"),
                Consent("BACK-IN", "n", C0), Consent("BACK-IN", "y", C0.AddDays(1)),
                Consent("LATER-OUT", "y", C0), Consent("LATER-OUT", "n", C0.AddDays(1)),
                Consent("MAIL-ONLY", scope: "marketing.email"),
                Consent("case", "n"),
            });

            // Default: collect = n only; p and u do not suppress; another scope does not; the customer ID as stored.
            Assert.Equal(new[] { "LATER-OUT", "OUT", "case" }, store.GetSuppressedCustomerIds(ConsentPolicy.Default).OrderBy(c => c, StringComparer.Ordinal));
            // Asked: pending and unknown too, and more scopes; a customer suppressed in two scopes comes once.
            Assert.Equal(
                new[] { "LATER-OUT", "MAIL-ONLY", "OUT", "PENDING", "UNKNOWN", "case" },
                store.GetSuppressedCustomerIds(new ConsentPolicy(new[] { "collect", "Marketing.Email" }, new[] { "n", "P", "u" })).OrderBy(c => c, StringComparer.Ordinal));
            Assert.Equal(new[] { "MAIL-ONLY", "OUT" }, store.GetSuppressedCustomerIds(new ConsentPolicy(new[] { "marketing.email" }, new[] { "n" })).OrderBy(c => c, StringComparer.Ordinal));
            Assert.Equal(new[] { "BACK-IN", "IN" }, store.GetSuppressedCustomerIds(new ConsentPolicy(new[] { "collect" }, new[] { "y" })).OrderBy(c => c, StringComparer.Ordinal));
        }

        [StoreFact]
        public void ConsentQueriesFilterByCustomerAndScopeWildcards_ValueAndFirst_NewestFirst()
        {
            using var store = CreateStore();
            store.RecordConsents(new[]
            {
                Consent("A%1", time: C0),
                Consent("A_2", "y", C0.AddHours(1)),
                Consent("B[1]", time: C0.AddHours(2)),
                Consent("A%1", time: C0.AddHours(3), scope: "marketing.email"),
                Consent("A_2", "n", C0.AddHours(4), scope: "marketing.sms"),
            });

            Assert.Equal(new[] { "A_2", "A%1", "B[1]", "A_2", "A%1" }, store.GetConsents(new ConsentQuery()).Select(e => e.CustomerId));
            Assert.Equal(new[] { "A_2", "A%1", "A_2", "A%1" }, store.GetConsents(new ConsentQuery { CustomerId = "A*" }).Select(e => e.CustomerId));
            Assert.Equal(new[] { "A%1", "A%1" }, store.GetConsents(new ConsentQuery { CustomerId = "A%1" }).Select(e => e.CustomerId)); // % is literal
            Assert.Equal(new[] { "B[1]" }, store.GetConsents(new ConsentQuery { CustomerId = "B`[1`]" }).Select(e => e.CustomerId));
            Assert.Equal(new[] { "A_2", "A%1" }, store.GetConsents(new ConsentQuery { CustomerId = "A[%_]?", Scope = "collect" }).Select(e => e.CustomerId));
            Assert.Equal(new[] { "marketing.sms", "marketing.email" }, store.GetConsents(new ConsentQuery { Scope = "Marketing.*" }).Select(e => e.Scope));
            Assert.Equal(new[] { "A_2" }, store.GetConsents(new ConsentQuery { Value = "Y" }).Select(e => e.CustomerId));
            Assert.Empty(store.GetConsents(new ConsentQuery { Value = "maybe" }));
            Assert.Equal(2, store.GetConsents(new ConsentQuery { First = 2 }).Count());
            // The value filter applies to the winning entry unless -History: A_2's collect is y, so n finds no collect entry of A_2.
            Assert.DoesNotContain(store.GetConsents(new ConsentQuery { Value = "n", Scope = "collect" }), e => e.CustomerId == "A_2");
        }

        [StoreFact]
        public void ReadingTheConsentListOfAStoreThatDoesNotExistFindsNothing_AndCreatesNothing()
        {
            using (var reader = OpenAgain())
            {
                Assert.False(reader.Exists);
                Assert.Empty(reader.GetConsents(new ConsentQuery { History = true }));
                Assert.Empty(reader.GetSuppressedCustomerIds(ConsentPolicy.Default));
                Assert.Throws<InvalidOperationException>(() => reader.RecordConsents(new[] { Consent("C1") }));
            }

            using var again = OpenAgain();
            Assert.False(again.Exists);
        }

        [StoreFact]
        public void AStoreOfThePreviousSchemaVersionGetsAnEmptyConsentList_ThatWorksInFull()
        {
            CreateStoreAtPreviousVersion();

            using (var reader = OpenAgain())
            {
                Assert.Empty(reader.GetConsents(new ConsentQuery { History = true }));
                Assert.Empty(reader.GetSuppressedCustomerIds(ConsentPolicy.Default));
            }

            Assert.Equal(CurrentSchemaVersion, ReadSchemaVersion());
            using var store = OpenAgain();
            Assert.Equal(1, store.RecordConsents(new[] { Consent("OLD-C") }).Recorded);
            Assert.Equal(new[] { "OLD-C" }, store.GetSuppressedCustomerIds(ConsentPolicy.Default));
            Assert.Single(store.GetOfflineRows(new OfflineRowQuery { CustomerId = "OLD-C" })); // the row it suppresses is still there
        }
    }
}
