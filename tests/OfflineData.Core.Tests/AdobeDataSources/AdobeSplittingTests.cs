using System;
using System.IO;
using System.Linq;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Writing.AdobeDataSources;
using Xunit;
using static OfflineData.Core.Tests.AdobeDataSources.AdobeTestRows;

namespace OfflineData.Core.Tests.AdobeDataSources
{
    public sealed class AdobeSplittingTests
    {
        private static readonly DateTime Start = new DateTime(2026, 1, 1, 9, 0, 0);

        [Fact]
        public void ExactlyNinetyUniqueDays_OneFile()
        {
            using var dir = new TempDirectory();
            var rows = Enumerable.Range(0, 90).SelectMany(d => new[] { Purchase(Start.AddDays(d)), Purchase(Start.AddDays(d).AddHours(1)) });
            var writer = WriteAll(dir, Options(), rows);
            var file = Assert.Single(writer.Files);
            Assert.Equal(90, file.Days);
            Assert.Equal(180, file.Rows);
            Assert.Equal(Start, file.FirstDate);
            Assert.Equal(Start.AddDays(89).AddHours(1), file.LastDate);
        }

        [Fact]
        public void NinetyFirstDay_StartsTheNextFile()
        {
            using var dir = new TempDirectory();
            var writer = WriteAll(dir, Options(), Enumerable.Range(0, 91).Select(d => Purchase(Start.AddDays(d))));
            Assert.Equal(new[] { 90, 1 }, writer.Files.Select(f => f.Days).ToArray());
            Assert.Equal(new[] { "ds_0001.txt", "ds_0002.txt" }, writer.Files.Select(f => f.Name).ToArray());
            Assert.Equal("Date\ttransactionID\tProduct\tCategory\tQuantity\tPrice\tOrders", Lines(writer.Files[1].FullName)[0]);
            Assert.StartsWith("04/01/2026/09/00/00\t", Lines(writer.Files[1].FullName)[1]);
        }

        [Fact]
        public void DatesOutOfOrder_NoFileExceedsTheDayLimit()
        {
            using var dir = new TempDirectory();
            // Days 0..4 then 0..4 again, limit 3: days are counted per output file, never sorted globally.
            var rows = Enumerable.Range(0, 5).Concat(Enumerable.Range(0, 5)).Select(d => Purchase(Start.AddDays(d)));
            var writer = WriteAll(dir, Options(o => o.MaxDays = 3), rows);
            Assert.All(writer.Files, f => Assert.True(f.Days <= 3));
            Assert.Equal(10, writer.Files.Sum(f => f.Rows));
            foreach (var f in writer.Files)
            {
                var days = Lines(f.FullName).Skip(1).Select(l => l.Substring(0, 10)).Distinct().Count();
                Assert.Equal(f.Days, days);
            }
        }

        [Fact]
        public void MaxDaysAboveNinetyIsRefused()
            => Assert.Throws<ArgumentException>(() => new AdobeDataSourceWriter(Path.GetTempPath(), Options(o => o.MaxDays = 91)));

        [Fact]
        public void SizeLimit_NoFileExceedsItAndRowsAreNotLost()
        {
            using var dir = new TempDirectory();
            var header = "Date\ttransactionID\tProduct\tCategory\tQuantity\tPrice\tOrders\n".Length;
            var row = "01/01/2026/09/00/00\tT1\tSKU1\tCAT\t2\t19.90\t1\n".Length;
            var rows = Enumerable.Range(0, 10).Select(i => Purchase(Start, transactionId: "T" + i % 10));
            // Room for exactly three rows per file.
            var writer = WriteAll(dir, Options(o => { o.MaxRowBytes = 64; o.MaxFileBytes = header + 3 * row; }), rows);
            Assert.Equal(new long[] { 3, 3, 3, 1 }, writer.Files.Select(f => f.Rows).ToArray());
            Assert.All(writer.Files, f => Assert.True(new FileInfo(f.FullName).Length <= header + 3 * row));
            Assert.Equal(header + 3 * row, writer.Files[0].Bytes);
            Assert.Equal(45L * 1024 * 1024, new AdobeDataSourceOptions().MaxFileBytes);
        }

