using System;

namespace OfflineData.Core.Store
{
    /// <summary>How <see cref="StoreFactory.Open"/> opens a store, whatever database is behind it.</summary>
    public sealed class StoreOpenOptions
    {
        /// <summary>
        /// Create the store on first use (cmdlets that write). False: a missing store reads as empty and nothing is
        /// created (cmdlets that only read, dry runs and -WhatIf).
        /// </summary>
        public bool Create { get; set; }

        /// <summary>How long a writer waits for another process's write to finish before giving up; null: the store's default (one hour).</summary>
        public TimeSpan? LockWait { get; set; }

        /// <summary>
        /// The user name and password for a server store (from <c>-Credential</c>); they take precedence over a user
        /// in the location, and a password is never part of a display name, message or ledger. SQLite ignores it.
        /// </summary>
        public System.Net.NetworkCredential? Credential { get; set; }

        /// <summary>Called once when a writer has to wait for another process (for a verbose or progress message); the text never holds a secret.</summary>
        public Action<string>? Waiting { get; set; }
    }
}
