using System;
using System.Collections.Generic;
using System.Globalization;
using OfflineData.Core.Conversion;
using OfflineData.Core.Format;
using OfflineData.Core.Writing;
using Xunit;

namespace OfflineData.Core.Tests.Conversion
{
    public sealed class RecordBuilderTests
    {
        private static Dictionary<string, object?> Row(params (string Name, object? Value)[] extra)
        {
            var row = new Dictionary<string, object?>
            {
                ["Timestamp"] = "2024-05-25 12:00:00",
                ["CustomerId"] = "C1",
                ["EventType"] = "7",
                ["EventName"] = "SKU",
                ["Num1"] = "1",
                ["Num2"] = "12.50",
            };
            foreach (var (name, value) in extra) row[name] = value;
            return row;
        }

        [Fact]
        public void ATimestampInTheFormatsShapeThatDoesNotExistIsCalledNotARealDate()
        {
            // Write-OfflineDataFile said 2025-02-29 10:02:17 was in none of the forms it reads, the first of which is its own.
            Assert.False(new OfflineDataRecordBuilder().TryBuild(Row(("Timestamp", "2025-02-29 10:02:17")), out _, out var reason, out var message));
            Assert.Equal(ConversionRejectReason.InvalidTimestamp, reason);
            Assert.Contains("not a real date and time", message);
            Assert.DoesNotContain("in a form this reads", message);

            Assert.False(new OfflineDataRecordBuilder().TryBuild(Row(("Timestamp", "01/03/2025 09:31")), out _, out _, out message));
            Assert.Contains("in a form this reads", message);
        }

        [Fact]
        public void TextInTheFormatsOwnNotationBuildsARecord()
        {
            Assert.True(new OfflineDataRecordBuilder().TryBuild(Row(("Var1", "Malmö"), ("TransactionAttr2", "B"), ("Path", "ignored")), out var r, out _, out _));
            Assert.Equal(new DateTime(2024, 5, 25, 12, 0, 0), r!.Timestamp);
            Assert.Equal(12.50m, r.Num2);
            Assert.Equal("Malmö", r.Var1);
            Assert.Equal(new[] { "", "B" }, r.TransactionAttributes);
        }

        [Fact]
        public void TypedValuesAndHeaderNamesWork()
        {
            var row = new Dictionary<string, object?>
            {
                ["Time Stamp"] = new DateTime(2024, 5, 25, 12, 0, 0, 999),
                ["Customer ID"] = "C1",
                ["Event Type"] = 7L,
                ["Event Name"] = "SKU",
                ["Num1"] = 2,
                ["Num2"] = 3.25d,
                ["TransactionAttributes"] = new object[] { "A", 5 },
            };
            Assert.True(new OfflineDataRecordBuilder().TryBuild(row, out var r, out _, out _));
            Assert.Equal(new DateTime(2024, 5, 25, 12, 0, 0), r!.Timestamp);
            Assert.Equal(7, r.EventType);
            Assert.Equal(3.25m, r.Num2);
            Assert.Equal(new[] { "A", "5" }, r.TransactionAttributes);
        }

        [Theory]
        [InlineData("", "03/01/2025 09:14:05")]
        [InlineData("en-US", "3/1/2025 9:14:05 AM")]
        [InlineData("en-GB", "01/03/2025 09:14:05")]
        [InlineData("sv-SE", "2025-03-01 09:14:05")]
        [InlineData("de-DE", "01.03.2025 09:14:05")]
        [InlineData("", "2025-03-01T09:14:05.0000000")]
        [InlineData("", "2025-03-01T09:14:05")]
        public void ReadsTheTimestampExportCsvWritesInTheCultureAndIsoForms(string culture, string text)
        {
            var builder = new OfflineDataRecordBuilder(CultureInfo.GetCultureInfo(culture));
            Assert.True(builder.TryBuild(Row(("Timestamp", text)), out var r, out _, out var message), message);
            Assert.Equal(new DateTime(2025, 3, 1, 9, 14, 5), r!.Timestamp);
        }

