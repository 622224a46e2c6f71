using System;
using System.IO;
using System.Management.Automation;
using OfflineData.Commands.Paths;
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
        public const string StoreUnavailableErrorId = ErrorIds.StoreUnavailable;

        /// <summary>
        /// Opens the store. <paramref name="create"/>: create it on first use (cmdlets that write); otherwise a missing
        /// store reads as empty and no file is created (cmdlets that only read, and -WhatIf).
        /// </summary>
        /// <remarks>
        /// Which implementation a location names is <see cref="StoreFactory"/>'s to decide: cmdlets hold an
        /// <see cref="IOfflineDataStore"/>, so a server database is added there without touching them.
        /// </remarks>
        public static IOfflineDataStore Open(PSCmdlet cmdlet, string? storePath, bool create) => OpenResolved(cmdlet, Resolve(cmdlet, storePath), create);

        /// <summary>
        /// The full path of the store a cmdlet works on: <paramref name="storePath"/> resolved against the current
        /// PowerShell location, else OFFLINEDATA_STORE, else the per-user default. Opens nothing.
        /// </summary>
        public static string Resolve(PSCmdlet cmdlet, string? storePath)
        {
            string? resolved = null;
            // A relative OFFLINEDATA_STORE is taken from the PowerShell location like -Store: the process directory
            // (System32 for a scheduled task) is not where the user is, and PowerShell does not move it.
            var requested = string.IsNullOrWhiteSpace(storePath) ? Environment.GetEnvironmentVariable(StoreLocation.EnvironmentVariable) : storePath;
            if (!string.IsNullOrWhiteSpace(requested))
            {
                // A server's URI or connection string is not a path: resolved as one it would become a file named
                // after it (its password included). The value is never echoed: it may hold a password.
                var notFile = StoreFactory.DescribeNonFileLocation(requested);
                if (notFile != null)
                {
                    cmdlet.ThrowTerminatingError(new ErrorRecord(
                        new PSArgumentException($"The store is given as {notFile}, which this release cannot open: -Store and OFFLINEDATA_STORE take the path of an SQLite store file (a PostgreSQL URI or connection string is not supported yet)."),
                        ErrorIds.UnsupportedStore,
                        ErrorCategory.InvalidArgument,
                        notFile));
                }

                ProviderInfo provider;
                try
                {
                    resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(requested, out provider, out _);
                }
                catch (Exception e) when (e is SessionStateException || e is NotSupportedException || e is ArgumentException || e is ProviderInvocationException)
                {
                    cmdlet.ThrowTerminatingError(new ErrorRecord(new StoreException($"Cannot open the store '{requested}': {e.Message}", StoreFailureKind.Unavailable, e), StoreUnavailableErrorId, Category(StoreFailureKind.Unavailable), requested));
                    throw; // not reached: ThrowTerminatingError always throws
                }

                // Another provider's path (Env:, Variable:) would otherwise become a file named after it in the process folder.
                if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
                {
                    cmdlet.ThrowTerminatingError(new ErrorRecord(
                        new ArgumentException($"The store '{requested}' is a path of the {provider.Name} provider; the store is a file, so give a file-system path."),
                        FileSystemPathResolver.NotFileSystemPathErrorId,
                        ErrorCategory.InvalidArgument,
                        requested));
                }
            }

            try
            {
                return StoreLocation.Resolve(resolved);
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is System.IO.PathTooLongException)
            {
                // A path no file system accepts (a NUL character, from -Store or OFFLINEDATA_STORE) is a clean InvalidPath error.
                cmdlet.ThrowTerminatingError(FileSystemPathResolver.InvalidPath(resolved ?? storePath ?? Environment.GetEnvironmentVariable(StoreLocation.EnvironmentVariable) ?? string.Empty, e));
                throw; // not reached: ThrowTerminatingError always throws
            }
        }

        /// <summary>Opens the store at <paramref name="resolved"/>, a path from <see cref="Resolve"/>; see <see cref="Open"/>.</summary>
        public static IOfflineDataStore OpenResolved(PSCmdlet cmdlet, string resolved, bool create)
        {
            try
            {
                // A path no file system accepts (a NUL character, from -Store or OFFLINEDATA_STORE) is a clean InvalidPath error.
                StoreLocation.Resolve(resolved);
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is System.IO.PathTooLongException)
            {
                cmdlet.ThrowTerminatingError(FileSystemPathResolver.InvalidPath(resolved ?? Environment.GetEnvironmentVariable(StoreLocation.EnvironmentVariable) ?? string.Empty, e));
            }

            try
            {
                var store = StoreFactory.Open(resolved, new StoreOpenOptions { Create = create, Waiting = message => cmdlet.WriteVerbose(message) });
                cmdlet.WriteVerbose($"Store: {store.DisplayName}{(store.Exists ? string.Empty : " (does not exist yet)")}");
                return store;
            }
            catch (Exception e) when (e is StoreException || e is UnauthorizedAccessException || e is System.IO.IOException || e is DllNotFoundException || e is TypeInitializationException)
            {
                var location = StoreLocation.Resolve(resolved);
                var failure = e as StoreException ?? new StoreException($"Cannot open the store '{location}': {e.Message}", StoreFailureKind.Unavailable, e);
                cmdlet.ThrowTerminatingError(new ErrorRecord(failure, StoreUnavailableErrorId, Category(failure.Kind), location));
                throw; // not reached: ThrowTerminatingError always throws
            }
        }

        /// <summary>
        /// Opens an existing store outside a cmdlet (argument completion), never creating one: null when
        /// <paramref name="location"/> is not an existing file. Failures are the caller's to swallow.
        /// </summary>
        public static IOfflineDataStore? OpenExisting(string location)
        {
            return File.Exists(location) ? StoreFactory.Open(location, new StoreOpenOptions { Create = false }) : null;
        }

        /// <summary>
        /// The display name of the store at <paramref name="resolved"/> (from <see cref="Resolve"/>), told without
        /// opening it, for ShouldProcess and messages: never the raw location, which for a server could hold a password.
        /// </summary>
        public static string DisplayName(string resolved) => StoreFactory.GetDisplayName(resolved);

        /// <summary>
        /// Where an import's rejected rows go when -RejectPath is not given, and the store's name in their file names:
        /// the <c>quarantine</c> folder beside the store file and the file's name without its extension (the core no
        /// longer derives them from the store). A location that is no rooted path gets the temporary folder.
        /// </summary>
        public static (string Directory, string StoreName) QuarantineDefaults(IOfflineDataStore store)
        {
            var directory = Path.IsPathRooted(store.Location) ? Path.GetDirectoryName(store.Location) : null;
            return (Path.Combine(directory ?? Path.GetTempPath(), "quarantine"), Path.GetFileNameWithoutExtension(store.Location));
        }

        /// <summary>
        /// The error record of a store failure in the middle of work (disk full, read-only, damaged, tables missing, busy):
        /// written as a non-terminating error, so the other inputs are still tried; the target is the store path.
        /// </summary>
        public static ErrorRecord Unavailable(IOfflineDataStore store, StoreException e) =>
            new ErrorRecord(e, StoreUnavailableErrorId, Category(e.Kind), store.DisplayName);

        /// <summary>
        /// The one mapping of a store failure's kind to the error category every cmdlet reports (docs/errors.md):
        /// the error id stays StoreUnavailable (or ImportFailed per file), the category says what to do about it.
        /// </summary>
        public static ErrorCategory Category(StoreFailureKind kind) => kind switch
        {
            // Another process holds the lock: run again later.
            StoreFailureKind.Busy => ErrorCategory.ResourceBusy,
            // The disk or the store's pages failed (I/O error, disk full, damaged, tables missing): the storage, not an
            // input file, so not InvalidData, which this module keeps for bad input files.
            StoreFailureKind.IO => ErrorCategory.DeviceError,
            // Written by a newer release: this release cannot work on it; update the module.
            StoreFailureKind.SchemaTooNew => ErrorCategory.InvalidOperation,
            // The store refused the data: the write did not happen.
            StoreFailureKind.Constraint => ErrorCategory.WriteError,
            // Cannot be opened or written (folder, permissions, read-only, not a store) and anything unexpected.
            _ => ErrorCategory.ResourceUnavailable,
        };
    }
}
