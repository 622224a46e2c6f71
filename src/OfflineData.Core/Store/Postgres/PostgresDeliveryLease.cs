using System;
using Npgsql;
using NpgsqlTypes;

namespace OfflineData.Core.Store.Postgres
{
    /// <summary>
    /// The delivery lease of the PostgreSQL store: a session-level advisory lock keyed by (destination, content), held
    /// by a connection of its own for the whole delivery. Why: the server drops it when the session ends, so it dies
    /// with the process or its connection — exactly what tells a killed run from a live one, also between machines
    /// sharing the store. A connection of its own, because advisory locks are re-entrant within a session (the store's
    /// connection would grant a second claim in the same process) and because the store's connection may be inside a
    /// transaction. Not pooled: closing it ends the session on the server, so no lock lingers in an idle pooled
    /// connection.
    /// </summary>
    internal sealed class PostgresDeliveryLease : IDisposable
    {
        // First half of the advisory lock key of a delivery lease ("ODDL"); the second half hashes destination and content.
        internal const int DeliveryLockKey = 0x4F44444C;

        private NpgsqlConnection? connection;

        private PostgresDeliveryLease(NpgsqlConnection connection)
        {
            this.connection = connection;
        }

        /// <summary>Takes the lease, or returns null while another session holds it.</summary>
        /// <exception cref="StoreException">The server cannot be reached.</exception>
        public static PostgresDeliveryLease? TryAcquire(PostgresLocation location, string destination, string sha256)
        {
            var builder = new NpgsqlConnectionStringBuilder(location.Builder.ConnectionString)
            {
                Pooling = false,
                // shown in pg_stat_activity, so an administrator sees what holds the lock
                ApplicationName = "OfflineData delivery lease",
            };
            var leased = new NpgsqlConnection(builder.ConnectionString);
            try
            {
                leased.Open();
                using var command = leased.CreateCommand();
                command.CommandText = "SELECT pg_try_advisory_lock(@key, @id);";
                command.Parameters.Add(new NpgsqlParameter("key", NpgsqlDbType.Integer) { Value = DeliveryLockKey });
                command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Integer) { Value = LockId(destination, sha256) });
                if ((bool)command.ExecuteScalar()!) return new PostgresDeliveryLease(leased);
                leased.Dispose();
                return null;
            }
            catch (Exception e) when (PostgresFailure.IsDriverFailure(e))
            {
                leased.Dispose();
                throw PostgresFailure.From(location, "claim the delivery in the delivery ledger", e);
            }
            catch
            {
                leased.Dispose();
                throw;
            }
        }

        /// <summary>
        /// The second half of the key: a stable 32-bit hash of destination and content. Two different deliveries sharing
        /// it only wait for each other; they are never both sent nor both skipped because of it.
        /// </summary>
        internal static int LockId(string destination, string sha256) =>
            PostgresOfflineDataStore.SuiteLockId(destination + "\n" + DeliveryLedgerChecks.Sha256(sha256));

        /// <inheritdoc />
        public void Dispose()
        {
            // Closing the (unpooled) connection ends the session, which releases the lock on the server.
            connection?.Dispose();
            connection = null;
        }
    }
}
