using System;
using System.Collections.Generic;
using OfflineData.Core.Measuring;
using Xunit;

namespace OfflineData.Core.Tests.Measuring
{
    /// <summary>A group's distinct IDs: exact in both of its forms (a set while sparse, bits once dense).</summary>
    public class DistinctNumbersTests
    {
        [Theory]
        [InlineData(100, 1000000, false)] // sparse: stays a set
        [InlineData(20000, 30000, true)] // dense: turns into bits, then grows past its first size
        public void CountsEachNumberOnce_AsAHashSetWould(int adds, int range, bool dense)
        {
            var random = new Random(42);
            var distinct = new DistinctNumbers();
            var expected = new HashSet<int>();
            for (int i = 0; i < adds; i++)
            {
                int n = random.Next(range);
                distinct.Add(n);
                expected.Add(n);
            }

            if (dense)
            {
                // Numbers above every one seen so far, once as bits, and repeats of them.
                foreach (var n in new[] { range + 5, range * 3, range + 5, 0, range * 3 })
                {
                    distinct.Add(n);
                    expected.Add(n);
                }
            }

            Assert.Equal(dense, distinct.IsBits);
            Assert.Equal(expected.Count, distinct.Count);
        }
    }
}
