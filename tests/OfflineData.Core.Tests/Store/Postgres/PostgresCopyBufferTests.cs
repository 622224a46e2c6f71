using System;
using System.Globalization;
using Npgsql;
using OfflineData.Core.Store.Postgres;
using Xunit;

namespace OfflineData.Core.Tests.Store.Postgres
{
    /// <summary>
    /// The hand-encoded binary COPY rows the import writes: every value goes through a real server and is read back as
    /// the server's text, so an encoding PostgreSQL reads differently (numeric digits, weight, scale; timestamps;
    /// UTF-8; NULL) fails here, not in a store.
    /// </summary>
    public sealed class PostgresCopyBufferTests : IDisposable
    {
        private readonly TestDatabase? database;

        public PostgresCopyBufferTests()
        {
            if (PostgresTestServer.SkipReason == null) database = PostgresTestServer.CreateDatabase();
        }

        public void Dispose() => database?.Dispose();

        [PostgresFact]
        public void EveryNumericComesBackAsTheSameNumberWithItsScale()
        {
            string[] values =
            {
                "0", "0.00", "-0.0", "1", "-1", "1.5", "1234.50", "-1234.5", "9999", "10000", "10000.0001", "0.0001", "0.00001",
                "123456789.123456789", "-0.000000001", "79228162514264337593543950335", "-79228162514264337593543950335",
                "7.9228162514264337593543950335", "0.0000000000000000000000000001", "100000000", "12345678901234567890.12",
                "5.000", "0.1000", "1000000.5",
            };

            var buffer = new PostgresCopyBuffer(16);
            foreach (var text in values)
            {
                buffer.StartRow(2);
                buffer.Text(text);
                buffer.Numeric(decimal.Parse(text, CultureInfo.InvariantCulture));
            }

            foreach (var (expected, stored) in CopyAndRead(buffer, "n numeric", "n", "n::text"))
            {
                Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), stored);
            }
        }

        [PostgresFact]
        public void TextTimestampIntegersAndNullComeBackAsWritten()
        {
            var buffer = new PostgresCopyBuffer(16);
            buffer.StartRow(5);
            buffer.Text("2024-03-01 10:00:00|Malmö ☃ \"quoted\"; tab\tline\nend|-2147483648|9223372036854775807");
            buffer.Timestamp(new DateTime(2024, 3, 1, 10, 0, 0, DateTimeKind.Local));
            buffer.Text("Malmö ☃ \"quoted\"; tab\tline\nend");
            buffer.Int32(int.MinValue);
            buffer.Int64(long.MaxValue);
            buffer.StartRow(5);
            buffer.Text("1999-12-31 23:59:59||0|-1");
            buffer.Timestamp(new DateTime(1999, 12, 31, 23, 59, 59));
            buffer.Text(string.Empty);
            buffer.Int32(0);
            buffer.Int64(-1);
            buffer.StartRow(5);
            buffer.Text("2000-01-01 00:00:00.000001|NULL|NULL|NULL");
            buffer.Timestamp(new DateTime(2000, 1, 1).AddTicks(10));
            buffer.Text((string?)null);
            buffer.Null();
            buffer.Null();

            foreach (var (expected, stored) in CopyAndRead(buffer, "t timestamp, s text, i int4, b int8", "t, s, i, b",
                "concat_ws('|', t::text, coalesce(s, 'NULL'), coalesce(i::text, 'NULL'), coalesce(b::text, 'NULL'))"))
            {
                Assert.Equal(expected, stored);
            }
        }

        [PostgresFact]
        public void ABufferGrowsAndIsReusedAfterClear()
        {
            var buffer = new PostgresCopyBuffer(16);
            for (int i = 0; i < 3; i++)
            {
                buffer.StartRow(2);
                buffer.Text("x");
                buffer.Text("to be cleared");
            }

            buffer.Clear();
            Assert.Equal(0, buffer.Rows);
            var large = new string('é', 70_000);
            buffer.StartRow(2);
            buffer.Text("large");
            buffer.Text(large);
            var rows = CopyAndRead(buffer, "v text", "v", "v");
            Assert.Equal(new[] { ("large", large) }, rows);
        }

        /// <summary>
        /// Copies the buffer's rows (a label, then the <paramref name="columns"/>) into a new table and reads each back,
        /// in order, as the label and <paramref name="select"/>.
        /// </summary>
        private System.Collections.Generic.List<(string, string)> CopyAndRead(PostgresCopyBuffer buffer, string columns, string names, string select)
        {
            buffer.Complete();
            using var connection = new NpgsqlConnection(database!.ConnectionString);
            connection.Open();
            var rows = new System.Collections.Generic.List<(string, string)>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = $"CREATE TABLE copied (row_number serial, label text, {columns});";
                command.ExecuteNonQuery();
            }

            var data = buffer.Data;
            using (var stream = connection.BeginRawBinaryCopy($"COPY copied (label, {names}) FROM STDIN (FORMAT BINARY)"))
            {
                stream.Write(data.Array!, data.Offset, data.Count);
            }

            using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT label, {select} FROM copied ORDER BY row_number;";
                using var reader = command.ExecuteReader();
                while (reader.Read()) rows.Add((reader.GetString(0), reader.GetString(1)));
            }

            return rows;
        }
    }
}
