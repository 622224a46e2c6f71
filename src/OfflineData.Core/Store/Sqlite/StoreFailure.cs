using System;
using Microsoft.Data.Sqlite;

namespace OfflineData.Core.Store.Sqlite
{
    /// <summary>
    /// Turns a raw <see cref="SqliteException"/> into a <see cref="StoreException"/> whose message names the store,
    /// what was being done and the cause in words (disk full, read-only, damaged, tables missing), so no SQLite type
    /// leaves the store and every caller handles one exception type.
    /// </summary>
    internal static class StoreFailure
    {
        // Primary SQLite result codes (https://sqlite.org/rescode.html); the extended code's low byte is the primary one.
        private const int SqliteError = 1;
        private const int SqlitePerm = 3;
        private const int SqliteBusy = 5;
        private const int SqliteLocked = 6;
        private const int SqliteReadOnly = 8;
        private const int SqliteIoErr = 10;
        private const int SqliteCorrupt = 11;
        private const int SqliteConstraint = 19;
        private const int SqliteFull = 13;
        private const int SqliteCantOpen = 14;
        private const int SqliteAuth = 23;
        private const int SqliteNotADb = 26;

        /// <summary>The exception to throw for <paramref name="e"/>, raised while the store at <paramref name="location"/> was doing <paramref name="action"/>.</summary>
        public static StoreException From(string location, string action, SqliteException e) =>
            new StoreException($"The store '{location}' could not {action}: {Cause(e)}.", Kind(e), e);

        /// <summary>
        /// The kind of <paramref name="e"/>: what a caller can do about it, whatever the database. Tables missing or
        /// changed outside OfflineData count as <see cref="StoreFailureKind.IO"/>: the store's data is damaged.
        /// </summary>
        public static StoreFailureKind Kind(SqliteException e)
        {
            switch (e.SqliteErrorCode & 0xFF)
            {
                case SqliteBusy:
                case SqliteLocked:
                    return StoreFailureKind.Busy;
                case SqliteCantOpen:
                case SqliteNotADb:
                case SqlitePerm:
                case SqliteAuth:
                case SqliteReadOnly:
                    return StoreFailureKind.Unavailable;
                case SqliteCorrupt:
                case SqliteIoErr:
                case SqliteFull:
                    return StoreFailureKind.IO;
                case SqliteConstraint:
                    return StoreFailureKind.Constraint;
                case SqliteError when IsMissingTable(e):
                    return StoreFailureKind.IO;
                default:
                    return StoreFailureKind.Other;
            }
        }

        private static bool IsMissingTable(SqliteException e) =>
            e.Message.IndexOf("no such table", StringComparison.OrdinalIgnoreCase) >= 0
            || e.Message.IndexOf("no such column", StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>The cause in words, with SQLite's own message.</summary>
        public static string Cause(SqliteException e)
        {
            string sqlite = e.Message.TrimEnd('.');
            switch (e.SqliteErrorCode & 0xFF)
            {
                case SqliteFull:
                    return $"the disk (or the store's size limit) is full ({sqlite}); free space and run again";
                case SqliteReadOnly:
                    return $"the store file or its folder is read-only ({sqlite}); give write access to both";
                case SqlitePerm:
                case SqliteAuth:
                case SqliteCantOpen:
                    return $"access to the store file was denied or it cannot be opened ({sqlite}); check its permissions and folder";
                case SqliteCorrupt:
                case SqliteNotADb:
                    return $"the store file is damaged ({sqlite}); restore it from a backup";
                case SqliteIoErr:
                    return $"an I/O error occurred on the store file ({sqlite}); check the disk or share";
                case SqliteBusy:
                case SqliteLocked:
                    return $"another process holds the store's lock ({sqlite}); run again when it has finished";
                case SqliteError when IsMissingTable(e):
                    return $"the store's tables are missing or were changed outside OfflineData ({sqlite}); restore the store from a backup";
                default:
                    return sqlite;
            }
        }
    }
}
