using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;
using OfflineData.Core.Hashing;
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
        private readonly ColumnHashing? hashing;

        public RowConverter(ColumnPlan plan, TimestampConverter timestamps, CultureInfo culture, int maxFieldBytes, int maxRecordBytes, ColumnHashing? hashing = null)
        {
            this.hashing = hashing;
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

            // The mandatory columns, by the schema: each must have a value, and the typed ones a valid one.
            foreach (var column in RecordRules.Mandatory)
            {
                int n = column.Number;
                if (!TryGet(fields, n, out var text, out failure)) return false;
                if (RecordRules.IsEmpty(column, text)) return Empty(out failure, n);
                switch (column.Kind)
                {
                    case ColumnKind.Timestamp:
                        if (!timestamps.TryConvert(text, out var timestamp, out var reason, out var message))
                        {
                            return Fail(out failure, reason, message, column.PropertyName, text);
                        }

                        r.Timestamp = timestamp;
                        break;
                    case ColumnKind.EventType:
                        if (!TryParseEventType(text, out var eventType))
                        {
                            return Fail(out failure, ConversionRejectReason.InvalidEventType, $"EventType '{DisplayText.Escape(text)}' is not a non-negative integer.", column.PropertyName, text);
                        }

                        r.EventType = eventType;
                        break;
                    case ColumnKind.Number:
                        if (!NumberParser.TryParse(text, culture, out var number))
                        {
                            var example = (1234.56m).ToString("N2", culture);
                            return Fail(out failure, ConversionRejectReason.InvalidNumber, $"{column.PropertyName} '{DisplayText.Escape(text)}' is not a plain number in culture '{CultureName}' (e.g. {example}; no currency or units). If the source uses another notation, give -Culture.", column.PropertyName, text);
                        }

                        // The validator allows at most 28 digits in all; a decimal can print 29 (and rounds a longer source
                        // value to them), so such a value would be written as a row Test rejects, or silently changed.
                        // Written, a number has at most one digit more than its text (a leading 0), so short texts need no check.
                        if (text.Length > 26 && !RecordRules.HasWritableDigits(number, out _))
                        {
                            return Fail(out failure, ConversionRejectReason.InvalidNumber, $"{column.PropertyName} '{DisplayText.Escape(text)}' has more than 28 digits, which the offline data format does not allow (leading and trailing zeros count); round it in the source.", column.PropertyName, text);
                        }

                        if (n == 6) r.Num1 = number; else r.Num2 = number;
                        break;
                    default:
                        r.SetText(n, text);
                        break;
                }
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

            // Hashed before the size rules, which apply to what is written (a hash, not the raw value).
            if (hashing != null && !hashing.TryApply(r, out var hashFailure, out var hashColumn))
            {
                return Fail(out failure, HashReason(hashFailure), $"{hashColumn}: {IdentifierHasher.Describe(hashFailure, hashing.Hasher.DefaultRegion)}", hashColumn, null);
            }

            // Sizes and shapes the validator enforces, the same rules Write-OfflineDataFile applies.
            if (!RecordRules.TryCheckWritable(r, maxFieldBytes, maxRecordBytes, out var why, out var whyMessage, out var at, out var shown))
            {
                return Fail(out failure, why, whyMessage, at > 0 ? ColumnPlan.TargetName(at) : null, shown);
            }

            record = r;
            return true;
        }

        private string CultureName => culture.Name.Length == 0 ? "invariant" : culture.Name;

        /// <summary>The event type by the format's own parser (digits only, fits an int), white space around it allowed in a source.</summary>
        internal static bool TryParseEventType(string text, out int value)
        {
            value = 0;
            var trimmed = text.Trim();
            if (trimmed.Length == 0 || trimmed.Length > 10) return false;
            Span<byte> ascii = stackalloc byte[trimmed.Length];
            for (int i = 0; i < trimmed.Length; i++)
            {
                if (trimmed[i] > 127) return false;
                ascii[i] = (byte)trimmed[i];
            }

            return FieldParsers.TryParseEventType(ascii, out value);
        }

        private static ConversionRejectReason HashReason(IdentifierFailure failure)
        {
            switch (failure)
            {
                case IdentifierFailure.InvalidEmail: return ConversionRejectReason.InvalidEmail;
                case IdentifierFailure.InvalidPhone: return ConversionRejectReason.InvalidPhone;
                default: return ConversionRejectReason.InvalidName;
            }
        }

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
