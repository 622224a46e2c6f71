using System.Text;
using OfflineData.Core.Reading;
using OfflineData.Core.Validation;
using Xunit;

namespace OfflineData.Core.Tests.Reading
{
    /// <summary>The duplicate check answers exactly, across table growth and batched inserts, and stays within its capacity.</summary>
    public class DuplicateRowDetectorTests
    {
        private static byte[] Row(int n) => System.Text.Encoding.UTF8.GetBytes($"2024-05-25 12:25:00;C{n};7;;SKU-{n};1;{n}.50");

        [Fact]
        public void EveryEarlierRowIsFoundAndNoNewOneIs()
        {
            var detector = new DuplicateRowDetector(1_000_000);
            for (int n = 0; n < 300_000; n++)
            {
                Assert.False(detector.SeenBefore(Row(n)));

                // A duplicate a few rows later (still in the pending batch) and one far later (in the table).
                if (n % 1000 == 3) Assert.True(detector.SeenBefore(Row(n - 2)));
            }

            for (int n = 0; n < 300_000; n += 7) Assert.True(detector.SeenBefore(Row(n)));
            for (int n = 300_000; n < 310_000; n++) Assert.False(detector.SeenBefore(Row(n)));
            Assert.False(detector.IsFull);
        }

        [Fact]
        public void PastItsCapacityRowsAreComparedButNotRemembered()
        {
            var detector = new DuplicateRowDetector(5000);
            for (int n = 0; n < 5000; n++) Assert.False(detector.SeenBefore(Row(n)));
            Assert.True(detector.IsFull);

            Assert.False(detector.SeenBefore(Row(6000)));
            Assert.False(detector.SeenBefore(Row(6000))); // not remembered
            Assert.True(detector.SeenBefore(Row(0)));
            Assert.True(detector.SeenBefore(Row(4999)));
        }

        [Theory]
        [InlineData(100, 1_000_000)]
        [InlineData(70_000, 200_000)]
        [InlineData(5_000, 1_000)] // a hint below what was already seen changes nothing
        public void SizingForTheExpectedRowsMidwayKeepsEveryAnswer(int before, long expected)
        {
            var detector = new DuplicateRowDetector(1_000_000);
            for (int n = 0; n < before; n++) Assert.False(detector.SeenBefore(Row(n)));

            // Rows still in the pending batch and rows in the table must both survive the resize.
            detector.ExpectRows(expected);

            for (int n = 0; n < before; n++) Assert.True(detector.SeenBefore(Row(n)));
            for (int n = before; n < before + 20_000; n++) Assert.False(detector.SeenBefore(Row(n)));
            for (int n = before; n < before + 20_000; n += 3) Assert.True(detector.SeenBefore(Row(n)));
        }
    }
}
