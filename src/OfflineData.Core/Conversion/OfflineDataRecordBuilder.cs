using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;
using OfflineData.Core.Reading;
using OfflineData.Core.Writing;

namespace OfflineData.Core.Conversion
{
    /// <summary>
    /// Builds a record from named values — the properties of any object (a record read back, a row from
    /// Import-Csv, a hashtable): names are the record's properties or the format's header names
    /// (<c>Timestamp</c> or <c>Time Stamp</c>, <c>TransactionAttr1</c> or <c>EventTransaction Attr1</c>, or a
    /// <c>TransactionAttributes</c> list). Text values are read as the format writes them (invariant culture,
    /// <c>yyyy-MM-dd HH:mm:ss</c>, ISO 8601 including the round-trip <c>o</c> form); with a culture, also what
    /// <c>Export-Csv</c> writes in it: its general date and time (<c>G</c>, e.g. <c>03/01/2025 09:14:05</c>) and its
    /// decimal separator. A <c>TransactionAttributes</c> text is the list's own text form. Names that are no column
    /// (Path, Line, ...) are ignored.
    /// </summary>
    public sealed class OfflineDataRecordBuilder
    {
        private readonly TimestampConverter timestamps = new TimestampConverter(null, CultureInfo.InvariantCulture, null, null);
        private readonly CultureInfo? culture;
        private readonly string[] cultureTimestampFormats;

        /// <summary>Reads text the invariant way only (the format's own forms).</summary>
        public OfflineDataRecordBuilder()
            : this(null)
        {
        }

        /// <summary>
        /// Reads text the invariant way, then as <paramref name="culture"/> writes dates and numbers (the culture
        /// <c>Export-Csv</c> used, normally the current one); null = invariant only.
        /// </summary>
        public OfflineDataRecordBuilder(CultureInfo? culture)
        {
            this.culture = culture;
            // Only the culture's own forms: mixing in the invariant month-first form would read 03/01 both ways.
            cultureTimestampFormats = culture == null ? Array.Empty<string>() : culture.DateTimeFormat.GetAllDateTimePatterns('G');
        }

