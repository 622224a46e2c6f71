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
        private readonly int lockId;

        private PostgresDeliveryLease(NpgsqlConnection connection, int lockId)
        {
            this.connection = connection;
            this.lockId = lockId;
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
                var id = LockId(destination, sha256);
                command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Integer) { Value = id });
                if ((bool)command.ExecuteScalar()!) return new PostgresDeliveryLease(leased, id);
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
            if (connection == null) return;
            try
            {
                // Released explicitly first: the server ends a closed session (and drops its locks) a moment after the
                // client has gone, so a claim right after this one could still find the lock held.
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT pg_advisory_unlock(@key, @id);";
                command.Parameters.Add(new NpgsqlParameter("key", NpgsqlDbType.Integer) { Value = DeliveryLockKey });
                command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Integer) { Value = lockId });
                command.ExecuteScalar();
            }
            catch (Exception e) when (PostgresFailure.IsDriverFailure(e))
            {
                // a lost connection: its session, and with it the lock, is gone on the server anyway
            }
            finally
            {
                connection.Dispose();
                connection = null;
            }
        }
    }
}
