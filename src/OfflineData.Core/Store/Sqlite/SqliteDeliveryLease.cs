using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace OfflineData.Core.Store.Sqlite
{
    /// <summary>
    /// The delivery lease of the SQLite store: an exclusive OS lock on a small file per (destination, content) in the
    /// folder <c>&lt;store&gt;.deliveries</c> beside the store. Why a file lock: it dies with its holder (the OS drops it
    /// when the process ends, however it ends), it is exclusive across processes and within one (FileShare.None: a
    /// sharing lock on Windows, flock on Linux and macOS), and it needs no server. The SQLite file's own locks cannot be
    /// used: they last a transaction, and a delivery must not hold the store's write lock for its whole upload. The lock
    /// files stay (empty; one per content ever sent): deleting one could let two holders lock two different files of
    /// the same name.
    /// </summary>
    internal sealed class SqliteDeliveryLease : IDisposable
    {
        private FileStream? file;

        private SqliteDeliveryLease(FileStream file)
        {
            this.file = file;
        }

        /// <summary>The folder beside the store that holds its lock files.</summary>
        public static string FolderOf(string store) => store + ".deliveries";

        /// <summary>Takes the lease, or returns null while another holder (this or another process) has it.</summary>
        /// <exception cref="StoreException">The folder or file cannot be created or opened (kind IO or PermissionDenied).</exception>
        public static SqliteDeliveryLease? TryAcquire(string store, string destination, string sha256)
        {
            var folder = FolderOf(store);
            var path = Path.Combine(folder, Key(destination, sha256) + ".lock");
            try
            {
                Directory.CreateDirectory(folder);
                return new SqliteDeliveryLease(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
            }
            catch (IOException e) when (IsHeldElsewhere(e))
            {
                return null;
            }
            catch (UnauthorizedAccessException e)
            {
                throw new StoreException($"Cannot claim the delivery in the store '{store}': the lock file '{path}' cannot be written ({e.Message}).", StoreFailureKind.PermissionDenied, e);
            }
            catch (IOException e)
            {
                throw new StoreException($"Cannot claim the delivery in the store '{store}': the lock file '{path}' cannot be opened ({e.Message}).", StoreFailureKind.IO, e);
            }
        }

        /// <summary>The lock file's name: SHA-256 of destination and content (destinations hold ':' and '/', and may be long).</summary>
        internal static string Key(string destination, string sha256)
        {
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(destination + "\n" + DeliveryLedgerChecks.Sha256(sha256)));
            return string.Concat(hash.Take(16).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
        }

        /// <summary>
        /// Whether opening failed because another handle holds the file: ERROR_SHARING_VIOLATION or ERROR_LOCK_VIOLATION
        /// on Windows; on Unix .NET reports the failed flock with errno EWOULDBLOCK (11 on Linux, 35 on macOS) as the HResult.
        /// </summary>
        private static bool IsHeldElsewhere(IOException e)
        {
            if (e is FileNotFoundException || e is DirectoryNotFoundException || e is PathTooLongException) return false;
            var code = e.HResult;
            if ((code & unchecked((int)0xFFFF0000)) == unchecked((int)0x80070000)) return (code & 0xFFFF) == 32 || (code & 0xFFFF) == 33;
            return code == 11 || code == 35;
        }

        /// <inheritdoc />
        public void Dispose()
        {
            file?.Dispose();
            file = null;
        }
    }
}