        /// <summary>Builds the record, or says which value is wrong and why.</summary>
        public bool TryBuild(IEnumerable<KeyValuePair<string, object?>> values, out OfflineDataRecord? record, out ConversionRejectReason reason, out string message)
        {
            record = null;
            reason = default;
            message = string.Empty;
            var named = new object?[OfflineDataSchema.NamedColumnCount + 1];
            var seen = new bool[OfflineDataSchema.NamedColumnCount + 1];
            var attributes = new SortedDictionary<int, string>();
            string[]? attributeList = null;

            foreach (var pair in values)
            {
                if (OfflineDataSchema.NormalizedEquals(pair.Key.AsSpan(), "TransactionAttributes"))
                {
                    attributeList = ToList(pair.Value);
                    continue;
                }

                int target = ColumnMapping.TryResolveTarget(pair.Key);
                if (target <= 0) continue;
                if (target > OfflineDataSchema.NamedColumnCount)
                {
                    attributes[target - OfflineDataSchema.NamedColumnCount] = Text(pair.Value) ?? string.Empty;
                }
                else if (!seen[target])
                {
                    seen[target] = true;
                    named[target] = pair.Value;
                }
            }

            var r = new OfflineDataRecord();
            // The mandatory columns by the schema, with the rules Convert applies (RecordRules).
            foreach (var column in RecordRules.Mandatory)
            {
                int n = column.Number;
                var value = named[n];
                var name = column.PropertyName;
                // CustomerId and EventName are empty only when they have no characters, as in Test-OfflineDataFile
                // (OD301): a row Test calls valid, read and written again, must be written, white space and all.
                // A typed column of only spaces is empty rather than "not a number".
                if (value == null || (value is string s0 && RecordRules.IsEmpty(column, s0)))
                {
                    return Fail(out reason, out message, ConversionRejectReason.EmptyMandatoryValue, seen[n] ? $"{name} is empty; it is mandatory." : $"The object has no {name} property; it is mandatory.");
                }

                switch (column.Kind)
                {
                    case ColumnKind.Timestamp:
                        if (value is DateTime dt) r.Timestamp = new DateTime(dt.Ticks - (dt.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Unspecified);
                        else if (value is DateTimeOffset dto) r.Timestamp = new DateTime(dto.DateTime.Ticks - (dto.DateTime.Ticks % TimeSpan.TicksPerSecond));
                        else if (timestamps.TryConvert(Text(value)!, out var parsed, out var why, out var text)) r.Timestamp = parsed;
                        else if (TryCultureTimestamp(Text(value)!, out parsed)) r.Timestamp = parsed;
                        else if (why == ConversionRejectReason.InvalidTimestamp) return Fail(out reason, out message, why, "Timestamp " + DescribeTimestampForms(Text(value)!));
                        else return Fail(out reason, out message, why, "Timestamp: " + text);
                        break;
                    case ColumnKind.EventType:
                        if (!TryInteger(value, out var eventType)) return Fail(out reason, out message, ConversionRejectReason.InvalidEventType, $"EventType '{DisplayText.Escape(Text(value))}' is not a non-negative integer.");
                        r.EventType = eventType;
                        break;
                    case ColumnKind.Number:
                        if (!TryNumber(value, out var number)) return Fail(out reason, out message, ConversionRejectReason.InvalidNumber, $"{name} '{DisplayText.Escape(Text(value))}' is not a number ('.' as the decimal separator).");
                        if (n == 6) r.Num1 = number; else r.Num2 = number;
                        break;
                    default:
                        r.SetText(n, Text(value)!);
                        break;
                }
            }

            for (int n = 4; n <= OfflineDataSchema.NamedColumnCount; n++)
            {
                if (n >= 5 && n <= 7) continue;
                var text = Text(named[n]);
                if (!string.IsNullOrEmpty(text)) r.SetOptionalText(n, text);
            }

            if (attributeList != null)
            {
                r.TransactionAttributes = attributeList;
            }
            else if (attributes.Count > 0)
            {
                var list = new string[attributes.Keys.Max()];
                for (int k = 0; k < list.Length; k++) list[k] = attributes.TryGetValue(k + 1, out var a) ? a : string.Empty;
                r.TransactionAttributes = list;
            }

            if (!TryValidate(r, out reason, out message)) return false;
            record = r;
            return true;
        }

        /// <summary>
        /// Checks a record built elsewhere (e.g. a record from Read-OfflineDataFile changed in the pipeline) against
        /// what a valid row needs: non-empty CustomerId and EventName, a non-negative EventType, fields within the
        /// format's size limit, and no value that would read back as two rows.
        /// </summary>
        public bool TryValidate(OfflineDataRecord record, out ConversionRejectReason reason, out string message)
        {
            reason = default;
            message = string.Empty;
            foreach (var column in RecordRules.Mandatory)
            {
                if (column.Kind == ColumnKind.Text && RecordRules.IsEmpty(column, record.GetText(column.Number)))
                {
                    return Fail(out reason, out message, ConversionRejectReason.EmptyMandatoryValue, $"{column.PropertyName} is empty; it is mandatory.");
                }
            }

            if (record.EventType < 0) return Fail(out reason, out message, ConversionRejectReason.InvalidEventType, $"EventType {record.EventType} is negative.");
            foreach (var column in RecordRules.Mandatory)
            {
                if (column.Kind != ColumnKind.Number) continue;

                // The validator allows at most 28 digits in all (leading and trailing zeros count); a decimal can
                // print 29 (decimal.MaxValue, 0.0000000000000000000000000001), which would write a row Test rejects.
                if (!RecordRules.HasWritableDigits(column.Number == 6 ? record.Num1 : record.Num2, out var number))
                {
                    return Fail(out reason, out message, ConversionRejectReason.InvalidNumber,
                        $"{column.PropertyName} {number} has more than 28 digits, which the offline data format does not allow (leading and trailing zeros count); round it.");
                }
            }

            return RecordRules.TryCheckWritable(record, ConversionOptions.DefaultMaxFieldBytes, ConversionOptions.DefaultMaxRecordBytes, out reason, out message, out _, out _);
        }

        private static bool Fail(out ConversionRejectReason reason, out string message, ConversionRejectReason r, string m)
        {
            reason = r;
            message = m;
            return false;
        }

        private static string? Text(object? value)
        {
            switch (value)
            {
                case null: return null;
                case string s: return s;
                case DateTime dt: return dt.ToString(OfflineDataSchema.TimestampFormat, CultureInfo.InvariantCulture);
                case IFormattable f: return f.ToString(null, CultureInfo.InvariantCulture);
                default: return value.ToString();
            }
        }

        private static string[] ToList(object? value)
        {
            if (value == null) return Array.Empty<string>();
            // Text is the list's own text form (what Export-Csv wrote for it): ';'-separated, quoted where needed.
            if (value is string s) return TransactionAttributeList.Parse(s);
            if (value is IEnumerable e) return e.Cast<object?>().Select(x => Text(x) ?? string.Empty).ToArray();
            return new[] { Text(value) ?? string.Empty };
        }

        private static bool TryInteger(object value, out int result)
        {
            result = 0;
            switch (value)
            {
                case int i: result = i; return i >= 0;
                case long l when l >= 0 && l <= int.MaxValue: result = (int)l; return true;
                case short sh when sh >= 0: result = sh; return true;
                case byte b: result = b; return true;
                case decimal d when d >= 0 && d <= int.MaxValue && d == decimal.Truncate(d): result = (int)d; return true;
                case double db when db >= 0 && db <= int.MaxValue && db == Math.Floor(db): result = (int)db; return true;
                case string s: return int.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out result);
                default: return false;
            }
        }

