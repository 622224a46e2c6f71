using System;
using System.Globalization;
using Npgsql;
using OfflineData.Core.Format;
using OfflineData.Core.Matching;

namespace OfflineData.Core.Store.Postgres
{
    /// <summary>
    /// How a ledger entry and an offline row are laid out in the PostgreSQL store and decoded from a query that selects
    /// their columns in this order: the store's queries and the store copy read them the same way.
    /// </summary>
    internal static class PostgresStoredRows
    {
        /// <summary>The ledger entry at the reader's current row (columns as <see cref="StoreColumns.Ledger"/>).</summary>
        public static ImportLedgerEntry ReadLedgerEntry(NpgsqlDataReader reader, string store)
        {
            var entry = new ImportLedgerEntry
            {
                Id = reader.GetInt64(0),
                ReportSuite = reader.GetString(1),
                FileName = reader.GetString(2),
                Path = reader.GetString(3),
                Size = reader.GetInt64(4),
                Sha256 = reader.GetString(5),
                StartedAt = reader.GetFieldValue<DateTimeOffset>(6),
                EndedAt = reader.IsDBNull(7) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(7),
                StatusValue = (ImportStatus)Enum.Parse(typeof(ImportStatus), reader.GetString(8)),
                Rows = reader.GetInt64(9),
                Imported = reader.GetInt64(10),
                MatchedByTransactionId = reader.GetInt64(11),
                MatchedByCustomerId = reader.GetInt64(12),
                Unattributed = reader.GetInt64(13),
                Rejected = reader.GetInt64(15),
                Duplicates = reader.GetInt64(16),
                Warnings = reader.GetInt64(17),
                Revenue = reader.GetDecimal(18),
                DistinctCustomers = reader.GetInt64(19),
                QuarantinePath = NullableString(reader, 20),
                TransactionIdColumn = reader.GetString(21),
                SupersededBy = reader.IsDBNull(22) ? (long?)null : reader.GetInt64(22),
                Message = NullableString(reader, 23),
                Store = store,
            };
            foreach (var pair in StateCodec.Decode(reader.GetString(14)))
            {
                entry.UnattributedByReason[(MatchReason)Enum.Parse(typeof(MatchReason), pair.Key)] = long.Parse(pair.Value, CultureInfo.InvariantCulture);
            }

            return entry;
        }

        /// <summary>
        /// The offline row at the reader's current row (columns as <see cref="StoreColumns.OfflineRow"/>). <paramref name="sourcePath"/>
        /// is the imported file's path where the query joined it, else null.
        /// </summary>
        public static StoredOfflineRow ReadOfflineRow(NpgsqlDataReader reader, string store, string? sourcePath)
        {
            var record = new OfflineDataRecord
            {
                Timestamp = reader.GetDateTime(3),
                CustomerId = reader.GetString(4),
                EventType = reader.GetInt32(5),
                Category = NullableString(reader, 6),
                EventName = reader.GetString(7),
                Num1 = reader.GetDecimal(8),
                Num2 = reader.GetDecimal(9),
                TransactionAttributes = StateCodec.DecodeArray(reader.GetString(25)),
                Entry = NullableString(reader, 26),
                Line = reader.GetInt64(27),
                RowIndex = reader.GetInt64(28),
            };
            if (sourcePath != null) record.Path = sourcePath;
            for (int column = 8; column <= OfflineDataSchema.NamedColumnCount; column++)
            {
                record.SetOptionalText(column, NullableString(reader, column + 2));
            }

            var match = new MatchResult(
                (MatchOutcome)Enum.Parse(typeof(MatchOutcome), reader.GetString(29)),
                (MatchReason)Enum.Parse(typeof(MatchReason), reader.GetString(30)),
                (MatchReason)Enum.Parse(typeof(MatchReason), reader.GetString(31)),
                NullableString(reader, 32),
                NullableString(reader, 33),
                reader.IsDBNull(34) ? (DateTime?)null : reader.GetDateTime(34),
                StateCodec.Decode(reader.GetString(35)),
                string.Empty);
            return new StoredOfflineRow(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), record, match, store);
        }

        /// <summary>The delivery ledger entry at the reader's current row (columns as <see cref="StoreColumns.Delivery"/>).</summary>
        public static DeliveryLedgerEntry ReadDeliveryEntry(NpgsqlDataReader reader, string store) => new DeliveryLedgerEntry
        {
            Id = reader.GetInt64(0),
            Destination = reader.GetString(1),
            SourcePath = reader.GetString(2),
            FileName = reader.GetString(3),
            RemoteName = reader.GetString(4),
            MarkerName = NullableString(reader, 5),
            Sha256 = reader.GetString(6),
            Size = reader.GetInt64(7),
            StartedAt = reader.GetFieldValue<DateTimeOffset>(8),
            EndedAt = reader.IsDBNull(9) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(9),
            StatusValue = (DeliveryStatus)reader.GetInt16(10),
            Attempts = reader.GetInt32(11),
            Message = NullableString(reader, 12),
            SuppressedRows = reader.GetInt64(13),
            Store = store,
        };

        private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }
}
