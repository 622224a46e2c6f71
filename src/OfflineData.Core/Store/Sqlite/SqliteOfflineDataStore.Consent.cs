using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace OfflineData.Core.Store.Sqlite
{
    // The consent list (IConsentStore): the consent table of schema 6 (ConsentSchema).
    public sealed partial class SqliteOfflineDataStore
    {
        /// <inheritdoc/>
        public ConsentRecordCounts RecordConsents(IEnumerable<ConsentEntry> entries)
        {
            if (entries == null) throw new ArgumentNullException(nameof(entries));
            EnsureWritable();
            EnsureIntact();
            BeginWrite();
            try
            {
                var counts = new ConsentRecordCounts();
                using (var command = connection.CreateCommand())
                {
                    // The unique index is the duplicate check; naming it as the conflict target keeps any other
                    // conflict an error instead of a silent "already recorded".
                    command.CommandText = @"INSERT INTO consent (customer_id, scope, value, decided_at, source, recorded_at)
VALUES ($customer, $scope, $value, $time, $source, $recorded) ON CONFLICT (customer_id, scope, decided_at, value) DO NOTHING;";
                    var customer = command.Parameters.Add("$customer", SqliteType.Text);
                    var scope = command.Parameters.Add("$scope", SqliteType.Text);
                    var value = command.Parameters.Add("$value", SqliteType.Text);
                    var time = command.Parameters.Add("$time", SqliteType.Text);
                    var source = command.Parameters.Add("$source", SqliteType.Text);
                    command.Parameters.AddWithValue("$recorded", StoreTime.Utc(DateTimeOffset.UtcNow));
                    command.Prepare();
                    foreach (var given in entries)
                    {
                        var entry = ConsentSchema.Checked(given);
                        customer.Value = entry.CustomerId;
                        scope.Value = entry.Scope;
                        value.Value = entry.Value;
                        time.Value = StoreTime.Utc(entry.Time);
                        source.Value = entry.Source;
                        if (command.ExecuteNonQuery() == 1) counts.Recorded++;
                        else counts.AlreadyRecorded++;
                    }
                }

                Execute(connection, "COMMIT;");
                return counts;
            }
            catch (SqliteException e)
            {
                Rollback();
                throw StoreFailure.From(Location, "record the consent entries", e);
            }
            catch
            {
                Rollback();
                throw;
            }
        }

        /// <inheritdoc/>
        public IEnumerable<ConsentEntry> GetConsents(ConsentQuery query)
        {
            if (query == null) throw new ArgumentNullException(nameof(query));
            return Guarded(ReadConsents(query), "read the consent entries");
        }

        private IEnumerable<ConsentEntry> ReadConsents(ConsentQuery query)
        {
            using var command = connection.CreateCommand();
            var where = new StringBuilder("WHERE 1 = 1");
            AddMatch(command, where, "c.customer_id", query.CustomerId);
            AddMatch(command, where, "c.scope", query.Scope?.ToLowerInvariant());
            if (!query.History) where.Append(" AND ").Append(ConsentSchema.Wins("c", "consent"));
            if (query.Value != null) AddEquals(command, where, "c.value", ConsentValues.IsKnown(query.Value) ? ConsentValues.Normalize(query.Value) : query.Value);
            command.CommandText = "SELECT c." + ConsentSchema.Columns.Replace(", ", ", c.") + "\nFROM consent c " + where + " ORDER BY c.decided_at DESC, c.id DESC" + Limit(query.First) + ";";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                yield return ReadConsent(reader, Location);
            }
        }

        /// <summary>Maps a row of <see cref="ConsentSchema.Columns"/> (also for Copy-OfflineDataStore).</summary>
        internal static ConsentEntry ReadConsent(SqliteDataReader reader, string store) => new ConsentEntry
        {
            Id = reader.GetInt64(0),
            CustomerId = reader.GetString(1),
            Scope = reader.GetString(2),
            Value = reader.GetString(3),
            Time = StoreTime.ParseUtc(reader.GetString(4)),
            Source = reader.GetString(5),
            RecordedAt = StoreTime.ParseUtc(reader.GetString(6)).UtcDateTime,
            Store = store,
        };

        /// <inheritdoc/>
        public IEnumerable<string> GetSuppressedCustomerIds(ConsentPolicy policy)
        {
            if (policy == null) throw new ArgumentNullException(nameof(policy));
            return Guarded(ReadSuppressedCustomerIds(policy), "read the opted-out customers");
        }

        private IEnumerable<string> ReadSuppressedCustomerIds(ConsentPolicy policy)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT DISTINCT c.customer_id FROM consent c WHERE " + SuppressedCondition(command, "c", policy) + " ORDER BY c.customer_id;";
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
        internal static string SuppressedCondition(SqliteCommand command, string alias, ConsentPolicy policy)
        {
            var sql = new StringBuilder();
            sql.Append(alias).Append(".scope IN (").Append(Parameters(command, policy.Scopes)).Append(") AND ")
                .Append(alias).Append(".value IN (").Append(Parameters(command, policy.SuppressingValues)).Append(") AND ")
                .Append(ConsentSchema.Wins(alias, "consent"));
            return sql.ToString();
        }

        private static string Parameters(SqliteCommand command, IReadOnlyList<string> values)
        {
            var names = new List<string>();
            foreach (var value in values)
            {
                var name = "$c" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
                command.Parameters.AddWithValue(name, value);
                names.Add(name);
            }

            return string.Join(", ", names);
        }
    }
}
