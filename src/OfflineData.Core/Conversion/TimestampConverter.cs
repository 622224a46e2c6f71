using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;
using OfflineData.Core.Reading;

namespace OfflineData.Core.Conversion
{
    /// <summary>
    /// Turns a source timestamp into the format's local <c>yyyy-MM-dd HH:mm:ss</c> value: parsed with the given
    /// formats (or ISO forms and the culture's own date forms), then moved from the source to the target time zone.
    /// A local time inside a daylight-saving gap, or inside an overlap when a conversion depends on which of the
    /// two instants is meant, is reported — never shifted silently.
    /// </summary>
    internal sealed class TimestampConverter
    {
        /// <summary>The forms tried when no -TimestampFormat is given, before the culture's own parsing.</summary>
        public static IReadOnlyList<string> DefaultFormats { get; } = new[]
        {
            OfflineDataSchema.TimestampFormat,
            "yyyy-MM-dd'T'HH:mm:ss",
            "yyyy-MM-dd HH:mm",
            "yyyy-MM-dd'T'HH:mm",
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
            "yyyy-MM-dd HH:mm:ss.FFFFFFF",
            "yyyy-MM-dd'T'HH:mm:ssK",
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
            "yyyy-MM-dd HH:mm:ssK",
        };

        private readonly string[] formats;
        private readonly bool cultureFallback;
        private readonly bool explicitFormats;
        private readonly CultureInfo culture;
        private readonly TimeZoneInfo? source;
        private readonly TimeZoneInfo? target;
        private readonly bool converts;
        private readonly AmbiguousTimeHandling ambiguous;

        // The first format, when it is one of the fixed numeric ISO forms: then a text of exactly its shape is parsed
        // by the format's own field parser (FieldParsers.TryParseTimestamp) instead of DateTime.TryParseExact, which
        // costs most of a conversion. 0 = none; else the text's length (19 or 16).
        private readonly int fastForm;

        // yyyy-MM-dd HH:mm[:ss[.fff]] with a space or 'T', digits only: the shape of every default form without an offset.
        private static readonly Regex IsoShape = new Regex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?$", RegexOptions.CultureInvariant);

        /// <summary>Creates a converter.</summary>
        /// <param name="formats">.NET custom formats tried in order; null or empty = <see cref="DefaultFormats"/>, then the culture's parsing when a culture is given.</param>
        /// <param name="culture">Culture for month names and the culture fallback; null = invariant.</param>
        /// <param name="sourceTimeZone">Zone the source's local times are in; null = no zone (no DST checks, no conversion).</param>
        /// <param name="targetTimeZone">Zone to write; null = same as the source.</param>
        /// <param name="ambiguous">What to do with a local time that occurs twice when converting.</param>
        public TimestampConverter(IEnumerable<string>? formats, CultureInfo? culture, TimeZoneInfo? sourceTimeZone, TimeZoneInfo? targetTimeZone, AmbiguousTimeHandling ambiguous = AmbiguousTimeHandling.Reject)
        {
            var given = formats?.Where(f => !string.IsNullOrWhiteSpace(f)).ToArray() ?? new string[0];
            this.formats = given.Length > 0 ? given : DefaultFormats.ToArray();
            explicitFormats = given.Length > 0;
            this.culture = culture ?? CultureInfo.InvariantCulture;
            // The culture's own date forms only when a culture was chosen: the invariant culture would read
            // 03/05/2024 as March 5 for a source that meant 3 May.
            cultureFallback = given.Length == 0 && this.culture.Name.Length > 0;
            if (targetTimeZone != null && sourceTimeZone == null)
            {
                throw new ArgumentException("A target time zone needs a source time zone: give -SourceTimeZone too (e.g. 'UTC').", nameof(targetTimeZone));
            }

            fastForm = FastForm(this.formats[0], this.culture);
            source = sourceTimeZone;
            target = targetTimeZone;
            converts = source != null && target != null && !TimeZoneResolver.SameRules(source, target);
            this.ambiguous = ambiguous;
        }

