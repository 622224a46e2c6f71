using System;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Validation;
using Xunit;

namespace OfflineData.Core.Tests.Validation
{
    public class FutureTimestampTests
    {
        private static readonly DateTime Now = new DateTime(2024, 6, 1, 12, 0, 0);

        [Fact]
        public void TimestampAfterNowIsAWarningAndTheRowStaysValid()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("f.csv", Rows.Lines("2024-06-01 12:00:00;C1;7;;SKU;1;2", "2024-06-01 12:00:01;C2;7;;SKU;1;2"));

            var scan = Scan.File(path, new OfflineDataReaderOptions { Now = Now });

            var f = scan.Single(FindingCode.FutureTimestamp);
            FindingAssert.Located(f, FindingCode.FutureTimestamp, FindingSeverity.Warning, 2, 2, 1, "Time Stamp", "2024-06-01 12:00:01", "future", "2024-06-01 12:00:00");
            Assert.False(scan.Rows[1].HasErrors);
        }

        [Fact]
        public void ValidatorKeepsTheFileValidWithAFutureTimestamp()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("f.csv", Rows.Lines("2099-01-01 00:00:00;C1;7;;SKU;1;2"));

            var report = new OfflineDataValidator(new OfflineDataReaderOptions { Now = Now }).Validate(path);

            Assert.True(report.IsValid);
            Assert.Equal(1, report.WarningCount);
            Assert.Equal(1, report.ValidRowCount);
        }
    }
}
