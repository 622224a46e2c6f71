using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OfflineData.Core.Findings;
using OfflineData.Core.Import;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Sqlite;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Import
{
    /// <summary>
    /// Issue 7, items 2, 3 and 21: a file with nothing importable fails (so it is not skipped for ever), quarantine
    /// files of different stores and imports never share a name or replace each other, and a forced re-import names
    /// the import it really replaced.
    /// </summary>
    public class ImportIntegrityTests
    {
        private static readonly DateTime T = new DateTime(2024, 3, 1, 10, 0, 0);

        private static SqliteOfflineDataStore Prepared(TempDirectory dir, string name = "store.db")
        {
            var store = StoreTestKit.NewStore(dir, name);
            store.SetRecording(StoreTestKit.Suite, true, 90);
            return store;
        }

        private static void AssertFailedAndNotSkippable(SqliteOfflineDataStore store, ImportResult result, string path)
        {
            Assert.Equal(ImportRunStatus.Failed, result.StatusValue);
            Assert.Equal(ImportFailureCause.NoImportableRows, result.FailureCauseValue);
            Assert.Equal(0, result.Imported);
            Assert.Null(result.QuarantinePath);
            Assert.Equal(0, StoreTestKit.CountRows(store));
            var entry = store.GetImports(new ImportLedgerQuery()).First();
            Assert.Equal(ImportStatus.Failed, entry.StatusValue);
            Assert.Equal(result.ImportId, entry.Id);
            Assert.Equal(result.Message, entry.Message);
            Assert.Null(store.FindCompletedImport(StoreTestKit.Suite, OfflineDataImporter.ComputeSha256(path)));
        }

        [Fact]
        public void AnEmptyFileFails_IsNotSkippedNextTime_AndImportsOnceItHasRows()
        {
            using var dir = new TempDirectory();
            using var store = Prepared(dir);
            var path = dir.WriteText("day.csv", string.Empty);

            var first = StoreTestKit.Import(store, path);
            AssertFailedAndNotSkippable(store, first, path);
            var second = StoreTestKit.Import(store, path);

            Assert.Contains("holds no data row", first.Message);
            Assert.Contains(first.Findings, f => f.CodeValue == FindingCode.NoDataRows);
            Assert.Equal(ImportRunStatus.Failed, second.StatusValue); // not "already imported"
            Assert.Equal(2, store.GetImports(new ImportLedgerQuery { Status = ImportStatus.Failed }).Count());

            File.WriteAllText(path, Rows.Lines(StoreTestKit.OfflineRow(T, "C1", null)));
            var fixedRun = StoreTestKit.Import(store, path);

            Assert.Equal(ImportRunStatus.Imported, fixedRun.StatusValue);
            Assert.Equal(1, fixedRun.Imported);
        }

        [Fact]
        public void AnEmptyFileRecordedAsCompletedByAnEarlierRelease_DoesNotBlockItsContent()
        {
            using var dir = new TempDirectory();
            using var store = Prepared(dir);
            var path = dir.WriteText("day.csv", Rows.Lines(Rows.Header));
            var first = StoreTestKit.Import(store, path);
            using (var command = store.Connection.CreateCommand())
            {
                // What releases before this fix wrote for a header-only file.
                command.CommandText = $"UPDATE import SET status = 'Completed' WHERE id = {first.ImportId};";
                command.ExecuteNonQuery();
            }

            var again = StoreTestKit.Import(store, path);

            Assert.Equal(ImportRunStatus.Failed, again.StatusValue); // tried again, not "already imported"
            Assert.Null(store.FindCompletedImport(StoreTestKit.Suite, first.Sha256));
        }

        [Fact]
        public void AHeaderOnlyFileFails_WithoutAWarningThatSaysTheSame()
        {
            using var dir = new TempDirectory();
            using var store = Prepared(dir);
            var path = dir.WriteText("day.csv", Rows.Lines(Rows.Header));
            var observer = new CollectingObserver();

            var result = StoreTestKit.Import(store, path, observer: observer);

            AssertFailedAndNotSkippable(store, result, path);
            Assert.Empty(observer.Warnings);
        }

        [Fact]
        public void AFileWhoseEveryRowIsRejectedFails_NamesTheCodes_LeavesNoQuarantineFile_AndIsImportedOnceConverted()
        {
            using var dir = new TempDirectory();
            using var store = Prepared(dir);
            // A Windows-1252 till export: "Göteborg" with ö as the single byte F6 in every row.
            var cp1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
            var text = Rows.Lines(Enumerable.Range(1, 5).Select(i => StoreTestKit.OfflineRow(T.AddMinutes(i), "C" + i, null, var1: "Göteborg")).ToArray());
            var path = dir.WriteBytes("till.csv", cp1252.GetBytes(text));

            var result = StoreTestKit.Import(store, path);
            AssertFailedAndNotSkippable(store, result, path);
            var again = StoreTestKit.Import(store, path);

            Assert.Equal(5, result.Rows);
            Assert.Equal(5, result.Rejected);
            Assert.Contains("every row has errors", result.Message);
            Assert.Contains("InvalidUtf8 (OD106) in 5 row(s)", result.Message);
            Assert.Contains("Convert-OfflineDataFile", result.Message);
            Assert.Equal(5, store.GetImports(new ImportLedgerQuery { Id = result.ImportId }).Single().Rejected);
            Assert.False(Directory.Exists(dir.Combine("quarantine")) && Directory.EnumerateFileSystemEntries(dir.Combine("quarantine")).Any());
            Assert.Equal(ImportRunStatus.Failed, again.StatusValue); // the same content is tried again, not skipped

            File.WriteAllText(path, text, new UTF8Encoding(false));
            Assert.Equal(ImportRunStatus.Imported, StoreTestKit.Import(store, path).StatusValue);
        }

        [Fact]
        public void ADryRunOfAnEmptyFilePredictsTheFailure_AndWritesNothing()
        {
            using var dir = new TempDirectory();
            using var store = Prepared(dir);
            var path = dir.WriteText("day.csv", string.Empty);

            var result = StoreTestKit.Import(store, path, dryRun: true);

            Assert.Equal(ImportRunStatus.Failed, result.StatusValue);
            Assert.Equal(ImportFailureCause.NoImportableRows, result.FailureCauseValue);
            Assert.Empty(store.GetImports(new ImportLedgerQuery()));
        }

        [Fact]
        public void AnEmptyZipEntryBesideEntriesWithRowsIsAWarning_NotAFailure()
        {
            using var dir = new TempDirectory();
            using var store = Prepared(dir);
            var zip = dir.WriteZip("day.zip", ("empty.csv", string.Empty), ("north.csv", Rows.Lines(StoreTestKit.OfflineRow(T, "C1", null))));
            var observer = new CollectingObserver();

            var result = StoreTestKit.Import(store, zip, observer: observer);

            Assert.Equal(ImportRunStatus.Imported, result.StatusValue);
            Assert.Equal(1, result.Imported);
            Assert.Contains(observer.Warnings, w => w.Contains("NoDataRows") && w.Contains("empty.csv"));
        }

        [Fact]
        public void TwoStoresInOneFolder_GetDifferentQuarantineFiles_AndNeitherOverwritesTheOther()
        {
            using var dir = new TempDirectory();
            using var q1 = Prepared(dir, "q1.db");
            using var q2 = Prepared(dir, "q2.db");
            Directory.CreateDirectory(dir.Combine("a"));
            Directory.CreateDirectory(dir.Combine("b"));
            var a = dir.WriteText(Path.Combine("a", "day.csv"), Rows.Lines("bad-a;C1;7;C;S;1;1", StoreTestKit.OfflineRow(T, "C1", null)));
            var b = dir.WriteText(Path.Combine("b", "day.csv"), Rows.Lines("bad-b;C2;7;C;S;1;1", StoreTestKit.OfflineRow(T, "C2", null)));

            var ra = StoreTestKit.Import(q1, a);
            var rb = StoreTestKit.Import(q2, b);

            Assert.Equal(1, ra.ImportId);
            Assert.Equal(1, rb.ImportId);
            Assert.NotEqual(ra.QuarantinePath, rb.QuarantinePath);
            Assert.Contains("bad-a", File.ReadAllText(ra.QuarantinePath!));
            Assert.Contains("bad-b", File.ReadAllText(rb.QuarantinePath!));
            Assert.Contains("-q1-", Path.GetFileName(ra.QuarantinePath));
        }

        [Fact]
        public void StoresOfTheSameNameSharingARejectPath_NeverShareAQuarantineFile()
        {
            using var dir = new TempDirectory();
            Directory.CreateDirectory(dir.Combine("x"));
            Directory.CreateDirectory(dir.Combine("y"));
            using var x = Prepared(dir, Path.Combine("x", "t.db"));
            using var y = Prepared(dir, Path.Combine("y", "t.db"));
            var rejects = dir.Combine("rejects");
            var results = new[] { x, y, x, y }.Select((store, i) =>
                StoreTestKit.Import(store, dir.WriteText($"day{i}.csv", Rows.Lines($"bad-{i};C;7;C;S;1;1", StoreTestKit.OfflineRow(T.AddMinutes(i), "C", null))), rejectDirectory: rejects))
                .ToList();

            // Every import wrote its own file (the same names, the same ids, often the same second).
            Assert.Equal(4, results.Select(r => r.QuarantinePath).Distinct().Count());
            for (int i = 0; i < results.Count; i++)
            {
                Assert.Contains($"bad-{i}", File.ReadAllText(results[i].QuarantinePath!));
            }

            Assert.Equal(4, Directory.GetFiles(rejects, "*" + QuarantineWriter.Extension).Length);
        }

        [Fact]
        public void AnOrphanOfAKilledImportWithTheSameIdIsNeverOverwritten()
        {
            using var dir = new TempDirectory();
            using var store = Prepared(dir);
            var rejects = dir.Combine("rejects");
            Directory.CreateDirectory(rejects);
            // What an import killed between naming its quarantine file and committing leaves: import id 1 was never
            // committed, so the next import gets id 1 again. Orphans for every second around now make the collision certain.
            var now = DateTime.UtcNow;
            for (int s = -2; s <= 30; s++)
            {
                File.WriteAllText(Path.Combine(rejects, QuarantineWriter.NameFor(1, Path.GetFileNameWithoutExtension(store.Location), now.AddSeconds(s), "day.csv") + QuarantineWriter.Extension), "orphan");
            }

            var path = dir.WriteText("day.csv", Rows.Lines("bad;C;7;C;S;1;1", StoreTestKit.OfflineRow(T, "C", null)));
            var result = StoreTestKit.Import(store, path, rejectDirectory: rejects);

            Assert.Equal(1, result.ImportId);
            Assert.EndsWith("-2" + QuarantineWriter.Extension, result.QuarantinePath);
            Assert.Contains("bad;C;7", File.ReadAllText(result.QuarantinePath!));
            Assert.All(Directory.GetFiles(rejects).Where(f => f != result.QuarantinePath), f => Assert.Equal("orphan", File.ReadAllText(f)));
            Assert.Empty(Directory.GetFiles(rejects, "*.partial"));
        }

        [Fact]
        public void ALegal244CharacterFileNameWithRejectedRows_GetsAShortenedDistinctQuarantineName()
        {
            using var dir = new TempDirectory();
            using var store = Prepared(dir);
            var longA = new string('a', 240) + ".csv"; // 244 characters: legal everywhere
            var longB = new string('a', 239) + "b.csv";
            var a = dir.WriteText(longA, Rows.Lines("bad-a;C;7;C;S;1;1", StoreTestKit.OfflineRow(T, "C", null)));
            var b = dir.WriteText(longB, Rows.Lines("bad-b;C;7;C;S;1;1", StoreTestKit.OfflineRow(T.AddMinutes(1), "C", null)));

            var ra = StoreTestKit.Import(store, a);
            var rb = StoreTestKit.Import(store, b);

            Assert.Equal(ImportRunStatus.Imported, ra.StatusValue);
            Assert.Equal(ImportRunStatus.Imported, rb.StatusValue);
            var nameA = Path.GetFileName(ra.QuarantinePath!);
            Assert.True(System.Text.Encoding.UTF8.GetByteCount(nameA) <= QuarantineWriter.MaxNameBytes, nameA);
            Assert.EndsWith(QuarantineWriter.Extension, nameA);
            Assert.Matches("~[0-9a-f]{8}" + System.Text.RegularExpressions.Regex.Escape(QuarantineWriter.Extension) + "$", nameA);
            Assert.Contains("bad-a", File.ReadAllText(ra.QuarantinePath!));
            Assert.Contains("bad-b", File.ReadAllText(rb.QuarantinePath!));
        }

        [Fact]
        public void LongNamesAreCutOnCharacterBoundaries_InUtf8Bytes()
        {
            var name = QuarantineWriter.NameFor(12345, new string('s', 80), T, string.Concat(Enumerable.Repeat("ö😀", 70)) + ".csv");

            Assert.True(System.Text.Encoding.UTF8.GetByteCount(name + QuarantineWriter.Extension) <= QuarantineWriter.MaxNameBytes);
            Assert.DoesNotContain('\uFFFD', System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(name)));
            Assert.StartsWith("12345-" + new string('s', 32) + "-20240301T100000Z-ö😀", name);
        }

        [Fact]
        public void AQuarantineFileThatDoesNotFitOnTheDisk_FailsTheImport_LeavesNothing_AndTheLedgerSaysFailed()
        {
            using var dir = new TempDirectory();
            using var store = Prepared(dir);
            var lines = Enumerable.Range(1, 2000).Select(i => i % 2 == 0 ? $"bad-{i};C;7;C;S;1;1" : StoreTestKit.OfflineRow(T.AddMinutes(i), "C" + i, null)).ToArray();
            var path = dir.WriteText("day.csv", Rows.Lines(lines));
            var rejects = dir.Combine("rejects");
            var options = new OfflineDataImportOptions
            {
                ReportSuite = StoreTestKit.Suite,
                RejectDirectory = rejects,
                OpenQuarantineFile = p => new FullDiskStream(new FileStream(p, FileMode.CreateNew, FileAccess.Write), capacity: 4096),
            };

            var result = new OfflineDataImporter(store).Import(path, options, new CollectingObserver());

            Assert.Equal(ImportRunStatus.Failed, result.StatusValue);
            Assert.Equal(ImportFailureCause.QuarantineFailed, result.FailureCauseValue);
            Assert.Contains("Cannot write the quarantine file", result.Message);
            Assert.Contains("No space left on device", result.Message);
            Assert.Empty(Directory.GetFiles(rejects)); // no .partial, no quarantine file
            Assert.Equal(0, StoreTestKit.CountRows(store));
            var entry = store.GetImports(new ImportLedgerQuery()).Single();
            Assert.Equal(ImportStatus.Failed, entry.StatusValue);
            Assert.Equal(result.Message, entry.Message);
        }

        [Fact]
        public void ConcurrentForcedImportsOfTheSameContent_EachNameTheImportTheyReallyReplaced()
        {
            using var dir = new TempDirectory();
            var storePath = dir.Combine("store.db");
            var path = dir.WriteText("day.csv", StoreTestKit.OfflineRows(T, 50, "C"));
            using (var first = Prepared(dir))
            {
                Assert.Equal(1, StoreTestKit.Import(first, path).ImportId);
            }

            using var a = SqliteOfflineDataStore.Open(storePath, create: false);
            using var b = SqliteOfflineDataStore.Open(storePath, create: false);
            using var bWaits = new ManualResetEventSlim();
            b.WaitingForLock = _ => bWaits.Set();
            Task<ImportResult>? bRun = null;
            var observer = new CollectingObserver
            {
                AfterRow = n =>
                {
                    if (n != 10) return;
                    // A holds the write lock: B has seen import 1 as the newest and now waits for A.
                    bRun = Task.Run(() => StoreTestKit.Import(b, path, force: true));
                    Assert.True(bWaits.Wait(TimeSpan.FromSeconds(30)));
                },
            };

            var ra = StoreTestKit.Import(a, path, force: true, observer: observer);
            // A synchronous test: A imported on this thread; B's import goes on once A has committed.
#pragma warning disable xUnit1031
            var rb = bRun!.GetAwaiter().GetResult();
#pragma warning restore xUnit1031

            Assert.Equal(2, ra.ImportId);
            Assert.Equal(1, ra.PreviousImportId);
            Assert.Equal(3, rb.ImportId);
            Assert.Equal(2, rb.PreviousImportId); // not 1: import 2 is what B replaced
            var ledger = a.GetImports(new ImportLedgerQuery()).ToDictionary(e => e.Id);
            Assert.Equal(3, ledger[2].SupersededBy);
            Assert.Equal(2, ledger[1].SupersededBy);
        }

        /// <summary>A stream that fails like a full disk once <c>capacity</c> bytes were written.</summary>
        private sealed class FullDiskStream : Stream
        {
            private readonly Stream inner;
            private readonly long capacity;

            public FullDiskStream(Stream inner, long capacity)
            {
                this.inner = inner;
                this.capacity = capacity;
            }

            public override bool CanRead => false;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => inner.Length;
            public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
            public override void Flush() => inner.Flush();
            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count)
            {
                if (inner.Length + count > capacity) throw new IOException("No space left on device");
                inner.Write(buffer, offset, count);
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing) inner.Dispose();
                base.Dispose(disposing);
            }
        }
    }
}
