using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace OfflineData.Core.Store.Postgres
{
    // The consent list (IConsentStore): the consent table of schema 4 (ConsentSchema), a reference table on Citus.
    public sealed partial class PostgresOfflineDataStore
    {
        // Entries sent per statement: one round trip per chunk, the whole call still one transaction.
        private const int ConsentChunk = 1000;

        /// <inheritdoc/>
        public ConsentRecordCounts RecordConsents(IEnumerable<ConsentEntry> entries)
        {
            if (entries == null) throw new ArgumentNullException(nameof(entries));
            EnsureWritable();
            const string action = "record the consent entries";
            var transaction = Guard(action, () => connection.BeginTransaction());
            try
            {
                var counts = new ConsentRecordCounts();
                var recorded = Now();
                var chunk = new List<ConsentEntry>(ConsentChunk);
                foreach (var given in entries)
                {
                    chunk.Add(ConsentSchema.Checked(given));
                    if (chunk.Count == ConsentChunk) InsertConsents(chunk, recorded, counts, action);
                }

                InsertConsents(chunk, recorded, counts, action);
                Guard(action, () =>
                {
                    transaction.Commit();
                    return true;
                });
                return counts;
            }
            catch
            {
                SafeRollback(transaction);
                throw;
            }
            finally
            {
                transaction.Dispose();
            }
        }

        private void InsertConsents(List<ConsentEntry> chunk, DateTime recorded, ConsentRecordCounts counts, string action)
        {
            if (chunk.Count == 0) return;
            var inserted = Guard(action, () =>
            {
                using var command = connection.CreateCommand();
                // WITH ORDINALITY … ORDER BY n: IDs follow the order given, so of two entries with the same time the one
                // given later wins. The unique index is the duplicate check (also within the chunk); naming it as the
                // conflict target keeps any other conflict an error instead of a silent "already recorded".
                command.CommandText = @"INSERT INTO offlinedata.consent (customer_id, scope, value, decided_at, source, recorded_at)
SELECT x.c, x.s, x.v, x.t, x.src, @recorded FROM unnest(@c, @s, @v, @t, @src) WITH ORDINALITY AS x(c, s, v, t, src, n) ORDER BY x.n
ON CONFLICT (customer_id, scope, decided_at, value) DO NOTHING;";
                var customers = new string[chunk.Count];
                var scopes = new string[chunk.Count];
                var values = new string[chunk.Count];
                var times = new DateTime[chunk.Count];
                var sources = new string[chunk.Count];
                for (int i = 0; i < chunk.Count; i++)
                {
                    customers[i] = chunk[i].CustomerId;
                    scopes[i] = chunk[i].Scope;
                    values[i] = chunk[i].Value;
                    times[i] = chunk[i].Time.UtcDateTime;
                    sources[i] = chunk[i].Source;
                }

                command.Parameters.Add(new NpgsqlParameter("c", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = customers });
                command.Parameters.Add(new NpgsqlParameter("s", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = scopes });
                command.Parameters.Add(new NpgsqlParameter("v", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values });
                command.Parameters.Add(new NpgsqlParameter("t", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = times });
                command.Parameters.Add(new NpgsqlParameter("src", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = sources });
                command.Parameters.Add(new NpgsqlParameter("recorded", NpgsqlDbType.TimestampTz) { Value = recorded });
                return command.ExecuteNonQuery();
            });
            counts.Recorded += inserted;
            counts.AlreadyRecorded += chunk.Count - inserted;
            chunk.Clear();
        }

        /// <inheritdoc/>
        public IEnumerable<ConsentEntry> GetConsents(ConsentQuery query)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            if (!Exists) return Array.Empty<ConsentEntry>();
            return Guarded(ReadConsents(query), "read the consent entries");
        }

        private IEnumerable<ConsentEntry> ReadConsents(ConsentQuery query)
        {
            using var command = connection.CreateCommand();
            var where = new StringBuilder("WHERE true");
            AddMatch(command, where, "c.customer_id", query.CustomerId);
            AddMatch(command, where, "c.scope", query.Scope?.ToLowerInvariant());
            if (!query.History) where.Append(" AND ").Append(ConsentSchema.Wins("c", "offlinedata.consent"));
            if (query.Value != null) AddCompare(command, where, "c.value", "=", NpgsqlDbType.Text, ConsentValues.IsKnown(query.Value) ? ConsentValues.Normalize(query.Value) : query.Value);
            command.CommandText = "SELECT c." + ConsentSchema.Columns.Replace(", ", ", c.") + "\nFROM offlinedata.consent c " + where + " ORDER BY c.decided_at DESC, c.id DESC" + Limit(query.First) + ";";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                yield return ReadConsent(reader, DisplayName);
            }
        }

        /// <summary>Maps a row of <see cref="ConsentSchema.Columns"/> (also for Copy-OfflineDataStore).</summary>
        internal static ConsentEntry ReadConsent(NpgsqlDataReader reader, string store) => new ConsentEntry
        {
            Id = reader.GetInt64(0),
            CustomerId = reader.GetString(1),
            Scope = reader.GetString(2),
            Value = reader.GetString(3),
            Time = reader.GetFieldValue<DateTimeOffset>(4).ToUniversalTime(),
            Source = reader.GetString(5),
            RecordedAt = reader.GetFieldValue<DateTimeOffset>(6).UtcDateTime,
            Store = store,
        };

        /// <inheritdoc/>
        public IEnumerable<string> GetSuppressedCustomerIds(ConsentPolicy policy)
        {
            if (policy == null) throw new ArgumentNullException(nameof(policy));
            if (!Exists) return Array.Empty<string>();
            return Guarded(ReadSuppressedCustomerIds(policy), "read the opted-out customers");
        }

        private IEnumerable<string> ReadSuppressedCustomerIds(ConsentPolicy policy)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT DISTINCT c.customer_id FROM offlinedata.consent c WHERE " + SuppressedCondition(command, "c", policy) + " ORDER BY c.customer_id;";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                yield return reader.GetString(0);
            }
        }

        /// <summary>
        /// The condition that the entry aliased <paramref name="alias"/> wins for its customer and scope and suppresses under
        /// <paramref name="policy"/> (its parameters added to <paramref name="command"/>); shared by the opted-out list and
        /// Measure's SuppressedRows, so both always mean the same customers.
        /// </summary>
        internal static string SuppressedCondition(NpgsqlCommand command, string alias, ConsentPolicy policy)
        {
            var scopes = "c" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
            command.Parameters.Add(new NpgsqlParameter(scopes, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ToArray(policy.Scopes) });
            var values = "c" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
            command.Parameters.Add(new NpgsqlParameter(values, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ToArray(policy.SuppressingValues) });
            return $"{alias}.scope = ANY(@{scopes}) AND {alias}.value = ANY(@{values}) AND " + ConsentSchema.Wins(alias, "offlinedata.consent");
        }

        private static string[] ToArray(IReadOnlyList<string> values)
        {
            var result = new string[values.Count];
            for (int i = 0; i < result.Length; i++) result[i] = values[i];
            return result;
        }
    }
}