        [Theory]
        [InlineData("")]
        [InlineData("en-US")]
        [InlineData("en-GB")]
        [InlineData("fr-FR")]
        [InlineData("ja-JP")]
        [InlineData("ar-SA")]
        public void ReadsBackWhatDateTimeToStringWritesInTheCulture(string name)
        {
            // Export-Csv writes a DateTime with ToString(), the current culture's general date and time.
            var culture = CultureInfo.GetCultureInfo(name);
            var when = new DateTime(2025, 3, 1, 21, 14, 5);
            Assert.True(new OfflineDataRecordBuilder(culture).TryBuild(Row(("Timestamp", when.ToString(culture))), out var r, out _, out var message), message);
            Assert.Equal(when, r!.Timestamp);
        }

        [Fact]
        public void AnUnreadableTimestampNamesTheFormsItReadsAndNoParameterItDoesNotHave()
        {
            var builder = new OfflineDataRecordBuilder(CultureInfo.GetCultureInfo("en-GB"));
            Assert.False(builder.TryBuild(Row(("Timestamp", "yesterday")), out _, out var reason, out var message));
            Assert.Equal(ConversionRejectReason.InvalidTimestamp, reason);
            Assert.DoesNotContain("-TimestampFormat", message);
            Assert.DoesNotContain("-Culture", message);
            Assert.Contains("en-GB", message);
            Assert.Contains("'yesterday'", message);
        }

        [Fact]
        public void ReadsNumbersWithTheCulturesDecimalSeparatorOnlyWhenGivenTheCulture()
        {
            Assert.True(new OfflineDataRecordBuilder(CultureInfo.GetCultureInfo("sv-SE")).TryBuild(Row(("Num2", "899,00")), out var r, out _, out _));
            Assert.Equal(899.00m, r!.Num2);
            Assert.Equal("899.00", r.GetText(7));
            Assert.False(new OfflineDataRecordBuilder(CultureInfo.InvariantCulture).TryBuild(Row(("Num2", "899,00")), out _, out _, out _));
        }

        [Fact]
        public void TransactionAttributesTextIsTheListsTextForm()
        {
            Assert.True(new OfflineDataRecordBuilder().TryBuild(Row(("TransactionAttributes", "ORD-1;\"a;b\";;POS-3")), out var r, out _, out _));
            Assert.Equal(new[] { "ORD-1", "a;b", "", "POS-3" }, r!.TransactionAttributes);
        }

        [Theory]
        [InlineData("Num2", "12,50", ConversionRejectReason.InvalidNumber)]
        [InlineData("EventType", "-1", ConversionRejectReason.InvalidEventType)]
        [InlineData("Timestamp", "25/05/2024", ConversionRejectReason.InvalidTimestamp)]
        [InlineData("CustomerId", "", ConversionRejectReason.EmptyMandatoryValue)]
        [InlineData("Num1", " ", ConversionRejectReason.EmptyMandatoryValue)]
        [InlineData("EventName", null, ConversionRejectReason.EmptyMandatoryValue)]
        public void BadValuesSayWhy(string name, string? value, ConversionRejectReason expected)
        {
            Assert.False(new OfflineDataRecordBuilder().TryBuild(Row((name, value)), out _, out var reason, out var message));
            Assert.Equal(expected, reason);
            Assert.Contains(name, message);
        }

        [Fact]
        public void AMissingMandatoryPropertyIsNamed()
        {
            var row = Row();
            row.Remove("Num1");
            Assert.False(new OfflineDataRecordBuilder().TryBuild(row, out _, out var reason, out var message));
            Assert.Equal(ConversionRejectReason.EmptyMandatoryValue, reason);
            Assert.Contains("no Num1 property", message);
        }

        [Theory]
        [InlineData("Var1")]
        [InlineData("EventName")]
        [InlineData("TransactionAttr2")]
        public void AValueWithALineThatStartsLikeARowIsRejectedAsMalformed(string name)
        {
            // Written, it would read back as two rows: the reader ends a quoted field at such a line.
            var builder = new OfflineDataRecordBuilder();
            Assert.False(builder.TryBuild(Row((name, "note\n2025-03-01 09:14:05;C9;7;;X;1;1.00")), out _, out var reason, out var message));
            Assert.Equal(ConversionRejectReason.MalformedRow, reason);
            Assert.Contains("new row", message);

            var record = new OfflineDataRecord { Timestamp = new DateTime(2025, 3, 1), CustomerId = "C1", EventName = "SKU", Var3 = "a\r\n2025-03-01 09:14:05;b" };
            Assert.False(builder.TryValidate(record, out reason, out message));
            Assert.Equal(ConversionRejectReason.MalformedRow, reason);
            Assert.Contains("Var3", message);
        }

