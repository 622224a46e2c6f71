using System.Text;
using System.Text.RegularExpressions;
using OfflineData.Core.Reading;
using Xunit;

namespace OfflineData.Core.Tests.Reading
{
    /// <summary>The word-at-a-time timestamp shape check agrees with the plain rule for every byte at every position.</summary>
    public class TimestampShapeTests
    {
        private static readonly Regex Shape = new Regex("^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$", RegexOptions.CultureInvariant);

        [Fact]
        public void EveryByteAtEveryPositionIsJudgedAsTheRuleSays()
        {
            var valid = System.Text.Encoding.ASCII.GetBytes("2024-05-25 12:25:43");
            for (int position = 0; position < valid.Length; position++)
            {
                for (int b = 0; b < 256; b++)
                {
                    var bytes = (byte[])valid.Clone();
                    bytes[position] = (byte)b;
                    // ISO-8859-1 by code page: Encoding.Latin1 does not exist on .NET Framework, where these tests also run (Mono).
                    bool expected = Shape.IsMatch(System.Text.Encoding.GetEncoding(28591).GetString(bytes));
                    Assert.True(expected == FieldParsers.LooksLikeTimestamp(bytes), $"byte 0x{b:X2} at {position}");
                }
            }
        }
    }
}
