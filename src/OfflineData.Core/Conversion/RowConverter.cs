using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;
using OfflineData.Core.Reading;
using OfflineData.Core.Writing;

namespace OfflineData.Core.Conversion
{
    /// <summary>Turns one source row into a record by a <see cref="ColumnPlan"/>, or says exactly why it cannot.</summary>
    internal sealed class RowConverter
    {
        private readonly ColumnPlan plan;
        private readonly TimestampConverter timestamps;
        private readonly CultureInfo culture;
        private readonly int maxFieldBytes;
        private readonly int maxRecordBytes;

        public RowConverter(ColumnPlan plan, TimestampConverter timestamps, CultureInfo culture, int maxFieldBytes, int maxRecordBytes)
        {
            this.plan = plan;
            this.timestamps = timestamps;
            this.culture = culture;
            this.maxFieldBytes = maxFieldBytes;
            this.maxRecordBytes = maxRecordBytes;
        }

        /// <summary>A failed conversion: reason, message, target column and raw value.</summary>
        public struct Failure
        {
            public ConversionRejectReason Reason;
            public string Message;
            public string? Column;
            public string? RawValue;
        }

        public bool TryConvert(IReadOnlyList<string> fields, out OfflineDataRecord? record, out Failure failure)
        {
            record = null;
            failure = default;

            for (int i = 0; i < fields.Count; i++)
            {
                if (fields[i].IndexOf('\uFFFD') >= 0)
                {
                    return Fail(out failure, ConversionRejectReason.UndecodableText, $"Source column {i + 1} holds bytes the source encoding cannot decode; give the right -Encoding (e.g. windows-1252).", null, fields[i]);
                }
            }

            var r = new OfflineDataRecord();

            // Timestamp
            if (!TryGet(fields, 1, out var text, out failure)) return false;
            if (IsBlank(text)) return Empty(out failure, 1);
            if (!timestamps.TryConvert(text, out var timestamp, out var reason, out var message))
            {
                return Fail(out failure, reason, message, "Timestamp", text);
            }

            r.Timestamp = timestamp;

            // CustomerId
            if (!TryGet(fields, 2, out text, out failure)) return false;
            if (IsBlank(text)) return Empty(out failure, 2);
            r.CustomerId = text;

            // EventType
            if (!TryGet(fields, 3, out text, out failure)) return false;
            if (IsBlank(text)) return Empty(out failure, 3);
            if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var eventType))
            {
                return Fail(out failure, ConversionRejectReason.InvalidEventType, $"EventType '{DisplayText.Escape(text)}' is not a non-negative integer.", "EventType", text);
            }

            r.EventType = eventType;

            // EventName
            if (!TryGet(fields, 5, out text, out failure)) return false;
            if (IsBlank(text)) return Empty(out failure, 5);
            r.EventName = text;

            // Num1, Num2
            for (int n = 6; n <= 7; n++)
            {
                if (!TryGet(fields, n, out text, out failure)) return false;
                if (IsBlank(text)) return Empty(out failure, n);
                if (!NumberParser.TryParse(text, culture, out var number))
                {
                    var example = (1234.56m).ToString("N2", culture);
                    return Fail(out failure, ConversionRejectReason.InvalidNumber, $"{ColumnPlan.TargetName(n)} '{DisplayText.Escape(text)}' is not a plain number in culture '{CultureName}' (e.g. {example}; no currency or units). If the source uses another notation, give -Culture.", ColumnPlan.TargetName(n), text);
                }

                // The validator allows at most 28 digits in all; a decimal can print 29 (and rounds a longer source
                // value to them), so such a value would be written as a row Test rejects, or silently changed.
                var written = OfflineDataWriter.FormatNumber(number);
                if (!FieldParsers.IsNumber(Encoding.ASCII.GetBytes(written)))
                {
                    return Fail(out failure, ConversionRejectReason.InvalidNumber, $"{ColumnPlan.TargetName(n)} '{DisplayText.Escape(text)}' has more than 28 digits, which the offline data format does not allow (leading and trailing zeros count); round it in the source.", ColumnPlan.TargetName(n), text);
                }

                if (n == 6) r.Num1 = number; else r.Num2 = number;
            }

            // Optional text columns: 4 and 8..22
            for (int n = 4; n <= OfflineDataSchema.NamedColumnCount; n++)
            {
                if (n >= 5 && n <= 7) continue;
                if (!TryGetOptional(fields, n, out var value)) continue;
                r.SetOptionalText(n, value);
            }

