using System;
using OfflineData.Core.Exporting;
using Xunit;

namespace OfflineData.Core.Tests.Exporting
{
    /// <summary>The five-year rule of seed 003, in calendar years (From.AddYears(5)), leap days included.</summary>
    public sealed class ExportRangeTests
    {
        [Theory]
        [InlineData("2020-01-01", "2025-01-01")] // exactly five years
        [InlineData("2020-02-29", "2025-02-28")] // from a leap day: AddYears lands on 28 February
        [InlineData("2019-03-01", "2024-03-01")] // five years holding a leap day (1827 days)
        [InlineData("2024-01-01", "2024-01-01T00:00:01")]
        public void UpToFiveCalendarYearsIsAllowed(string from, string to)
        {
            ExportRange.Check(DateTime.Parse(from), DateTime.Parse(to));
        }

        [Theory]
        [InlineData("2020-01-01", "2025-01-02", "2025-01-01")] // one day more
        [InlineData("2020-02-29", "2025-03-01", "2025-02-28")] // one day more than the leap day's five years
        [InlineData("2020-01-01", "2025-01-01T00:00:01", "2025-01-01")]
        public void MoreThanFiveYearsIsRefused_NamingBothDatesAndTheLatestTo(string from, string to, string latest)
        {
            var e = Assert.Throws<ExportException>(() => ExportRange.Check(DateTime.Parse(from), DateTime.Parse(to)));

            Assert.Equal("ExportRangeTooLong", e.ErrorId);
            Assert.True(e.IsInvalidArgument);
            Assert.Contains(from, e.Message);
            Assert.Contains(to.Replace('T', ' '), e.Message);
            Assert.Contains("at most " + latest, e.Message);
            Assert.Equal(from + " to " + to.Replace('T', ' '), e.Target);
        }

        [Theory]
        [InlineData("2024-01-02", "2024-01-01")]
        [InlineData("2024-01-01", "2024-01-01")]
        public void ToMustBeAfterFrom(string from, string to)
        {
            var e = Assert.Throws<ExportException>(() => ExportRange.Check(DateTime.Parse(from), DateTime.Parse(to)));

            Assert.Equal("ExportRangeEmpty", e.ErrorId);
            Assert.Contains(from, e.Message);
        }
    }
}
