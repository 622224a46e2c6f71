using System;
using System.Globalization;
using OfflineData.Core.Conversion;
using OfflineData.Core.Format;
using Xunit;

namespace OfflineData.Core.Tests.Conversion
{
    public sealed class TimeZoneTests
    {
        private static TimestampConverter Converter(string? source, string? target, AmbiguousTimeHandling ambiguous = AmbiguousTimeHandling.Reject, params string[] formats)
            => new TimestampConverter(formats, CultureInfo.InvariantCulture, source == null ? null : TimeZoneResolver.Find(source), target == null ? null : TimeZoneResolver.Find(target), ambiguous);

        private static string Ok(TimestampConverter c, string text)
        {
            Assert.True(c.TryConvert(text, out var value, out var reason, out var message), reason + ": " + message);
            return value.ToString(OfflineDataSchema.TimestampFormat, CultureInfo.InvariantCulture);
        }

        private static ConversionRejectReason Rejected(TimestampConverter c, string text, out string message)
        {
            Assert.False(c.TryConvert(text, out _, out var reason, out message));
            return reason;
        }

        [Fact]
        public void AnIsoShapedTimestampThatDoesNotExistIsCalledNotARealDateNotNotIso()
        {
            // Test-OfflineDataFile says "not a real date and time" for 2025-02-29; Convert must not claim the text is
            // not ISO, which would send the user after a format problem that is not there.
            var plain = Converter(null, null);
            Assert.Equal(ConversionRejectReason.InvalidTimestamp, Rejected(plain, "2025-02-29 10:02:17", out var message));
            Assert.Contains("not a real date and time", message);
            Assert.DoesNotContain("is not an ISO", message);
            Assert.Equal(ConversionRejectReason.InvalidTimestamp, Rejected(plain, "2025-03-01 24:00", out message));
            Assert.Contains("not a real date and time", message);

            // A real date in ISO form that the given -TimestampFormat does not read is a format mismatch, not a bad date.
            var dotted = Converter(null, null, AmbiguousTimeHandling.Reject, "dd.MM.yyyy HH:mm");
            Assert.Equal(ConversionRejectReason.InvalidTimestamp, Rejected(dotted, "2025-03-01 10:00", out message));
            Assert.Contains("matches none of the timestamp formats", message);
            Assert.Equal(ConversionRejectReason.InvalidTimestamp, Rejected(plain, "01/03/2025 09:31", out message));
            Assert.Contains("is not an ISO date and time", message);
        }

        [Fact]
        public void UtcToStockholmFollowsSummerAndWinterTime()
        {
            var c = Converter("UTC", "Europe/Stockholm");
            Assert.Equal("2024-01-15 13:00:00", Ok(c, "2024-01-15 12:00:00"));
            Assert.Equal("2024-07-15 14:00:00", Ok(c, "2024-07-15 12:00:00"));
        }

        [WindowsTimeZoneIdsFact]
        [Trait(NetCoreOnly.Trait, WindowsTimeZoneIdsFactAttribute.TraitValue)]
        public void WindowsAndIanaIdsBothWork()
        {
            var c = Converter("Eastern Standard Time", "W. Europe Standard Time");
            Assert.Equal("2024-07-15 18:00:00", Ok(c, "2024-07-15 12:00:00"));
            Assert.Equal("W. Europe Standard Time", TimeZoneResolver.TranslateIanaToWindows("Europe/Stockholm"));
            Assert.Equal("Eastern Standard Time", TimeZoneResolver.TranslateIanaToWindows("America/New_York"));
            Assert.Throws<ArgumentException>(() => TimeZoneResolver.Find("Mars/Olympus_Mons"));
        }

        [WindowsTimeZoneIdsFact]
        [Trait(NetCoreOnly.Trait, WindowsTimeZoneIdsFactAttribute.TraitValue)]
        public void OnDotNetFrameworkIanaIdsResolveThroughTheBuiltInTableAndKeepTheirDaylightSavingRules()
        {
            // Windows PowerShell 5.1 (.NET Framework): the lookup knows only Windows IDs and there is no
            // TryConvertIanaIdToWindowsId. The built-in table must carry the IANA IDs the issue names.
            static TimeZoneInfo WindowsOnly(string id) => id.Contains('/') ? throw new TimeZoneNotFoundException(id) : TimeZoneInfo.FindSystemTimeZoneById(id);
            var stockholm = TimeZoneResolver.Find("Europe/Stockholm", WindowsOnly, _ => null);
            var newYork = TimeZoneResolver.Find("America/New_York", WindowsOnly, _ => null);
            Assert.Equal("W. Europe Standard Time", stockholm.Id);
            Assert.Equal("Eastern Standard Time", newYork.Id);

            Assert.Equal(ConversionRejectReason.NonexistentLocalTime, Rejected(new TimestampConverter(null, null, stockholm, null), "2024-03-31 02:30:00", out _));
            Assert.Equal(ConversionRejectReason.AmbiguousLocalTime, Rejected(new TimestampConverter(null, null, newYork, TimeZoneInfo.Utc), "2024-11-03 01:30:00", out _));
            Assert.Equal("2024-07-15 14:00:00", Ok(new TimestampConverter(null, null, TimeZoneInfo.Utc, stockholm), "2024-07-15 12:00:00"));

            var unknown = Assert.Throws<ArgumentException>(() => TimeZoneResolver.Find("Mars/Olympus_Mons", WindowsOnly, _ => null));
            Assert.Contains("Mars/Olympus_Mons", unknown.Message);
        }