        [Fact]
        public void NamesSortInCreationOrder()
        {
            using var dir = new TempDirectory();
            var writer = WriteAll(dir, Options(o => o.MaxDays = 1), Enumerable.Range(0, 12).Select(d => Purchase(Start.AddDays(d))));
            var created = writer.Files.Select(f => f.Name).ToArray();
            Assert.Equal(12, created.Length);
            Assert.Equal(created.OrderBy(n => n, StringComparer.Ordinal).ToArray(), created);
            Assert.Equal(created, Directory.GetFiles(dir.FullName).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal).ToArray());
            Assert.All(created, n => Assert.EndsWith(".txt", n, StringComparison.Ordinal));
            Assert.Equal("ds_0010.txt", created[9]);
        }

        [Fact]
        public void AtomicWrites_NoFinalNameWhileWritingAndNoneAfterAnAbort()
        {
            using var dir = new TempDirectory();
            var seen = new System.Collections.Generic.List<string>();
            using (var writer = new AdobeDataSourceWriter(dir.FullName, Options(o => o.MaxDays = 1), f => seen.Add(f.Name)))
            {
                writer.Write(Purchase(Start));
                Assert.Empty(Directory.GetFiles(dir.FullName, "*.txt"));
                Assert.Single(Directory.GetFiles(dir.FullName, ".ds_0001.txt.*.tmp"));

                // The second day closes the first file: it is moved into place complete, the second is still temporary.
                writer.Write(Purchase(Start.AddDays(1)));
                Assert.Equal(new[] { "ds_0001.txt" }, Directory.GetFiles(dir.FullName, "*.txt").Select(Path.GetFileName).ToArray());
                Assert.Equal(new[] { "ds_0001.txt" }, seen);
                Assert.Equal(2, Lines(dir.Combine("ds_0001.txt")).Length);

                // Disposed without Complete (an error, Ctrl+C): the unfinished file never gets its final name.
            }

            Assert.Equal(new[] { "ds_0001.txt" }, Directory.GetFiles(dir.FullName).Select(Path.GetFileName).ToArray());
        }

        [Fact]
        public void ExistingFileIsNotOverwritten()
        {
            using var dir = new TempDirectory();
            dir.WriteText("ds_0001.txt", "keep");
            using var writer = new AdobeDataSourceWriter(dir.FullName, Options());
            var e = Assert.Throws<OfflineData.Core.Conversion.ConversionException>(() => writer.Write(Purchase(Start)));
            Assert.Contains("ds_0001.txt", e.Message);
            Assert.Equal("keep", File.ReadAllText(dir.Combine("ds_0001.txt")));
        }

        [Fact]
        public void DryRun_PlansTheSameFilesAndWritesNothing()
        {
            using var dir = new TempDirectory();
            var rows = Enumerable.Range(0, 91).Select(d => Purchase(Start.AddDays(d))).ToList();
            rows.Add(Purchase(Start, product: "a;b"));
            var plan = WriteAll(dir, Options(o => { o.DryRun = true; o.RejectPath = dir.Combine("r.csv"); }), rows);
            Assert.Empty(Directory.GetFileSystemEntries(dir.FullName));
            using var dir2 = new TempDirectory();
            var real = WriteAll(dir2, Options(), rows);
            Assert.Equal(real.Files.Select(f => (f.Name, f.Rows, f.Days, f.Bytes)), plan.Files.Select(f => (f.Name, f.Rows, f.Days, f.Bytes)));
            Assert.All(plan.Files, f => Assert.False(f.Written));
            Assert.Equal(1, plan.RejectCounts[nameof(AdobePreflightCode.AdobeSemicolonInDimension)]);
        }
    }
}
