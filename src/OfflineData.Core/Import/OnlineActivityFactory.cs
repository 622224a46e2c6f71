using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;
using OfflineData.Core.Store;

namespace OfflineData.Core.Import
{
    /// <summary>
    /// Turns the fields of one online activity row (from a file or a pipeline object) into a validated
    /// <see cref="OnlineActivity"/>, or a located error finding. Field names are matched case-, space-,
    /// underscore- and hyphen-insensitively: a timestamp (<c>Timestamp</c>, <c>Time Stamp</c>, <c>Time</c>),
    /// a visitor ID (<c>VisitorId</c>, <c>Visitor ID</c>, <c>Visitor</c>) and an optional transaction ID
    /// (<c>TransactionId</c>, <c>Transaction ID</c>); every other non-empty field is a state dimension.
    /// </summary>
    public static class OnlineActivityFactory
    {
        /// <summary>The longest transaction ID, in UTF-8 bytes.</summary>
        public const int MaxTransactionIdBytes = 100;

        private static readonly string[] TimestampNames = { "Timestamp", "Time Stamp", "Time", "DateTime" };
        private static readonly string[] VisitorNames = { "VisitorId", "Visitor ID", "Visitor" };
        private static readonly string[] TransactionNames = { "TransactionId", "Transaction ID" };
        private static readonly string[] Formats = { "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF" };

        /// <summary>Which role a field name plays.</summary>
        public static OnlineFieldRole RoleOf(string name)
        {
            if (Matches(name, TimestampNames)) return OnlineFieldRole.Timestamp;
            if (Matches(name, VisitorNames)) return OnlineFieldRole.VisitorId;
            if (Matches(name, TransactionNames)) return OnlineFieldRole.TransactionId;
            return OnlineFieldRole.State;
        }

        /// <summary>
        /// Builds an activity from named fields. <paramref name="fields"/> values may be strings or, for the timestamp,
        /// a <see cref="DateTime"/> (taken as it is, no zone conversion). Returns null and sets <paramref name="error"/> when
        /// the row cannot be recorded.
        /// </summary>
        public static OnlineActivity? Create(string source, long line, IEnumerable<KeyValuePair<string, object?>> fields, out Finding? error)
        {
            error = null;
            object? timestamp = null;
            string? visitor = null;
            string? transaction = null;
            var activity = new OnlineActivity { Source = source, Line = line };
            foreach (var field in fields)
            {
                switch (RoleOf(field.Key))
                {
                    case OnlineFieldRole.Timestamp: timestamp = field.Value; break;
                    case OnlineFieldRole.VisitorId: visitor = AsText(field.Value); break;
                    case OnlineFieldRole.TransactionId: transaction = AsText(field.Value); break;
                    default:
                        var value = AsText(field.Value);
                        if (!string.IsNullOrEmpty(value)) activity.State[field.Key] = value!;
                        break;
                }
            }

            // A zero-width space (or any invisible format character) is no more an ID than a space is.
            if (IdentifierText.IsBlank(visitor))
            {
                error = Error(FindingCode.MissingVisitorId, "The row has no visitor ID; every online row needs the visitor it belongs to (column VisitorId).", source, line, "VisitorId", visitor);
                return null;
            }

            if (!TryParseTimestamp(timestamp, out var time))
            {
                var raw = AsText(timestamp);
                error = Error(FindingCode.InvalidOnlineTimestamp, $"Timestamp '{DisplayText.Escape(raw)}' is missing or not in the format yyyy-MM-dd HH:mm:ss (e.g. 2024-05-25 12:25:43).", source, line, "Timestamp", raw);
                return null;
            }

            // Trimmed like the timestamp (and like the offline side looks it up), so " T1" and "T1" are one transaction.
            transaction = IdentifierText.Normalize(transaction);
            if (transaction != null)
            {
                int bytes = Encoding.UTF8.GetByteCount(transaction);
                if (bytes > MaxTransactionIdBytes)
                {
                    error = Error(FindingCode.TransactionIdTooLong, $"The transaction ID is {bytes} bytes long in UTF-8; at most {MaxTransactionIdBytes} are allowed.", source, line, "TransactionId", transaction);
                    return null;
                }

                activity.TransactionId = transaction;
            }

            activity.VisitorId = visitor!;
            activity.Timestamp = time;
            return activity;
        }

        /// <summary>Makes a located finding about online input with the code's fixed severity.</summary>
        public static Finding Error(FindingCode code, string message, string source, long line, string? column, string? raw)
        {
            if (raw != null && raw.Length > 200) raw = raw.Substring(0, 200) + "…";
            return new Finding(code, FindingCodeInfo.SeverityOf(code), message, source, null, line, line, null, column, raw);
        }

        private static bool TryParseTimestamp(object? value, out DateTime time)
        {
            if (value is DateTime dateTime)
            {
                time = dateTime;
                return true;
            }

            if (value is DateTimeOffset offset)
            {
                time = offset.DateTime;
                return true;
            }

            var text = AsText(value);
            time = default;
            return text != null && DateTime.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
        }

        private static string? AsText(object? value)
        {
            if (value == null) return null;
            if (value is IFormattable formattable) return formattable.ToString(null, CultureInfo.InvariantCulture);
            return value.ToString();
        }

        private static bool Matches(string name, string[] names)
        {
            foreach (var candidate in names)
            {
                if (OfflineDataSchema.NormalizedEquals(name.AsSpan(), candidate)) return true;
            }

            return false;
        }
    }
}
