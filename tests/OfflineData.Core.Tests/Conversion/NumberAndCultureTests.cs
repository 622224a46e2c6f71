using System.Globalization;
using OfflineData.Core.Conversion;
using OfflineData.Core.Tests.Infrastructure;
using Xunit;

namespace OfflineData.Core.Tests.Conversion
{
    public sealed class NumberAndCultureTests
    {
        [Theory]
        [InlineData("de-DE", "1.234,56", "1234.56")]
        [InlineData("de-DE", "-1.234.567,5", "-1234567.5")]
        [InlineData("de-DE", "12,50", "12.50")]
        [InlineData("sv-SE", "12,50", "12.50")]
        [InlineData("sv-SE", "1 234,56", "1234.56")]
        [InlineData("sv-SE", "1\u00A0234,56", "1234.56")]
        [InlineData("sv-SE", "\u22125,5", "-5.5")]
        [InlineData("sv-SE", "-5,5", "-5.5")]
        [InlineData("en-US", "1,234.56", "1234.56")]
        [InlineData("", "1234.56", "1234.56")]
        [InlineData("", " 7 ", "7")]
        [InlineData("", "1.234", "1.234")]
        public void ParsesInTheCulture(string culture, string text, string expected)
        {
            Assert.True(NumberParser.TryParse(text, CultureInfo.GetCultureInfo(culture), out var value));
            Assert.Equal(expected, value.ToString(CultureInfo.InvariantCulture));
        }

        [Theory]
        [InlineData("", "1,5")]       // never 15
        [InlineData("", "1,500")]     // no culture given: no group separators, so a Swedish 1,500 is never 1500
        [InlineData("en-US", "1,5")]  // a group of one digit is not a thousands group
        [InlineData("de-DE", "1.5")]
        [InlineData("de-DE", "1,2,3")]
        [InlineData("sv-SE", "12.50")]
        [InlineData("", "12 kr")]
        [InlineData("", "")]
        [InlineData("", "-")]
        [InlineData("", "1e5")]
        public void RefusesWhatIsNotANumberInTheCulture(string culture, string text)
        {
            Assert.False(NumberParser.TryParse(text, CultureInfo.GetCultureInfo(culture), out _));
        }

        [Fact]
        public void SwedishExportWithDecimalCommasAndDatesConverts()
        {
            using var dir = new TempDirectory();
            var src = "Datum,Kund,Typ,Artikel,Antal,Belopp\n"
                + "2024-05-25 12:00,C1,7,SKU1,\"2\",\"1 234,50\"\n"
                + "2024-05-25 13:15,C2,7,SKU2,\"1\",\"99,90\"\n";
            var (result, output) = Convert.Run(dir, "src.csv", src, o =>
            {
                o.Culture = CultureInfo.GetCultureInfo("sv-SE");
                o.Mapping = ColumnMapping.Create(
                    new System.Collections.Hashtable { ["Timestamp"] = "Datum", ["CustomerId"] = "Kund", ["EventType"] = "Typ", ["EventName"] = "Artikel", ["Num1"] = "Antal", ["Num2"] = "Belopp" },
                    null);
            });
            Assert.Equal(0, result.RowsRejected);
            Assert.Equal(new[] { "2024-05-25 12:00:00;C1;7;;SKU1;2;1234.50", "2024-05-25 13:15:00;C2;7;;SKU2;1;99.90" }, Convert.DataRows(output));
        }

        [Fact]
        public void GermanNumbersAndDatesConvert()
        {
            using var dir = new TempDirectory();
            var src = "Zeit;Kunde;Art;Produkt;Menge;Umsatz\n25.05.2024 12:00:00;C1;7;SKU1;2;1.234,56\n";
            var (_, output) = Convert.Run(dir, "src.csv", src, o =>
            {
                o.Culture = CultureInfo.GetCultureInfo("de-DE");
                o.TimestampFormats = new[] { "dd.MM.yyyy HH:mm:ss" };
                o.Mapping = ColumnMapping.Create(new System.Collections.Hashtable { ["Timestamp"] = 1, ["CustomerId"] = 2, ["EventType"] = 3, ["EventName"] = 4, ["Num1"] = 5, ["Num2"] = 6 }, null);
            });
            Assert.Equal("2024-05-25 12:00:00;C1;7;;SKU1;2;1234.56", Convert.DataRows(output)[0]);
        }

        [Fact]
        public void EventTypeMustBeANonNegativeInteger()
        {
            using var dir = new TempDirectory();
            var src = "Timestamp,CustomerId,EventType,EventName,Num1,Num2\n2024-05-25 12:00:00,C1,-7,S,1,1\n2024-05-25 12:00:00,C1,7.0,S,1,1\n2024-05-25 12:00:00,C1,7,S,1,1\n";
            var (result, _) = Convert.Run(dir, "src.csv", src);
            Assert.Equal(2, result.RejectReasons[ConversionRejectReason.InvalidEventType]);
            Assert.Equal(1, result.RowsWritten);
        }

        [Fact]
        public void ANumberThatWouldBeWrittenWithMoreThan28DigitsIsRejectedNotWrittenInvalidOrRounded()
        {
            // The validator allows 28 digits; decimal prints up to 29 and rounds longer values to them.
            using var dir = new TempDirectory();
            var src = "Timestamp,CustomerId,EventType,EventName,Num1,Num2\n" +
                "2024-05-25 12:00:00,C1,7,S,1,79228162514264337593543950335\n" +
                "2024-05-25 12:00:00,C1,7,S,1,0.0000000000000000000000000001\n" +
                "2024-05-25 12:00:00,C1,7,S,1,1.00000000000000000000000000001\n" +
                "2024-05-25 12:00:00,C1,7,S,1,7922816251426433759354395033\n";
            var (result, output) = Convert.Run(dir, "src.csv", src);
            Assert.Equal(2, result.RejectReasons[ConversionRejectReason.InvalidNumber]);
            Assert.Equal(2, result.RowsWritten);
            Assert.Contains(";.0000000000000000000000000001\n", output); // 28 digits without the leading 0: valid, value kept
            Assert.Contains(";7922816251426433759354395033", output);
            Convert.AssertValid(result.Destination);
        }

        [Fact]
        public void AValueOfManyQuotesIsMeasuredAsWritten()
        {
            using var dir = new TempDirectory();
            var quotes = "\"" + new string('"', 40000) + "\""; // a quoted source field holding 20,000 quotes
            var src = "Timestamp,CustomerId,EventType,EventName,Num1,Num2,Var1\n2024-05-25 12:00:00,C1,7,S,1,1," + quotes + "\n2024-05-25 12:00:00,C1,7,S,1,2,ok\n";
            var (result, _) = Convert.Run(dir, "src.csv", src);
            Assert.Equal(1, result.RejectReasons[ConversionRejectReason.ValueTooLong]);
            Assert.Equal(1, result.RowsWritten);
            Convert.AssertValid(result.Destination);
        }
    }
}