        /// <summary>Converts <paramref name="text"/>; on failure returns the reject reason and a message.</summary>
        public bool TryConvert(string text, out DateTime value, out ConversionRejectReason reason, out string message)
        {
            value = default;
            reason = default;
            message = string.Empty;
            var s = text.Trim();

            if (!TryParse(s, out var parsed, out var offset))
            {
                reason = ConversionRejectReason.InvalidTimestamp;
                // A text in the ISO shape that no ISO form reads names a day or time that does not exist (2025-02-29,
                // 24:00): saying it is not ISO would send the user looking for a format problem that is not there.
                message = NotARealDateMessage(s) ?? (explicitFormats
                    ? $"'{DisplayText.Escape(s)}' matches none of the timestamp formats {string.Join(", ", formats.Select(f => "'" + f + "'"))}."
                    : cultureFallback
                        ? $"'{DisplayText.Escape(s)}' is not a date and time in ISO or {culture.Name} form; give -TimestampFormat."
                        : $"'{DisplayText.Escape(s)}' is not an ISO date and time (yyyy-MM-dd HH:mm:ss and similar); give -TimestampFormat (e.g. 'dd.MM.yyyy HH:mm') or -Culture.");
                return false;
            }

            try
            {
                if (offset != null)
                {
                    // The source said which instant it means; show it in the target zone (or the source zone).
                    var instant = new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified), offset.Value);
                    var zone = target ?? source;
                    value = zone == null ? instant.DateTime : TimeZoneInfo.ConvertTime(instant, zone).DateTime;
                }
                else if (source == null)
                {
                    value = parsed;
                }
                else if (source.IsInvalidTime(parsed))
                {
                    reason = ConversionRejectReason.NonexistentLocalTime;
                    message = $"{parsed.ToString(OfflineDataSchema.TimestampFormat, CultureInfo.InvariantCulture)} does not exist in {source.Id}: the clocks jumped forward over it (daylight-saving gap). Correct the source time.";
                    return false;
                }
                else if (!converts)
                {
                    value = parsed;
                }
                else if (source.IsAmbiguousTime(parsed))
                {
                    var offsets = source.GetAmbiguousTimeOffsets(parsed).OrderByDescending(o => o).ToArray();
                    if (ambiguous == AmbiguousTimeHandling.Reject || offsets.Length == 0)
                    {
                        reason = ConversionRejectReason.AmbiguousLocalTime;
                        message = $"{parsed.ToString(OfflineDataSchema.TimestampFormat, CultureInfo.InvariantCulture)} occurs twice in {source.Id} (the clocks went back; offsets {string.Join(" and ", offsets.Select(FormatOffset))}), so its time in {target!.Id} is ambiguous. Use -AmbiguousTime Earlier or Later to choose.";
                        return false;
                    }

                    // Offsets sorted descending: the larger (daylight) offset is the earlier instant.
                    var chosen = ambiguous == AmbiguousTimeHandling.Earlier ? offsets[0] : offsets[offsets.Length - 1];
                    value = TimeZoneInfo.ConvertTime(new DateTimeOffset(parsed, chosen), target!).DateTime;
                }
                else
                {
                    var utc = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified), source);
                    value = TimeZoneInfo.ConvertTimeFromUtc(utc, target!);
                }
            }
            catch (ArgumentOutOfRangeException)
            {
                reason = ConversionRejectReason.TimestampOutOfRange;
                message = $"'{DisplayText.Escape(s)}' falls outside the years 0001-9999 after the time-zone conversion.";
                return false;
            }

            // The format has whole seconds; sub-second digits cannot be represented.
            value = new DateTime(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Unspecified);
            return true;
        }

        /// <summary>
        /// The message for a text in the ISO shape that no ISO form reads (2025-02-29 10:02:17, 24:00): it names a day or
        /// time that does not exist, which Test-OfflineDataFile calls "not a real date and time"; null for any other text.
        /// </summary>
        internal static string? NotARealDateMessage(string text)
        {
            var s = text.Trim();
            return IsoShape.IsMatch(s) && !DateTime.TryParseExact(s, DefaultFormats.ToArray(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? $"'{DisplayText.Escape(s)}' has the form yyyy-MM-dd HH:mm:ss but is not a real date and time (no such day, month, hour, minute or second)."
                : null;
        }

        private bool TryParse(string s, out DateTime parsed, out TimeSpan? offset)
        {
            offset = null;
            if (fastForm != 0 && s.Length == fastForm && TryParseFast(s, out parsed)) return true;
            var styles = DateTimeStyles.AllowWhiteSpaces;
            if (!DateTime.TryParseExact(s, formats, culture, styles, out parsed))
            {
                if (!cultureFallback || !DateTime.TryParse(s, culture, styles, out parsed)) return false;
                if (parsed.Kind != DateTimeKind.Unspecified)
                {
                    if (!DateTimeOffset.TryParse(s, culture, styles, out var dto)) return false;
                    parsed = dto.DateTime;
                    offset = dto.Offset;
                }

                return true;
            }

            // A Kind other than Unspecified means the text carried an offset or 'Z': keep the instant it names.
            if (parsed.Kind != DateTimeKind.Unspecified)
            {
                if (!DateTimeOffset.TryParseExact(s, formats, culture, styles, out var dto)) return false;
                parsed = dto.DateTime;
                offset = dto.Offset;
            }

            return true;
        }

        /// <summary>
        /// The length of the texts <paramref name="format"/> matches when it is <c>yyyy-MM-dd HH:mm:ss</c>, <c>yyyy-MM-dd HH:mm</c>
        /// or their <c>'T'</c> forms and <paramref name="culture"/> reads them as the invariant culture does (Gregorian
        /// calendar, ':' as the time separator); otherwise 0.
        /// </summary>
        private static int FastForm(string format, CultureInfo culture)
        {
            var dtf = culture.DateTimeFormat;
            if (!(dtf.Calendar is GregorianCalendar) || dtf.TimeSeparator != ":") return 0;
            switch (format)
            {
                case OfflineDataSchema.TimestampFormat:
                case "yyyy-MM-dd'T'HH:mm:ss":
                    return 19;
                case "yyyy-MM-dd HH:mm":
                case "yyyy-MM-dd'T'HH:mm":
                    return 16;
                default:
                    return 0;
            }
        }

        /// <summary>
        /// Parses a text of the first format's exact shape with the format's own parser; false (and the general path
        /// decides) for anything else, including a date that does not exist, so the outcome is TryParseExact's.
        /// </summary>
        private bool TryParseFast(string s, out DateTime parsed)
        {
            parsed = default;
            char separator = s[10];
            if (separator != ' ' && separator != 'T') return false;
            if ((separator == 'T') != (formats[0].IndexOf('T') >= 0)) return false;
            Span<byte> canonical = stackalloc byte[19];
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c > 127) return false;
                canonical[i] = (byte)c;
            }

            canonical[10] = (byte)' ';
            if (s.Length == 16)
            {
                canonical[16] = (byte)':';
                canonical[17] = (byte)'0';
                canonical[18] = (byte)'0';
            }

            return FieldParsers.TryParseTimestamp(canonical, out parsed);
        }

        private static string FormatOffset(TimeSpan offset)
        {
            return (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        }
    }
}
