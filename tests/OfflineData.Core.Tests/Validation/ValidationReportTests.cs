using System.Collections.Generic;
using System.Linq;
using OfflineData.Core.Containers;
using OfflineData.Core.Findings;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Validation;
using Xunit;

namespace OfflineData.Core.Tests.Validation
{
    public class ValidationReportTests
    {
        [Fact]
        public void CountsStayExactWhenTheListingIsCapped()
        {
            using var dir = new TempDirectory();
            var lines = new List<string> { Rows.Header };
            for (int i = 1; i <= 30; i++) lines.Add(i % 3 == 0 ? $"2024-05-25 12:25:{i:00};C{i};x;;SKU;1,5;2" : Rows.Valid(i));
            lines.Add(Rows.Valid(1)); // duplicate: a warning
            var path = dir.WriteText("c.csv", Rows.Lines(lines.ToArray()));

            var report = new OfflineDataValidator(maxListedFindings: 5).Validate(path);

            Assert.Equal(5, report.Findings.Count);
            Assert.True(report.FindingsTruncated);
            Assert.Equal(31, report.RowCount);
            Assert.Equal(10, report.InvalidRowCount);
            Assert.Equal(21, report.ValidRowCount);
            Assert.Equal(20, report.ErrorCount);
            Assert.Equal(1, report.WarningCount);
            Assert.False(report.IsValid);
            Assert.Equal(1, report.HeaderRows);
            Assert.Equal(
                new[] { (FindingCode.DuplicateRow, 1L), (FindingCode.InvalidEventType, 10L), (FindingCode.InvalidNumber, 10L) },
                report.CodeCounts.Select(c => (c.CodeValue, c.Count)));
            Assert.Equal(FindingSeverity.Warning, report.CodeCounts[0].SeverityValue);
            Assert.Equal("InvalidEventType=10", report.CodeCounts[1].ToString());
            // The listed ones are the first in file order.
            Assert.Equal(new long?[] { 4, 4, 7, 7, 10 }, report.Findings.Select(f => f.Line));
        }

        [Fact]
        public void ListingExactlyAtTheCapIsNotTruncated()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("c.csv", Rows.Lines("2024-05-25 12:25:01;C1;x;;SKU;1;2", "2024-05-25 12:25:02;C1;y;;SKU;1;2"));

            var report = new OfflineDataValidator(maxListedFindings: 2).Validate(path);

            Assert.Equal(2, report.Findings.Count);
            Assert.False(report.FindingsTruncated);
        }

        [Fact]
        public void ValidFileReport()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("ok.csv", Rows.Lines(Rows.Header, Rows.Valid(1), Rows.Valid(2), Rows.Valid(3)));

            var report = new OfflineDataValidator().Validate(path);

            Assert.True(report.IsValid);
            Assert.Equal(3, report.RowCount);
            Assert.Equal(3, report.ValidRowCount);
            Assert.Equal(0, report.InvalidRowCount);
            Assert.Equal(0, report.ErrorCount);
            Assert.Equal(0, report.WarningCount);
            Assert.Empty(report.Findings);
            Assert.Empty(report.CodeCounts);
            Assert.False(report.FindingsTruncated);
            Assert.Equal(1, report.HeaderRows);
            Assert.Equal("ok.csv", report.Name);
            Assert.Equal(new System.IO.FileInfo(path).Length, report.Bytes);
            Assert.Equal(ContainerFormat.Plain, report.FormatValue);
        }

        [Fact]
        public void WarningsAloneKeepTheFileValid()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("w.csv", Rows.Lines(Rows.Valid(1), "", Rows.Valid(1)));

            var report = new OfflineDataValidator().Validate(path);

            Assert.True(report.IsValid);
            Assert.Equal(2, report.WarningCount);
            Assert.Equal(2, report.ValidRowCount);
        }

        [Fact]
        public void ProgressIsReportedAndEndsAtTheFileLength()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("p.csv", Rows.Lines(Enumerable.Range(1, 20000).Select(i => $"2024-05-25 12:25:{i % 60:00};C{i};7;;SKU;1;2").ToArray()));
            long length = new System.IO.FileInfo(path).Length;
            var calls = new List<(long Read, long Total)>();

            var report = new OfflineDataValidator().Validate(path, (read, total) => calls.Add((read, total)));

            Assert.True(calls.Count >= 2, "progress should be reported during the pass, not only at the end");
            Assert.All(calls, c => Assert.Equal(length, c.Total));
            Assert.All(calls, c => Assert.InRange(c.Read, 0, length));
            Assert.Equal(calls.Select(c => c.Read).OrderBy(r => r), calls.Select(c => c.Read));
            Assert.Equal(length, calls[calls.Count - 1].Read);
            Assert.Equal(20000, report.RowCount);
        }

        [Fact]
        public void CancellationStopsThePass()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("p.csv", Rows.Lines(Enumerable.Range(1, 20000).Select(i => $"2024-05-25 12:25:{i % 60:00};C{i};7;;SKU;1;2").ToArray()));
            using var cts = new System.Threading.CancellationTokenSource();
            cts.Cancel();

            Assert.Throws<System.OperationCanceledException>(() => new OfflineDataValidator().Validate(path, null, cts.Token));
        }
    }
}
