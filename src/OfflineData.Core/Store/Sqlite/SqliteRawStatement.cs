using System;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace OfflineData.Core.Store.Sqlite
{
    /// <summary>
    /// One statement prepared once on the store's connection and executed many times, its parameters bound by
    /// position. For the import's row insert: through <see cref="SqliteCommand"/> every execution looks each of the
    /// 36 parameters up by name (<c>sqlite3_bind_parameter_index</c>, a string compare per name) and builds a data
    /// reader, which was a fifth of the import's time; here a row costs the binds and one step.
    /// Failures are thrown as <see cref="SqliteException"/>, as the driver would, so callers map them alike.
    /// </summary>
    internal sealed class SqliteRawStatement : IDisposable
    {
        private readonly sqlite3 db;
        private sqlite3_stmt? statement;
        // Reused for every text value: UTF-8 bytes bound with SQLITE_TRANSIENT, so SQLite copies them and the buffer is free again.
        private byte[] buffer = new byte[256];

        public SqliteRawStatement(SqliteConnection connection, string sql)
        {
            db = connection.Handle ?? throw new InvalidOperationException("The store's connection is not open.");
            int rc = raw.sqlite3_prepare_v2(db, sql, out var prepared);
            SqliteException.ThrowExceptionForRC(rc, db);
            statement = prepared;
        }

        /// <summary>Binds text (null: SQL NULL) to the 1-based parameter <paramref name="index"/>.</summary>
        public void BindText(int index, string? value)
        {
            if (value == null)
            {
                Check(raw.sqlite3_bind_null(Statement, index));
                return;
            }

            int max = Encoding.UTF8.GetMaxByteCount(value.Length);
            if (max > buffer.Length) buffer = new byte[Math.Max(max, buffer.Length * 2)];
            int length = Encoding.UTF8.GetBytes(value, 0, value.Length, buffer, 0);
            Check(raw.sqlite3_bind_text(Statement, index, new ReadOnlySpan<byte>(buffer, 0, length)));
        }

        /// <summary>Binds an integer to the 1-based parameter <paramref name="index"/>.</summary>
        public void BindInt64(int index, long value) => Check(raw.sqlite3_bind_int64(Statement, index, value));

        /// <summary>Runs the statement once (it returns no rows) and makes it ready for the next binds.</summary>
        public void Execute()
        {
            int rc = raw.sqlite3_step(Statement);
            if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
            {
                // reset returns the step's error code with its extended code in the handle's message.
                raw.sqlite3_reset(Statement);
                SqliteException.ThrowExceptionForRC(rc, db);
            }

            Check(raw.sqlite3_reset(Statement));
        }

        public void Dispose()
        {
            statement?.Dispose();
            statement = null;
        }

        private sqlite3_stmt Statement => statement ?? throw new ObjectDisposedException(nameof(SqliteRawStatement));

        private void Check(int rc)
        {
            if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
        }
    }
}
