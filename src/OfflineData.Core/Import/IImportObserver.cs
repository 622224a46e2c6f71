using OfflineData.Core.Store;

namespace OfflineData.Core.Import
{
    /// <summary>
    /// How an import reports while it runs (the cmdlet turns these into WriteProgress, WriteWarning, WriteVerbose
    /// and pipeline output); the core knows nothing of PowerShell.
    /// </summary>
    public interface IImportObserver
    {
        /// <summary>Bytes of the file consumed so far out of its length.</summary>
        void Progress(string path, long bytesRead, long totalBytes, long rows);

        /// <summary>Something the user should see but that does not stop the file (a skip, rejected rows, a file-level warning).</summary>
        void Warning(string message);

        /// <summary>Detail for -Verbose (waiting for another import, where the quarantine file went).</summary>
        void Verbose(string message);

        /// <summary>Whether <see cref="RowMatched"/> is wanted (per-row results cost an object per row).</summary>
        bool WantsRows { get; }

        /// <summary>One valid row and its match, as soon as it is matched.</summary>
        void RowMatched(StoredOfflineRow row);
    }
}
