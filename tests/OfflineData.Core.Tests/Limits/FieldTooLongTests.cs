using System.Linq;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Limits
{
    public class FieldTooLongTests
    {
        [Fact]
        public void FieldOverTheLimitIsAnErrorWithAShortenedRawValue()
        {
            using var dir = new TempDirectory();
            var longName = new string('x', 300);
            var path = dir.WriteText("f.csv", Rows.Lines(Rows.Valid(1), $"2024-05-25 12:25:02;C1;7;;{longName};1;2", Rows.Valid(3)));
            var options = new OfflineDataReaderOptions { MaxFieldLength = 256, MaxRecordLength = 4096 };

            var scan = Scan.File(path, options);

            var f = scan.Single(FindingCode.FieldTooLong);
            FindingAssert.Located(f, FindingCode.FieldTooLong, FindingSeverity.Error, 2, 2, 5, "Event Name", new string('x', 200) + "…", "300 bytes", "256");
            Assert.Equal(new[] { false, true, false }, new[] { scan.Rows[0].HasErrors, scan.Rows[1].HasErrors, scan.Rows[2].HasErrors });
            Assert.Equal(3, scan.Rows[2].Line);
        }

        [Fact]
        public void ShortenedRawValueNeverEndsInHalfACharacter()
        {
            using var dir = new TempDirectory();
            // 199 letters then emoji: the 200th and 201st UTF-16 chars are one surrogate pair.
            var value = new string('x', 199) + string.Concat(Enumerable.Repeat("😀", 100));
            var path = dir.WriteText("f.csv", Rows.Lines($"2024-05-25 12:25:02;C1;7;;{value};1;2"));

            var f = Scan.File(path, new OfflineDataReaderOptions { MaxFieldLength = 256, MaxRecordLength = 4096 }).Single(FindingCode.FieldTooLong);

            Assert.EndsWith("…", f.RawValue);
            var kept = f.RawValue!.Substring(0, f.RawValue.Length - 1);
            Assert.False(char.IsHighSurrogate(kept[kept.Length - 1]), "a lone high surrogate breaks XML, JSON and console output");
            Assert.StartsWith(kept, value);
        }

        [Fact]
        public void FieldExactlyAtTheLimitIsFine()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("f.csv", Rows.Lines($"2024-05-25 12:25:02;C1;7;;{new string('x', 256)};1;2"));

            Assert.Empty(Scan.File(path, new OfflineDataReaderOptions { MaxFieldLength = 256, MaxRecordLength = 4096 }).Findings);
        }

        [Fact]
        public void QuotedFieldOverTheLimitIsLocatedAtTheLineItOpens()
        {
            using var dir = new TempDirectory();
            var text = new string('y', 100) + "\n" + new string('z', 100);
            var path = dir.WriteText("f.csv", Rows.Lines(Rows.Valid(1), $"2024-05-25 12:25:02;C1;7;;SKU;1;2;\"{text}\"", Rows.Valid(3)));

            var scan = Scan.File(path, new OfflineDataReaderOptions { MaxFieldLength = 64, MaxRecordLength = 4096 });

            var f = scan.Single(FindingCode.FieldTooLong);
            Assert.Equal(2, f.Line);
            Assert.Equal(8, f.ColumnNumber);
            Assert.Equal("Var1", f.ColumnName);
            Assert.Equal(4, scan.Rows[2].Line);
        }
    }
}