        private bool TryCultureTimestamp(string text, out DateTime value)
        {
            value = default;
            if (cultureTimestampFormats.Length == 0) return false;
            if (!DateTime.TryParseExact(text.Trim(), cultureTimestampFormats, culture, DateTimeStyles.AllowWhiteSpaces, out var parsed)) return false;

            value = new DateTime(parsed.Ticks - (parsed.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Unspecified);
            return true;
        }

        private string DescribeTimestampForms(string text)
        {
            // 2025-02-29 10:02:17 is in the first form listed; saying it is in none of them would mislead.
            var notReal = TimestampConverter.NotARealDateMessage(text);
            if (notReal != null) return notReal;
            var forms = "yyyy-MM-dd HH:mm:ss, ISO 8601 (e.g. 2025-03-01T09:14:05, also with an offset or the round-trip 'o' form)";
            if (culture != null)
            {
                var name = culture.Name.Length == 0 ? "the invariant culture" : culture.Name;
                forms += $" or the general date and time of {name} ('{culture.DateTimeFormat.ShortDatePattern} {culture.DateTimeFormat.LongTimePattern}', as Export-Csv writes a date)";
            }

            return $"'{text.Trim()}' is not a date and time in a form this reads: {forms}.";
        }

        private bool TryNumber(object value, out decimal result)
        {
            result = 0;
            try
            {
                switch (value)
                {
                    case decimal d: result = d; return true;
                    case int i: result = i; return true;
                    case long l: result = l; return true;
                    case double db when !double.IsNaN(db) && !double.IsInfinity(db): result = (decimal)db; return true;
                    case float f when !float.IsNaN(f) && !float.IsInfinity(f): result = (decimal)f; return true;
                    case string s:
                        // Export-Csv writes numbers in the current culture: 899,00 under sv-SE.
                        return NumberParser.TryParse(s, CultureInfo.InvariantCulture, out result)
                            || (culture != null && culture.NumberFormat.NumberDecimalSeparator != "." && NumberParser.TryParse(s, culture, out result));
                    default: return false;
                }
            }
            catch (OverflowException)
            {
                return false;
            }
        }
    }
}
