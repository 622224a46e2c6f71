using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using OfflineData.Core.Conversion;
using OfflineData.Core.Tests.Infrastructure;
using OfflineData.Core.Writing;
using Xunit;

namespace OfflineData.Core.Tests.Conversion
{
    /// <summary>
    /// Issue 8, Convert speed: the fast paths (numbers without allocation, ISO timestamps through the format's field
    /// parser, one pass per value for the size checks, block transcoding) give exactly what the general code gives.
    /// </summary>
    public sealed class FastPathTests
    {
        private static readonly string[] Cultures = { "", "sv-SE", "de-DE", "en-US", "fr-FR", "de-CH", "hi-IN" };

        [Fact]
        public void TheAllocationFreeNumberPathAgreesWithTheGeneralParserOnRandomTexts()
        {
            var random = new Random(8);
            const string alphabet = "0123456789.,  \u00A0\u202F'-+e";
            int fast = 0;
            foreach (var name in Cultures)
            {
                var culture = CultureInfo.GetCultureInfo(name);
                for (int i = 0; i < 20000; i++)
                {
                    var text = new string(Enumerable.Range(0, random.Next(1, 12)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
                    if (i % 3 == 0) text = (random.Next(0, 2000000) / 100m).ToString("N2", culture); // the culture's own form
                    bool general = NumberParser.TryParseGeneral(text, culture, out var expected);
                    if (!NumberParser.TryParseSimple(text, culture.NumberFormat, culture.Name.Length > 0, out var value)) continue;
                    fast++;
                    Assert.True(general, $"'{text}' in '{name}': the fast path took what the general parser refuses");
                    Assert.Equal(expected, value);
                    Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), value.ToString(CultureInfo.InvariantCulture)); // the scale too
                }
            }

            Assert.True(fast > 20000, $"the fast path took only {fast} texts");
        }

        [Theory]
        [InlineData("yyyy-MM-dd HH:mm:ss", "")]
        [InlineData("yyyy-MM-dd HH:mm", "sv-SE")]
        [InlineData("yyyy-MM-dd'T'HH:mm:ss", "de-DE")]
        [InlineData("yyyy-MM-dd'T'HH:mm", "")]
        [InlineData("yyyy-MM-dd HH:mm", "th-TH")] // Buddhist calendar: the fast path must stay off
        public void IsoTimestampsParseAsTryParseExactDoes(string format, string cultureName)
        {
            var culture = CultureInfo.GetCultureInfo(cultureName);
            var converter = new TimestampConverter(new[] { format }, culture, null, null);
            var random = new Random(format.Length);
            foreach (var i in Enumerable.Range(0, 5000))
            {
                var text = $"{random.Next(0, 10000):D4}-{random.Next(0, 14):D2}-{random.Next(0, 33):D2}{(format.Contains('T') ? 'T' : ' ')}{random.Next(0, 25):D2}:{random.Next(0, 61):D2}";
                if (format.EndsWith(":ss", StringComparison.Ordinal)) text += $":{random.Next(0, 61):D2}";
                if (i % 7 == 0) text = text.Replace('T', ' ').Replace("-0", "-x");
                bool expected = DateTime.TryParseExact(text, format, culture, DateTimeStyles.AllowWhiteSpaces, out var value);
                bool actual = converter.TryConvert(text, out var converted, out _, out _);
                Assert.True(expected == actual, $"'{text}' as '{format}' in '{cultureName}'");
                if (expected) Assert.Equal(value, converted);
            }
        }

        [Fact]
        public void OnePassMeasureCountsAsTheWriterDoes()
        {
            var random = new Random(88);
            var pieces = new[] { "a", "é", "€", "😀", "\"", ";", "\n", "\r", " ", "\uD800", "\uDC00", "x" };
            for (int i = 0; i < 20000; i++)
            {
                var value = string.Concat(Enumerable.Range(0, random.Next(1, 10)).Select(_ => pieces[random.Next(pieces.Length)]));
                var measure = RecordRules.Measure(value);
                Assert.Equal(OfflineDataWriter.FieldContentBytes(value), measure.ContentBytes);
                Assert.Equal(OfflineDataWriter.WrittenFieldBytes(value), measure.WrittenBytes);
                Assert.Equal(value.IndexOf('\n') >= 0, measure.LineFeed);
            }
        }

        [Theory]
        [InlineData("windows-1252")]
        [InlineData("utf-16")]
        [InlineData("utf-8")]
        public void ALargeSourceInAnyEncodingConvertsToTheSameFileAcrossTranscodingBlocks(string encodingName)
        {
            using var dir = new TempDirectory();
            SourceEncodings.EnsureCodePagesRegistered();
            var text = new StringBuilder("Timestamp,CustomerId,EventType,EventName,Num1,Num2,Var1\r\n");
            for (int i = 0; i < 6000; i++) text.Append($"2024-05-25 12:{i % 60:D2}:00,C{i},7,\"Ström, \"\"{i}\"\"\",1,{i}.5,Malmö Åsa\r\n");
            var encoding = encodingName == "utf-8" ? new UTF8Encoding(false) : System.Text.Encoding.GetEncoding(encodingName);
            var src = dir.WriteBytes("src.csv", encoding.GetPreamble().Concat(encoding.GetBytes(text.ToString())).ToArray());

            var result = new OfflineDataConverter(new ConversionOptions { Encoding = encodingName == "windows-1252" ? encoding : null }).Convert(src, dir.Combine("out.csv"));

            Assert.Equal((6000L, 6000L), (result.RowsRead, result.RowsWritten));
            var rows = File.ReadAllLines(dir.Combine("out.csv"));
            Assert.Equal("2024-05-25 12:59:00;C5999;7;;\"Ström, \"\"5999\"\"\";1;5999.5;Malmö Åsa", rows[6000]);
        }

        [Fact]
        public void TheSpannedArchiveMarkerIsAZipOnEveryPath()
        {
            // Decided once, in InputContainer: a file starting PK\x07\x08 (a single-segment archive of a split-capable
            // writer) is a zip. PathAgreementTests checks the four paths read its rows alike; here, that Convert calls it Zip.
            using var dir = new TempDirectory();
            var path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "corpus", "broken", "spanned-marker.zip");
            Assert.Equal(new byte[] { (byte)'P', (byte)'K', 7, 8 }, File.ReadAllBytes(path).Take(4).ToArray());

            var result = new OfflineDataConverter(new ConversionOptions()).Convert(path, dir.Combine("out.csv"));

            Assert.Equal("Zip", result.Container);
            Assert.Equal(199, result.RowsWritten);
        }
    }
}