            // Transaction attributes
            if (plan.Positional)
            {
                if (fields.Count > OfflineDataSchema.NamedColumnCount)
                {
                    var attributes = new string[fields.Count - OfflineDataSchema.NamedColumnCount];
                    for (int k = 0; k < attributes.Length; k++) attributes[k] = fields[OfflineDataSchema.NamedColumnCount + k];
                    r.TransactionAttributes = attributes;
                }
            }
            else if (plan.Attributes.Count > 0)
            {
                var attributes = new string[plan.Attributes.Count];
                for (int k = 0; k < attributes.Length; k++)
                {
                    var (index, constant) = plan.Attributes[k];
                    attributes[k] = constant ?? (index >= 0 && index < fields.Count ? fields[index] : string.Empty);
                }

                r.TransactionAttributes = attributes;
            }

            // Sizes the validator enforces.
            long recordBytes = 0;
            for (int n = 1; n <= OfflineDataSchema.NamedColumnCount + r.TransactionAttributes.Length; n++)
            {
                var value = n <= OfflineDataSchema.NamedColumnCount ? r.GetText(n) : r.TransactionAttributes[n - OfflineDataSchema.NamedColumnCount - 1];
                if (string.IsNullOrEmpty(value)) continue;
                // As written (quotes doubled and around): what Test-OfflineDataFile measures.
                int bytes = OfflineDataWriter.FieldContentBytes(value!);
                recordBytes += OfflineDataWriter.WrittenFieldBytes(value!) + 1;
                if (bytes > maxFieldBytes)
                {
                    return Fail(out failure, ConversionRejectReason.ValueTooLong, $"{ColumnPlan.TargetName(n)} is {bytes} bytes long as written (UTF-8, quotes doubled); the offline data format allows {maxFieldBytes}.", ColumnPlan.TargetName(n), value!.Substring(0, Math.Min(value.Length, 80)) + "...");
                }

                if (FieldParsers.HasLineThatStartsLikeARow(value!))
                {
                    // Written, this value would read back as two rows: Test and Import end a quoted field there.
                    return Fail(out failure, ConversionRejectReason.MalformedRow,
                        $"{ColumnPlan.TargetName(n)} holds a line break followed by a timestamp and ';', which reads as the start of a new row; often a quote left open in the source took the following rows in.",
                        ColumnPlan.TargetName(n), value!.Substring(0, Math.Min(value.Length, 80)) + "...");
                }
            }

            if (recordBytes > maxRecordBytes)
            {
                return Fail(out failure, ConversionRejectReason.ValueTooLong, $"The converted row is {recordBytes} bytes long; the offline data format allows {maxRecordBytes}.", null, null);
            }

            record = r;
            return true;
        }

        private string CultureName => culture.Name.Length == 0 ? "invariant" : culture.Name;

        private static bool IsBlank(string text) => text.Trim().Length == 0;

        private bool Empty(out Failure failure, int n)
        {
            return Fail(out failure, ConversionRejectReason.EmptyMandatoryValue, $"{ColumnPlan.TargetName(n)} is empty; it is mandatory.", ColumnPlan.TargetName(n), string.Empty);
        }

        private bool TryGet(IReadOnlyList<string> fields, int n, out string text, out Failure failure)
        {
            failure = default;
            var constant = plan.NamedConstants[n - 1];
            if (constant != null)
            {
                text = constant;
                return true;
            }

            int index = plan.Named[n - 1];
            if (index >= 0 && index < fields.Count)
            {
                text = fields[index];
                return true;
            }

            text = string.Empty;
            if (plan.Positional && n > fields.Count)
            {
                failure = new Failure { Reason = ConversionRejectReason.MissingField, Message = $"The row has {fields.Count} fields; {ColumnPlan.TargetName(n)} is field {n}.", Column = ColumnPlan.TargetName(n) };
                return false;
            }

            failure = new Failure { Reason = ConversionRejectReason.MissingField, Message = $"The row has {fields.Count} fields; {ColumnPlan.TargetName(n)} comes from source column {index + 1}.", Column = ColumnPlan.TargetName(n) };
            return false;
        }

        private bool TryGetOptional(IReadOnlyList<string> fields, int n, out string? value)
        {
            value = plan.NamedConstants[n - 1];
            if (value != null) return true;
            int index = plan.Named[n - 1];
            if (index < 0 || index >= fields.Count) return false;
            value = fields[index];
            return value.Length > 0;
        }

        private static bool Fail(out Failure failure, ConversionRejectReason reason, string message, string? column, string? raw)
        {
            failure = new Failure { Reason = reason, Message = message, Column = column, RawValue = raw };
            return false;
        }
    }
}
