using System.Collections.Generic;
using System.Linq;
using OfflineData.Core.Measuring;
using Xunit;

namespace OfflineData.Core.Tests.Measuring
{
    /// <summary>The file summary's Customer ID numbering: exact, whatever the keys' lengths, also after growing.</summary>
    public class Utf8KeyTableTests
    {
        [Fact]
        public void EqualBytesGetOneNumber_OtherBytesAnother_ShortLongAndPaddedAlike()
        {
            var table = new Utf8KeyTable();
            // Keys of 0 to 40 bytes, keys that differ only by trailing zero bytes or past byte 16, 200,000 in all.
            var keys = new List<byte[]> { new byte[0], new byte[] { 0 }, new byte[] { 0, 0 }, System.Text.Encoding.UTF8.GetBytes("A"), new byte[] { (byte)'A', 0 } };
            for (int i = 0; i < 200000; i++) keys.Add(System.Text.Encoding.UTF8.GetBytes("CUST-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(i % 36, 'x')));
            keys.Add(System.Text.Encoding.UTF8.GetBytes("0123456789abcdef-long-1"));
            keys.Add(System.Text.Encoding.UTF8.GetBytes("0123456789abcdef-long-2"));
            keys.Add(System.Text.Encoding.UTF8.GetBytes("Öland"));
            var distinct = keys.Select(k => System.Convert.ToBase64String(k)).Distinct().Count();

            var first = keys.Select(k => table.GetOrAdd(k)).ToList();
            var again = keys.Select(k => table.GetOrAdd((byte[])k.Clone())).ToList();

            Assert.Equal(distinct, table.Count);
            Assert.Equal(first, again);
            Assert.Equal(Enumerable.Range(0, distinct), first.Distinct().OrderBy(n => n));
            Assert.NotEqual(first[1], first[2]);
            Assert.NotEqual(first[0], first[1]);
            Assert.NotEqual(first[3], first[4]);
        }
    }
}
