using System;
using System.Globalization;
using System.IO;
using System.Linq;
using OfflineData.Core.Consent;
using OfflineData.Core.Findings;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Sqlite;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Consent
{
    /// <summary>Reading consent files (<see cref="ConsentFile"/>): both forms, each finding code, all or nothing per file.</summary>
    public sealed class ConsentFileTests : IDisposable
    {
        private static readonly DateTime FileTime = new DateTime(2024, 6, 1, 12, 0, 0, DateTimeKind.Utc);
        private readonly TempDirectory dir = new TempDirectory();

        public void Dispose() => dir.Dispose();

        private SqliteOfflineDataStore NewStore() => SqliteOfflineDataStore.Open(dir.Combine("store.db"), create: true);

        [Fact]
        public void AFileCheckedThenRecorded_IsRecordedFromTheCheck_AndOneThatTurnedBadInBetweenIsAReadFailureThatRecordsNothing()
        {
            var path = dir.WriteText("checked.csv", "CustomerId,Value,Time\nC1,n,2024-05-01T10:00:00Z\nC2,n,2024-05-01T10:00:00Z\n");
            using var store = NewStore();
            var consent = new ConsentFile(path);

            var check = consent.Record(null, store.DisplayName, record: false);
            var recorded = consent.RecordChecked(store, store.DisplayName, check);
            Assert.Equal((2L, 2L, 0L), (recorded.Entries, recorded.Recorded, recorded.AlreadyRecorded));

            var changing = dir.WriteText("changing.csv", "CustomerId,Value,Time\nC3,n,2024-05-01T10:00:00Z\n");
            var changed = new ConsentFile(changing);
            var passed = changed.Record(null, store.DisplayName, record: false);
            File.WriteAllText(changing, "CustomerId,Value,Time\nC3,n,2024-05-01T10:00:00Z\nC4,maybe,2024-05-01T10:00:00Z\n");
            Assert.Throws<IOException>(() => changed.RecordChecked(store, store.DisplayName, passed));
            Assert.Equal(new[] { "C1", "C2" }, store.GetConsents(new ConsentQuery()).Select(e => e.CustomerId).OrderBy(id => id, StringComparer.Ordinal));
            Assert.Throws<InvalidOperationException>(() => changed.RecordChecked(store, store.DisplayName, changed.Record(null, store.DisplayName, record: false)));
        }

        [Fact]
        public void ACsvWithHeaderRecordsEachRow_TimesWithOffsetOrZ_ScopeDefaultingToCollect()
        {
            var path = dir.WriteText("consent.csv", "customerid,Scope,VALUE,Time\r\n C1 ,Marketing.Email,N,2024-05-01T10:00:00Z\r\n\r\nC2,,y,2024-05-01T12:30:00.250+02:00\r\n\"C,3\",collect,LI,2024-05-01 10:00:00-0500\r\n");

            using var store = NewStore();
            var result = new ConsentFile(path).Record(store, store.DisplayName);

            Assert.Equal((3L, 3L, 0L, 0L), (result.Entries, result.Recorded, result.AlreadyRecorded, result.ErrorCount));
            Assert.Equal(store.DisplayName, result.Store);
            var entries = store.GetConsents(new ConsentQuery { History = true }).OrderBy(e => e.CustomerId, StringComparer.Ordinal).ToList();
            Assert.Equal(new[] { "C,3", "C1", "C2" }, entries.Select(e => e.CustomerId));
            Assert.Equal(("collect", "LI", new DateTime(2024, 5, 1, 15, 0, 0)), (entries[0].Scope, entries[0].Value, entries[0].Time));
            Assert.Equal(("marketing.email", "n", new DateTime(2024, 5, 1, 10, 0, 0)), (entries[1].Scope, entries[1].Value, entries[1].Time));
            Assert.Equal(("collect", "y", new DateTime(2024, 5, 1, 10, 30, 0, 250)), (entries[2].Scope, entries[2].Value, entries[2].Time));
            Assert.Equal(path + ":2", entries[1].Source); // the physical line (the blank line 3 counts)
            Assert.Equal(path + ":4", entries[2].Source);
            // Recorded again: all already recorded.
            var again = new ConsentFile(path).Record(store, store.DisplayName);
            Assert.Equal((0L, 3L), (again.Recorded, again.AlreadyRecorded));
        }

        [Theory]
        [InlineData("C1\nC2\n\n  C3  \n")]
        [InlineData("CustomerId\r\nC1\r\nC2\r\nC3\r\n")]
        [InlineData("Customer ID\nC1\nC2\nC3")]
        public void APlainListIsAnOptOutOfCollectPerId_AtTheFilesTime(string content)
        {
            var path = dir.WriteText("optouts.txt", content);
            using var store = NewStore();

            var result = new ConsentFile(path, FileTime).Record(store, store.DisplayName);

            Assert.Equal(3, result.Recorded);
            Assert.All(store.GetConsents(new ConsentQuery()), e => Assert.Equal(("collect", "n", FileTime), (e.Scope, e.Value, e.Time)));
            Assert.Equal(new[] { "C1", "C2", "C3" }, store.GetSuppressedCustomerIds(ConsentPolicy.Default));
        }

        [Fact]
        public void APlainListWithoutATimeTakesTheFilesLastWriteTime()
        {
            var path = dir.WriteText("optouts.txt", "C1\n");
            File.SetLastWriteTimeUtc(path, FileTime.AddSeconds(0.5));
            using var store = NewStore();

            new ConsentFile(path).Record(store, store.DisplayName);

            Assert.Equal(FileTime.AddSeconds(0.5), store.GetConsents(new ConsentQuery()).Single().Time);
        }

        [Theory]
        [InlineData("C1,collect,maybe,2024-05-01T10:00:00Z", FindingCode.InvalidConsentValue, 3, "Value", "maybe")]
        [InlineData("C1,collect,n,2024-05-01T10:00:00", FindingCode.InvalidConsentTime, 4, "Time", "2024-05-01T10:00:00")]
        [InlineData("C1,collect,n,", FindingCode.InvalidConsentTime, 4, "Time", "")]
        [InlineData("C1,collect,n,yesterday", FindingCode.InvalidConsentTime, 4, "Time", "yesterday")]
        [InlineData("C1,collect,n,2024-02-30T10:00:00Z", FindingCode.InvalidConsentTime, 4, "Time", "2024-02-30T10:00:00Z")]
        [InlineData("  ,collect,n,2024-05-01T10:00:00Z", FindingCode.MissingCustomerId, 1, "CustomerId", "  ")]
        [InlineData("C1,collect,n,2024-05-01T10:00:00Z,extra", FindingCode.MalformedConsentRow, 5, null, "C1,collect,n,2024-05-01T10:00:00Z,extra")]
        [InlineData("C1,collect,\"n\"x,2024-05-01T10:00:00Z", FindingCode.MalformedConsentRow, 3, "Value", "C1,collect,\"n\"x,2024-05-01T10:00:00Z")]
        public void ABadRowIsALocatedFinding_AndTheFileRecordsNothing(string row, FindingCode code, int? column, string? columnName, string raw)
        {
            var path = dir.WriteText("consent.csv", "CustomerId,Scope,Value,Time\nGOOD,collect,n,2024-05-01T10:00:00Z\n" + row + "\nGOOD2,collect,n,2024-05-01T10:00:00Z\n");
            using var store = NewStore();

            var result = new ConsentFile(path).Record(store, store.DisplayName);

            var finding = Assert.Single(result.Findings);
            Assert.Equal(code.ToString(), finding.Code);
            Assert.Equal(FindingSeverity.Error.ToString(), finding.Severity);
            Assert.Equal(path, finding.Path);
            Assert.Equal(3L, finding.Line);
            Assert.Equal(column, finding.ColumnNumber);
            Assert.Equal(columnName, finding.ColumnName);
            Assert.Equal(raw, finding.RawValue);
            Assert.Equal((0L, 0L, 1L), (result.Recorded, result.Entries, result.ErrorCount));
            Assert.Empty(store.GetConsents(new ConsentQuery { History = true })); // all or nothing: GOOD is not recorded either
        }

        [Theory]
        [InlineData("CustomerId,Scope,Value\nC1,collect,n\n", "Time")]
        [InlineData("Id,Scope,Value,Time\nC1,collect,n,2024-05-01T10:00:00Z\n", "CustomerId")]
        [InlineData("CustomerId,Value,Value,Time\n", "twice")]
        public void ACsvWithoutTheColumnsItNeedsIsOneFindingOnItsHeader(string content, string said)
        {
            var path = dir.WriteText("consent.csv", content);
            using var store = NewStore();

            var result = new ConsentFile(path).Record(store, store.DisplayName);

            var finding = Assert.Single(result.Findings);
            Assert.Equal(nameof(FindingCode.MissingConsentColumn), finding.Code);
            Assert.Equal(1L, finding.Line);
            Assert.Contains(said, finding.Message);
            Assert.Equal(0, result.Recorded);
        }

        [Theory]
        [InlineData(";")]
        [InlineData("\t")]
        public void ASemicolonOrTabSeparatedCsvIsReadWithItsDelimiter(string d)
        {
            var path = dir.WriteText("consent.csv", $"CustomerId{d}Value{d}Time\nC1{d}n{d}2024-05-01T10:00:00Z\n\"C{d}2\"{d}y{d}2024-05-02T10:00:00Z\n");
            using var store = NewStore();

            var result = new ConsentFile(path).Record(store, store.DisplayName);

            Assert.Empty(result.Findings);
            var entries = store.GetConsents(new ConsentQuery { History = true }).OrderBy(e => e.Time).ToList();
            Assert.Equal(new[] { "C1 n", $"C{d}2 y" }, entries.Select(e => e.CustomerId + " " + e.Value));
            Assert.Equal(new DateTime(2024, 5, 1, 10, 0, 0), entries[0].Time);
        }

        [Theory]
        [InlineData("C1\nC2;n;2024-05-01T10:00:00Z\nC3\n", 2)]
        [InlineData("C1\nC2,n\n", 2)]
        [InlineData("C1\nC2\tn\n", 2)]
        public void APlainListLineWithADelimiterIsABadRow_AndNothingIsRecorded(string content, long line)
        {
            var path = dir.WriteText("optouts.txt", content);
            using var store = NewStore();

            var result = new ConsentFile(path, FileTime).Record(store, store.DisplayName);

            var finding = Assert.Single(result.Findings);
            Assert.Equal(nameof(FindingCode.MalformedConsentRow), finding.Code);
            Assert.Equal(line, finding.Line);
            Assert.Equal((1, "CustomerId"), (finding.ColumnNumber, finding.ColumnName));
            Assert.Empty(store.GetConsents(new ConsentQuery { History = true }));
        }

        [Theory]
        [InlineData("CustomerId;Value;Time;Id\nC1;n;2024-05-01T10:00:00Z;4\n")]
        [InlineData("Id;Customer;Note\nC1;n;x\n")]
        public void AFirstLineWithADelimiterThatIsNoConsentHeaderRecordsNothing(string content)
        {
            var path = dir.WriteText("consent.csv", content);
            using var store = NewStore();

            var result = new ConsentFile(path, FileTime).Record(store, store.DisplayName);

            Assert.Equal(content.StartsWith("CustomerId", StringComparison.Ordinal) ? 0 : 1, result.ErrorCount);
            Assert.Equal(content.StartsWith("CustomerId", StringComparison.Ordinal) ? 1 : 0, result.Recorded);
        }

        [Fact]
        public void TheColumnsOfGetOfflineDataConsentExportCsvAreIgnored()
        {
            var path = dir.WriteText("rt.csv", "\"Id\",\"CustomerId\",\"Scope\",\"Value\",\"Time\",\"Source\",\"RecordedAt\",\"Store\"\n\"7\",\"C1\",\"collect\",\"n\",\"2024-05-01T10:00:00Z\",\"x.csv:2\",\"2024-05-02T00:00:00Z\",\"a.db\"\n");
            using var store = NewStore();

            var result = new ConsentFile(path).Record(store, store.DisplayName);

            Assert.Empty(result.Findings);
            Assert.Equal("C1", store.GetConsents(new ConsentQuery()).Single().CustomerId);
        }

        [Fact]
        public void AnUnclosedQuoteIsReportedOnTheLineItOpened_WithItsColumn()
        {
            var path = dir.WriteText("consent.csv", "CustomerId,Value,Time\n\"C1,n,2024-05-01T10:00:00Z\nC2,n,2024-05-01T10:00:00Z\nC3,n,2024-05-01T10:00:00Z\nC4,n,2024-05-01T10:00:00Z\nC5,n,2024-05-01T10:00:00Z\n");

            var result = new ConsentFile(path).Record(null, "none");

            var finding = Assert.Single(result.Findings);
            Assert.Equal(nameof(FindingCode.MalformedConsentRow), finding.Code);
            Assert.Equal(2L, finding.Line);
            Assert.Equal((1, "CustomerId"), (finding.ColumnNumber, finding.ColumnName));
            Assert.Contains("column 1 (CustomerId)", finding.Message);
        }

        [Fact]
        public void AValueFindingNamesItsColumnInTheMessage()
        {
            var path = dir.WriteText("consent.csv", "CustomerId,Value,Time\nC1,x,2024-05-01T10:00:00Z\n");

            var finding = Assert.Single(new ConsentFile(path).Record(null, "none").Findings);

            Assert.StartsWith("Column 2 (Value):", finding.Message);
        }

        [Theory]
        [InlineData("05/01/2024 10:00:00 +02:00")]
        [InlineData("5/1/2024 10:00:00 AM +02:00")]
        public void ATimeWithAnExplicitOffsetAsACultureWritesItIsRead(string time)
        {
            var culture = CultureInfo.CurrentCulture;
            CultureInfo.CurrentCulture = new CultureInfo("en-US");
            try
            {
                Assert.True(ConsentFile.TryParseTime(time, out var utc));
                Assert.Equal(new DateTime(2024, 5, 1, 8, 0, 0, DateTimeKind.Utc), utc);
            }
            finally
            {
                CultureInfo.CurrentCulture = culture;
            }
        }

        [Theory]
        [InlineData("05/01/2024 10:00:00")]
        [InlineData("2024-05-01")]
        [InlineData("2024-05-01 10:00")]
        public void ATimeWithoutAZoneIsNotGuessed(string time) => Assert.False(ConsentFile.TryParseTime(time, out _));

        [Fact]
        public void EveryBadRowIsCounted_TheFirstHundredListed()
        {
            var path = dir.WriteText("consent.csv", "CustomerId,Value,Time\n" + string.Concat(Enumerable.Range(0, 250).Select(i => $"C{i},x,2024-05-01T10:00:00Z\n")));

            var result = new ConsentFile(path).Record(null, "none");

            Assert.Equal(250, result.ErrorCount);
            Assert.Equal(ConsentFile.MaxFindings, result.Findings.Count);
            Assert.Equal(101L, result.Findings.Last().Line);
        }

        [Fact]
        public void WithoutRecordingAFileIsOnlyCheckedAndCounted()
        {
            var path = dir.WriteText("optouts.txt", "C1\nC2\n");
            using var store = NewStore();

            var result = new ConsentFile(path, FileTime).Record(store, store.DisplayName, record: false);

            Assert.Equal((2L, 0L), (result.Entries, result.Recorded));
            Assert.Empty(store.GetConsents(new ConsentQuery()));
        }

        [Fact]
        public void ALargeFileIsRecordedInOneTransaction_Streaming()
        {
            var path = dir.Combine("large.txt");
            using (var writer = new StreamWriter(path))
            {
                for (int i = 0; i < 200_000; i++) writer.WriteLine("C" + i);
            }

            using var store = NewStore();
            var result = new ConsentFile(path, FileTime).Record(store, store.DisplayName);

            Assert.Equal(200_000, result.Recorded);
            Assert.Equal(200_000, store.GetConsents(new ConsentQuery()).Count());
        }
    }
}
