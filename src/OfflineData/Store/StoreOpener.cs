using System;
using System.Management.Automation;
using OfflineData.Core.Store;

namespace OfflineData.Commands.Store
{
    /// <summary>
    /// Opens the store for a cmdlet: the -Store path (relative to the current PowerShell location), else the
    /// OFFLINEDATA_STORE environment variable, else the per-user default. A store that cannot be opened stops the
    /// cmdlet with one clear terminating error: nothing else can be done without it.
    /// </summary>
    internal static class StoreOpener
    {
        /// <summary>ErrorId when the store cannot be opened or used.</summary>
        public const string StoreUnavailableErrorId = "StoreUnavailable";

        /// <summary>
        /// Opens the store. <paramref name="create"/>: create it on first use (cmdlets that write); otherwise a missing
        /// store reads as empty and no file is created (cmdlets that only read, and -WhatIf).
        /// </summary>
        /// <remarks>
        /// The one place that knows the store is SQLite: cmdlets hold an <see cref="IOfflineDataStore"/>, so a server
        /// database can be added as a second implementation here without touching them.
        /// </remarks>
        public static IOfflineDataStore Open(PSCmdlet cmdlet, string? storePath, bool create)
        {
            string? resolved = null;
            // A relative OFFLINEDATA_STORE is taken from the PowerShell location like -Store: the process directory
            // (System32 for a scheduled task) is not where the user is, and PowerShell does not move it.
            var requested = string.IsNullOrWhiteSpace(storePath) ? Environment.GetEnvironmentVariable(StoreLocation.EnvironmentVariable) : storePath;
            if (!string.IsNullOrWhiteSpace(requested))
            {
                resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(requested, out var provider, out _);
                if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
                {
                    // Env:\x or HKLM:\x gave the provider's own path ('x'), which then named a file in the process directory.
                    cmdlet.ThrowTerminatingError(new ErrorRecord(
                        new ArgumentException($"The store '{requested}' is a {provider.Name} path; the store is a file: give a file-system path."),
                        Paths.FileSystemPathResolver.NotFileSystemPathErrorId,
                        ErrorCategory.InvalidArgument,
                        requested));
                }
            }

            try
            {
                var store = SqliteOfflineDataStore.Open(resolved, create);
                store.WaitingForLock = message => cmdlet.WriteVerbose(message);
                cmdlet.WriteVerbose($"Store: {store.Location}{(store.Exists ? string.Empty : " (does not exist yet)")}");
                return store;
            }
            catch (Exception e) when (e is StoreException || e is UnauthorizedAccessException || e is System.IO.IOException || e is DllNotFoundException || e is TypeInitializationException)
            {
                var location = StoreLocation.Resolve(resolved);
                cmdlet.ThrowTerminatingError(new ErrorRecord(
                    e is StoreException ? e : new StoreException($"Cannot open the store '{location}': {e.Message}", e),
                    StoreUnavailableErrorId,
                    ErrorCategory.ResourceUnavailable,
                    location));
                throw; // not reached: ThrowTerminatingError always throws
            }
        }

        /// <summary>Turns a store failure in the middle of work into a terminating error naming the store.</summary>
        public static ErrorRecord Unavailable(IOfflineDataStore store, Exception e) =>
            new ErrorRecord(e, StoreUnavailableErrorId, ErrorCategory.ResourceUnavailable, store.Location);
    }
}
