using System;
using System.Collections.Generic;
using OfflineData.Core.Conversion;
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
        [InlineData("Num2", "12,50", ConversionRejectReason.InvalidNumber)]
        [InlineData("EventType", "-1", ConversionRejectReason.InvalidEventType)]
        [InlineData("Timestamp", "25/05/2024", ConversionRejectReason.InvalidTimestamp)]
        [InlineData("CustomerId", " ", ConversionRejectReason.EmptyMandatoryValue)]
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
    }
}
