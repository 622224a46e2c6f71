using OfflineData.Core.Findings;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Validation
{
    public class EventTypeTests
    {
        [Theory]
        [InlineData("-1")]
        [InlineData("7.0")]
        [InlineData("7.5")]
        [InlineData("seven")]
        [InlineData("+7")]
        [InlineData(" 7")]
        [InlineData("2147483648")]
        [InlineData("99999999999999999999")]
        public void NotANonNegativeWholeNumber(string value)
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("e.csv", Rows.Lines(Rows.Valid(1), $"2024-05-25 12:25:02;C1;{value};;SKU;1;2"));

            var scan = Scan.File(path);

            var f = Assert.Single(scan.Findings);
            FindingAssert.Located(f, FindingCode.InvalidEventType, FindingSeverity.Error, 2, 2, 3, "Event Type", value, "non-negative whole number");
            Assert.True(scan.Rows[1].HasErrors);
        }

        [Theory]
        [InlineData("0", 0)]
        [InlineData("7", 7)]
        [InlineData("007", 7)]
        [InlineData("2147483647", int.MaxValue)]
        public void ValidEventTypes(string value, int expected)
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("e.csv", Rows.Lines($"2024-05-25 12:25:02;C1;{value};;SKU;1;2"));

            using var reader = OfflineDataReader.Open(path);
            Assert.True(reader.Read());
            Assert.Empty(reader.Findings);
            Assert.Equal(expected, reader.ToRecord().EventType);
        }
    }
}