        [NetCoreOnlyFact("checks the table against TimeZoneInfo.TryConvertIanaIdToWindowsId (CLDR data), which .NET Framework lacks")]
        [Trait(NetCoreOnly.Trait, NetCoreOnly.Value)]
        public void TheBuiltInIanaTableAgreesWithCldrWindowsZones()
        {
#if !NETFRAMEWORK
            // .NET 10 carries CLDR's windowsZones mapping; every row of the 5.1 fallback table must match it.
            Assert.NotEmpty(TimeZoneResolver.IanaToWindowsTable);
            foreach (var pair in TimeZoneResolver.IanaToWindowsTable)
            {
                Assert.True(TimeZoneInfo.TryConvertIanaIdToWindowsId(pair.Key, out var windows), pair.Key + " is not an IANA ID CLDR knows.");
                Assert.True(windows == pair.Value, $"{pair.Key}: table says '{pair.Value}', CLDR says '{windows}'.");
            }
#endif
        }

        [Theory]
        [InlineData("Europe/Stockholm", "2024-03-31 02:30:00")]
        [InlineData("America/New_York", "2024-03-10 02:30:00")]
        public void TimeInTheSpringGapIsRejectedNotShifted(string zone, string local)
        {
            // Even without a conversion: the time does not exist on that wall clock.
            Assert.Equal(ConversionRejectReason.NonexistentLocalTime, Rejected(Converter(zone, null), local, out var message));
            Assert.Contains("does not exist", message);
            Assert.Equal(ConversionRejectReason.NonexistentLocalTime, Rejected(Converter(zone, "UTC"), local, out _));
        }

        [Theory]
        [InlineData("Europe/Stockholm", "2024-10-27 02:30:00", "2024-10-27 00:30:00", "2024-10-27 01:30:00")]
        [InlineData("America/New_York", "2024-11-03 01:30:00", "2024-11-03 05:30:00", "2024-11-03 06:30:00")]
        public void TimeInTheAutumnOverlapIsRejectedUnlessTheUserChooses(string zone, string local, string earlierUtc, string laterUtc)
        {
            Assert.Equal(ConversionRejectReason.AmbiguousLocalTime, Rejected(Converter(zone, "UTC"), local, out var message));
            Assert.Contains("occurs twice", message);
            Assert.Equal(earlierUtc, Ok(Converter(zone, "UTC", AmbiguousTimeHandling.Earlier), local));
            Assert.Equal(laterUtc, Ok(Converter(zone, "UTC", AmbiguousTimeHandling.Later), local));
            // Without a conversion the wall-clock time written is the same either way: nothing to decide.
            Assert.Equal(local, Ok(Converter(zone, null), local));
        }

        [Fact]
        public void ExplicitOffsetsNameTheInstant()
        {
            Assert.Equal("2024-07-15 14:00:00", Ok(Converter(null, null), "2024-07-15T14:00:00+05:00"));
            Assert.Equal("2024-07-15 11:00:00", Ok(Converter("UTC", "Europe/Stockholm"), "2024-07-15T14:00:00+05:00"));
            Assert.Equal("2024-07-15 14:00:00", Ok(Converter("Europe/Stockholm", null), "2024-07-15T12:00:00Z"));
        }

        [Fact]
        public void FormatsAreTriedInOrderAndNothingElseIsGuessed()
        {
            var c = Converter(null, null, AmbiguousTimeHandling.Reject, "yyyyMMddHHmmss", "dd/MM/yyyy HH:mm");
            Assert.Equal("2024-05-25 12:25:43", Ok(c, "20240525122543"));
            Assert.Equal("2024-05-03 08:00:00", Ok(c, "03/05/2024 08:00"));
            Assert.Equal(ConversionRejectReason.InvalidTimestamp, Rejected(c, "2024-05-25 12:25:43", out var message));
            Assert.Contains("yyyyMMddHHmmss", message);
            Assert.Equal(ConversionRejectReason.InvalidTimestamp, Rejected(c, "31/02/2024 08:00", out _));
        }

        [Fact]
        public void WithoutAFormatOnlyISOFormsAreReadUnlessACultureIsGiven()
        {
            // The invariant culture would read 03/05/2024 as March 5: refuse rather than guess.
            Assert.Equal(ConversionRejectReason.InvalidTimestamp, Rejected(Converter(null, null), "03/05/2024 08:00", out var message));
            Assert.Contains("-TimestampFormat", message);
            var german = new TimestampConverter(null, CultureInfo.GetCultureInfo("de-DE"), null, null);
            Assert.Equal("2024-05-03 08:00:00", Ok(german, "03.05.2024 08:00"));
            Assert.Equal("2024-05-03 08:00:00", Ok(german, "2024-05-03 08:00"));
        }

        [Fact]
        public void SubSecondDigitsAreCutToTheFormatsWholeSeconds()
        {
            Assert.Equal("2024-05-25 12:25:43", Ok(Converter(null, null), "2024-05-25T12:25:43.987"));
        }

        [Fact]
        public void TargetZoneWithoutSourceZoneIsRefused()
        {
            Assert.Throws<ArgumentException>(() => new TimestampConverter(null, null, null, TimeZoneInfo.Utc));
        }
    }
}