        [Fact]
        public void ALineBreakFollowedByATimestampWithoutTheSeparatorIsKept()
        {
            Assert.True(new OfflineDataRecordBuilder().TryBuild(Row(("Var1", "note\n2025-03-01 09:14:05 called back")), out var r, out _, out _));
            Assert.Equal("note\n2025-03-01 09:14:05 called back", r!.Var1);
        }

        [Theory]
        [InlineData("CustomerId")]
        [InlineData("EventName")]
        public void ATextValueOfOnlySpacesIsWrittenAsTestAcceptsIt(string name)
        {
            // Test-OfflineDataFile calls " " a value (OD301 is for an empty field): a row it calls valid must be writable.
            var builder = new OfflineDataRecordBuilder();
            Assert.True(builder.TryBuild(Row((name, " ")), out var r, out _, out var message), message);
            Assert.Equal(" ", name == "CustomerId" ? r!.CustomerId : r!.EventName);
            Assert.True(builder.TryValidate(r, out _, out message), message);
        }

        [Theory]
        [InlineData("79228162514264337593543950335")]
        [InlineData("-79228162514264337593543950335")]
        public void ANumberWithMoreDigitsThanTheFormatAllowsIsRejected(string value)
        {
            // Test-OfflineDataFile allows at most 28 digits; written, this row would be invalid.
            var number = decimal.Parse(value, CultureInfo.InvariantCulture);
            Assert.False(new OfflineDataRecordBuilder().TryBuild(Row(("Num2", number)), out _, out var reason, out var message));
            Assert.Equal(ConversionRejectReason.InvalidNumber, reason);
            Assert.Contains("28 digits", message);
            var longest = decimal.Parse("7922816251426433759354395033", CultureInfo.InvariantCulture); // 28 digits: allowed
            Assert.True(new OfflineDataRecordBuilder().TryBuild(Row(("Num2", longest)), out _, out _, out message), message);
        }

        [Fact]
        public void AValueOfManyQuotesIsMeasuredAsWrittenWithItsQuotesDoubled()
        {
            // 20,000 quotes are 40,000 bytes in the file, over the validator's 32 KiB field limit.
            var builder = new OfflineDataRecordBuilder();
            Assert.False(builder.TryBuild(Row(("Var1", new string('"', 20000))), out _, out var reason, out var message));
            Assert.Equal(ConversionRejectReason.ValueTooLong, reason);
            Assert.Contains("40000", message);
            Assert.True(builder.TryBuild(Row(("Var1", new string('"', 16384))), out _, out _, out message), message);
        }

        [Theory]
        [InlineData("a", 0xD800, "b")]
        [InlineData("end", 0xDC00, "")]
        public void AnUnpairedSurrogateIsRejectedRatherThanWrittenAsAReplacementCharacter(string before, int surrogate, string after)
        {
            // Built here: a lone surrogate in an attribute argument does not survive test discovery.
            var value = before + (char)surrogate + after;
            var builder = new OfflineDataRecordBuilder();
            Assert.False(builder.TryBuild(Row(("CustomerId", value)), out _, out var reason, out var message));
            Assert.Equal(ConversionRejectReason.UndecodableText, reason);
            Assert.Contains("CustomerId", message.Replace("Customer ID", "CustomerId"));
            Assert.True(builder.TryBuild(Row(("CustomerId", "emoji \U0001F600")), out _, out _, out message), message);
        }

        [Theory]
        [InlineData(".1234567890123456789012345678", ".1234567890123456789012345678")]
        [InlineData("-.1234567890123456789012345678", "-.1234567890123456789012345678")]
        [InlineData("0.0000000000000000000000000001", ".0000000000000000000000000001")]
        [InlineData("0.5", "0.5")]
        [InlineData("12.50", "12.50")]
        public void ANumberWithTheMostDigitsTheFormatAllowsIsWrittenSoThatItStaysValid(string source, string written)
        {
            // Test accepts 28 digits; decimal prints a leading 0 that would make it 29.
            var value = decimal.Parse(source, CultureInfo.InvariantCulture);
            Assert.Equal(written, OfflineDataWriter.FormatNumber(value));
            Assert.True(new OfflineDataRecordBuilder().TryBuild(Row(("Num2", value)), out var r, out _, out var message), message);
            Assert.EndsWith(";" + written, OfflineDataWriter.FormatRow(r!));
        }
    }
}
