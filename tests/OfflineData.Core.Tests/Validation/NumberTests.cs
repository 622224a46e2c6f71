using System.Linq;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Validation
{
    public class NumberTests
    {
        [Theory]
        [InlineData("1,5", "decimal separator")]
        [InlineData("12,50", "decimal separator")]
        [InlineData("1,234.50", "decimal separator")]
        [InlineData("1e5", "not a number")]
        [InlineData("1 000", "not a number")]
        [InlineData("12.50 ", "not a number")]
        [InlineData("1.2.3", "not a number")]
        [InlineData(".", "not a number")]
        [InlineData("-", "not a number")]
        [InlineData("$12", "not a number")]
        [InlineData("NaN", "not a number")]
        [InlineData("(12.50)", "not a number")]
        [InlineData("99999999999999999999999999999", "not a number")]
        [InlineData("١٢", "not a number")]
        public void Num1AndNum2RejectWhatIsNotAnInvariantNumber(string value, string mention)
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("n.csv", Rows.Lines(Rows.Valid(1), $"2024-05-25 12:25:02;C1;7;;SKU;{value};2", $"2024-05-25 12:25:03;C1;7;;SKU;1;{value}"));

            var scan = Scan.File(path);

            var findings = scan.Findings.Where(f => f.CodeValue == FindingCode.InvalidNumber).ToList();
            Assert.Equal(2, findings.Count);
            Assert.Equal(2, scan.Findings.Count);
            FindingAssert.Located(findings[0], FindingCode.InvalidNumber, FindingSeverity.Error, 2, 2, 6, "Num1", value, "Num1", mention);
            FindingAssert.Located(findings[1], FindingCode.InvalidNumber, FindingSeverity.Error, 3, 3, 7, "Num2", value, "Num2", mention);
            Assert.Equal(new[] { false, true, true }, scan.Rows.Select(r => r.HasErrors));
        }

        [Theory]
        [InlineData("-12.50", "-12.50")]
        [InlineData("+3", "3")]
        [InlineData("0", "0")]
        [InlineData("12.5", "12.5")]
        [InlineData(".5", "0.5")]
        [InlineData("+.5", "0.5")]
        [InlineData("5.", "5")]
        [InlineData("-0.00", "0")]
        [InlineData("0012.50", "12.5")]
        [InlineData("9999999999999999999999999999", "9999999999999999999999999999")]
        [InlineData("1234567.89", "1234567.89")]
        public void ValidNumbers(string value, string expected)
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("n.csv", Rows.Lines($"2024-05-25 12:25:02;C1;7;;SKU;{value};{value}"));

            using var reader = OfflineDataReader.Open(path);
            Assert.True(reader.Read());
            Assert.Empty(reader.Findings);
            var record = reader.ToRecord();
            var want = decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(want, record.Num1);
            Assert.Equal(want, record.Num2);
        }

        [Fact]
        public void CommaIsNeverReadAsAThousandsSeparator()
        {
            using var dir = new TempDirectory();
            var path = dir.WriteText("n.csv", Rows.Lines("2024-05-25 12:25:02;C1;7;;SKU;1,5;2"));

            using var reader = OfflineDataReader.Open(path);
            Assert.True(reader.Read());
            Assert.True(reader.RowHasErrors);
            Assert.Throws<System.InvalidOperationException>(() => reader.ToRecord());
        }
    }
}
