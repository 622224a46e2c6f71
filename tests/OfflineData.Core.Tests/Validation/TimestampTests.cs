using System;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Validation
{
    public class TimestampTests
    {
        [Theory]
        [InlineData("2024-05-25T12:25:43")]
        [InlineData("2024-05-25 12:25")]
        [InlineData("25.05.2024 12:25:43")]
        [InlineData("2024-5-25 12:25:43")]
        [InlineData("2024-05-25 12:25:43.123")]
        [InlineData(" 2024-05-25 12:25:43")]
        [InlineData("2024/05/25 12:25:43")]
        public void WrongFormat(string value)
        {
            var f = OnlyFinding(value);

            FindingAssert.Located(f, FindingCode.InvalidTimestamp, FindingSeverity.Error, 2, 2, 1, "Time Stamp", value, "yyyy-MM-dd HH:mm:ss");
        }

        [Theory]
        [InlineData("2023-02-29 10:00:00")]
        [InlineData("2024-13-01 10:00:00")]
        [InlineData("2024-04-31 10:00:00")]
        [InlineData("2024-01-01 24:00:00")]
        [InlineData("2024-01-01 23:60:00")]
        [InlineData("2024-01-01 23:59:60")]
        [InlineData("0000-01-01 00:00:00")]
        [InlineData("2024-00-10 00:00:00")]
        public void NotARealDateOrTime(string value)
        {
            var f = OnlyFinding(value);

            FindingAssert.Located(f, FindingCode.InvalidTimestamp, FindingSeverity.Error, 2, 2, 1, "Time Stamp", value, "not a real date");
        }

        [Theory]
        [InlineData("2024-02-29 00:00:00", 2024, 2, 29, 0, 0, 0)]
        [InlineData("2000-02-29 23:59:59", 2000, 2, 29, 23, 59, 59)]
        [InlineData("2024-12-31 23:59:59", 2024, 12, 31, 23, 59, 59)]
        public void ValidTimestampsIncludingLeapDays(string value, int y, int mo, int d, int h, int mi, int s)
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("t.csv", Rows.Lines(value + ";C1;7;;SKU;1;2"));
            using var reader = OfflineDataReader.Open(path, new OfflineDataReaderOptions { Now = new DateTime(2030, 1, 1) });

            Assert.True(reader.Read());
            Assert.Empty(reader.Findings);
            Assert.Equal(new DateTime(y, mo, d, h, mi, s), reader.ToRecord().Timestamp);
        }

        private static Finding OnlyFinding(string timestamp)
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("t.csv", Rows.Lines(Rows.Valid(1), timestamp + ";C1;7;;SKU;1;2"));

            var scan = Scan.File(path, new OfflineDataReaderOptions { Now = new DateTime(2030, 1, 1) });

            Assert.True(scan.Rows[1].HasErrors);
            return Assert.Single(scan.Findings);
        }
    }
}
