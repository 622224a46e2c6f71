using System;

namespace OfflineData.Core.Delivery
{
    /// <summary>
    /// How a delivery run reports while it runs (the cmdlet turns these into progress, warnings and verbose output);
    /// the core knows nothing of PowerShell. Calls may come from another thread than the one that started the run.
    /// </summary>
    public interface IDeliveryReporter
    {
        /// <summary>
        /// Bytes of the current file sent so far (<paramref name="fileDone"/> of <paramref name="fileTotal"/>) and of the
        /// whole run (<paramref name="runDone"/> of <paramref name="runTotal"/>); at most a few times a second per file,
        /// plus once when a file's upload ends.
        /// </summary>
        void Progress(string sourcePath, string remoteName, long fileDone, long fileTotal, long runDone, long runTotal);

        /// <summary>Waiting for the remote folder to drain: <paramref name="waited"/> so far out of at most <paramref name="maxWait"/>.</summary>
        void Waiting(string message, TimeSpan waited, TimeSpan maxWait);

        /// <summary>Something the user should see that does not fail the file (a skip, an accepted-any host key, a file Adobe moved to files_with_errors).</summary>
        void Warning(string message);

        /// <summary>Detail for -Verbose (connecting, retries, the remote name chosen).</summary>
        void Verbose(string message);
    }
}
