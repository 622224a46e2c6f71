using System;
using System.Collections.Generic;
using System.Globalization;
using OfflineData.Core.Format;

namespace OfflineData.Core.Reading
{
    /// <summary>
    /// Selects rows of an <see cref="OfflineDataReader"/> by their raw fields, before a record is made of them: a time
    /// range, event types, customer IDs and transaction IDs. Testing a field or two of the row is much cheaper than
    /// making the record and sending it down a PowerShell pipeline to Where-Object. Every condition given must hold;
    /// a condition left null selects every row. Only valid rows are asked about (a row with errors has no trustworthy
    /// fields): the caller still reports every finding, whether or not the row would have matched.
    /// </summary>
    public sealed class RecordFilter
    {
        private const string TimestampFormat = "yyyy-MM-dd HH:mm:ss";

        private string? fromText;
        private string? toText;
        private DateTime? from;
        private DateTime? to;

        /// <summary>Only rows whose Time Stamp is at or after this time (compared as written, local time, no time zone).</summary>
        public DateTime? From
        {
            get => from;
            set
            {
                from = value;
                // A valid Time Stamp is exactly yyyy-MM-dd HH:mm:ss, so ordinal comparison of the text is the comparison
                // of the times; a -From inside a second starts at the next whole second, as no row lies between.
                fromText = value.HasValue ? CeilingToSecond(value.Value).ToString(TimestampFormat, CultureInfo.InvariantCulture) : null;
            }
        }

        /// <summary>Only rows whose Time Stamp is at or before this time.</summary>
        public DateTime? To
        {
            get => to;
            set
            {
                to = value;
                toText = value.HasValue ? value.Value.ToString(TimestampFormat, CultureInfo.InvariantCulture) : null;
            }
        }

        /// <summary>Only rows of these event types (e.g. 7, purchases); null or empty: any.</summary>
        public ICollection<int>? EventTypes { get; set; }

        /// <summary>Only rows whose Customer ID this predicate accepts (e.g. a wildcard match); null: any.</summary>
        public Func<string, bool>? CustomerId { get; set; }

        /// <summary>Only rows whose transaction ID (see <see cref="TransactionIdColumnNumber"/>) this predicate accepts; null: any.</summary>
        public Func<string, bool>? TransactionId { get; set; }

        /// <summary>The 1-based column holding the transaction ID; default 23, EventTransaction Attr1.</summary>
        public int TransactionIdColumnNumber { get; set; } = OfflineDataSchema.NamedColumnCount + 1;

        /// <summary>Whether any condition is set; a filter without one selects every row.</summary>
        public bool IsEmpty => fromText == null && toText == null && (EventTypes == null || EventTypes.Count == 0) && CustomerId == null && TransactionId == null;

        /// <summary>
        /// Whether the current row of <paramref name="reader"/> (a row without errors) passes every condition. The
        /// cheapest tests (time text, event type) run first, so most rows are decided on one field.
        /// </summary>
        public bool Matches(OfflineDataReader reader)
        {
            if (reader == null) throw new ArgumentNullException(nameof(reader));
            if (fromText != null || toText != null)
            {
                var time = reader.GetString(0);
                if (fromText != null && string.CompareOrdinal(time, fromText) < 0) return false;
                if (toText != null && string.CompareOrdinal(time, toText) > 0) return false;
            }

            if (EventTypes != null && EventTypes.Count > 0)
            {
                if (!int.TryParse(reader.GetString(2), NumberStyles.None, CultureInfo.InvariantCulture, out var eventType) || !EventTypes.Contains(eventType)) return false;
            }

            if (CustomerId != null && !CustomerId(reader.GetString(1))) return false;
            if (TransactionId != null)
            {
                // A row without the column has an empty transaction ID, as the record's property would be.
                int index = TransactionIdColumnNumber - 1;
                var value = index < reader.FieldCount ? reader.GetString(index) : string.Empty;
                if (!TransactionId(value)) return false;
            }

            return true;
        }

        private static DateTime CeilingToSecond(DateTime value)
        {
            long rest = value.Ticks % TimeSpan.TicksPerSecond;
            return rest == 0 ? value : value.AddTicks(TimeSpan.TicksPerSecond - rest);
        }
    }
}
