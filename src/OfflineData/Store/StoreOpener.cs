using System;
using System.IO;
using System.Management.Automation;
using System.Net;
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
        /// Test seam: consulted first for a server location (never for a file path); returns the display name, or null
        /// to leave the location to <see cref="StoreFactory.GetDisplayName"/>. Module tests set it to reach the cmdlets'
        /// handling of server stores (display name, -Credential) without a server.
        /// </summary>
        internal static Func<string, string?>? ServerDisplayNameOverride { get; set; }

        /// <summary>Test seam beside <see cref="ServerDisplayNameOverride"/>: opens a server location, or null to leave it to <see cref="StoreFactory.Open"/>.</summary>
        internal static Func<string, StoreOpenOptions, IOfflineDataStore?>? ServerOpenOverride { get; set; }

        /// <summary>
        /// The store a cmdlet works on, told without opening it: <paramref name="storePath"/>, else OFFLINEDATA_STORE,
        /// else the per-user default. A file path is resolved against the current PowerShell location; a server's URI
        /// or connection string is never taken as a path (it would become a file named after it, its password included)
        /// and is named by <see cref="StoreFactory.GetDisplayName"/> only.
        /// </summary>
        public static StoreTarget Resolve(PSCmdlet cmdlet, string? storePath)
        {
            string? resolved = null;
            // A relative OFFLINEDATA_STORE is taken from the PowerShell location like -Store: the process directory
            // (System32 for a scheduled task) is not where the user is, and PowerShell does not move it.
            var requested = string.IsNullOrWhiteSpace(storePath) ? Environment.GetEnvironmentVariable(StoreLocation.EnvironmentVariable) : storePath;
            if (!string.IsNullOrWhiteSpace(requested))
            {
                var notFile = StoreFactory.DescribeNonFileLocation(requested);
                if (notFile != null) return ResolveServer(cmdlet, requested!, notFile);

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
                return StoreTarget.File(StoreLocation.Resolve(resolved));
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is System.IO.PathTooLongException)
            {
                // A path no file system accepts (a NUL character, from -Store or OFFLINEDATA_STORE) is a clean InvalidPath error.
                cmdlet.ThrowTerminatingError(FileSystemPathResolver.InvalidPath(resolved ?? storePath ?? Environment.GetEnvironmentVariable(StoreLocation.EnvironmentVariable) ?? string.Empty, e));
                throw; // not reached: ThrowTerminatingError always throws
            }
        }

        /// <summary>
        /// A server location named by the factory. One the factory cannot take (not supported, a password inside it,
        /// malformed) is an <see cref="ErrorIds.UnsupportedStore"/> error: it is about the value itself, as nothing has
        /// been opened yet. Its message is the factory's, which never echoes the value; the target says only what
        /// kind of value it is.
        /// </summary>
        private static StoreTarget ResolveServer(PSCmdlet cmdlet, string location, string what)
        {
            Exception failure;
            try
            {
                var displayName = ServerDisplayNameOverride?.Invoke(location) ?? StoreFactory.GetDisplayName(location);
                return StoreTarget.Server(location, displayName);
            }
            catch (StoreException e)
            {
                failure = e;
            }
            catch (Exception e) when (e is ArgumentException || e is FormatException || e is NotSupportedException)
            {
                // A driver's parser may quote the value in its message: say only what was wrong in general.
                failure = new StoreException($"The store is given as {what} that cannot be read: check its keywords and values (the value is not shown, as it may hold a password).", StoreFailureKind.Unavailable);
            }

            cmdlet.ThrowTerminatingError(new ErrorRecord(failure, ErrorIds.UnsupportedStore, ErrorCategory.InvalidArgument, what));
            throw failure; // not reached: ThrowTerminatingError always throws
        }

        /// <summary>
        /// Opens the store <paramref name="target"/> names (from <see cref="Resolve"/>). <paramref name="create"/>:
        /// create it on first use (cmdlets that write); otherwise a missing store reads as empty and nothing is created
        /// (cmdlets that only read, and -WhatIf). <paramref name="credential"/> is for a server store (SQLite ignores
        /// it); <paramref name="waiting"/> reports a wait for another writer.
        /// </summary>
        /// <remarks>
        /// Which implementation a location names is <see cref="StoreFactory"/>'s to decide: cmdlets hold an
        /// <see cref="IOfflineDataStore"/>, so a server database is added there without touching them.
        /// </remarks>
        public static IOfflineDataStore Open(PSCmdlet cmdlet, StoreTarget target, bool create, NetworkCredential? credential, StoreWaitReporter? waiting)
        {
            if (!target.IsServer)
            {
                try
                {
                    // A path no file system accepts (a NUL character, from -Store or OFFLINEDATA_STORE) is a clean InvalidPath error.
                    StoreLocation.Resolve(target.Location);
                }
                catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is System.IO.PathTooLongException)
                {
                    cmdlet.ThrowTerminatingError(FileSystemPathResolver.InvalidPath(target.Location, e));
                }
            }

            try
            {
                var options = new StoreOpenOptions { Create = create, Credential = credential, Waiting = waiting == null ? null : new Action<string>(waiting.Waiting) };
                var store = (target.IsServer ? ServerOpenOverride?.Invoke(target.Location, options) : null) ?? StoreFactory.Open(target.Location, options);
                cmdlet.WriteVerbose($"Store: {store.DisplayName}{(store.Exists ? string.Empty : " (does not exist yet)")}");
                return store;
            }
            catch (Exception e) when (e is StoreException || e is UnauthorizedAccessException || e is System.IO.IOException || e is DllNotFoundException || e is TypeInitializationException)
            {
                var failure = e as StoreException ?? new StoreException($"Cannot open the store '{target.DisplayName}': {e.Message}", StoreFailureKind.Unavailable, e);
                cmdlet.ThrowTerminatingError(new ErrorRecord(failure, StoreUnavailableErrorId, Category(failure.Kind), target.DisplayName));
                throw; // not reached: ThrowTerminatingError always throws
            }
        }

        /// <summary>
        /// -Credential as the store takes it: null for none (or PSCredential.Empty). The password stays a
        /// SecureString inside the NetworkCredential: nothing here turns it into text.
        /// </summary>
        public static NetworkCredential? ToNetworkCredential(PSCredential? credential)
        {
            if (credential == null || ReferenceEquals(credential, PSCredential.Empty) || string.IsNullOrEmpty(credential.UserName)) return null;
            // Windows PowerShell's credential dialog returns a name typed without a domain as "\name"; a database user has no domain.
            var userName = credential.UserName.Length > 1 && credential.UserName[0] == '\\' ? credential.UserName.Substring(1) : credential.UserName;
            return credential.Password == null ? new NetworkCredential(userName, string.Empty) : new NetworkCredential(userName, credential.Password);
        }

        /// <summary>
        /// Opens an existing store outside a cmdlet (argument completion), never creating one: null when there is no
        /// store at <paramref name="target"/> (no file; a server database without the schema). Failures are the caller's to swallow.
        /// </summary>
        public static IOfflineDataStore? OpenExisting(StoreTarget target, NetworkCredential? credential)
        {
            if (!target.IsServer && !File.Exists(target.Location)) return null;
            var options = new StoreOpenOptions { Create = false, Credential = credential };
            var store = (target.IsServer ? ServerOpenOverride?.Invoke(target.Location, options) : null) ?? StoreFactory.Open(target.Location, options);
            if (store.Exists) return store;
            store.Dispose();
            return null;
        }

        /// <summary>
        /// Where an import's rejected rows go when -RejectPath is not given, and the store's name in their file names:
        /// for an SQLite store the <c>quarantine</c> folder beside the store file and the file's name without its
        /// extension; for a server store the <c>quarantine</c> folder in the per-user data folder (beside the default
        /// store: a server has no folder of its own here) and the database's display name made file-name safe.
        /// </summary>
        public static (string Directory, string StoreName) QuarantineDefaults(StoreTarget target)
        {
            if (target.IsServer)
            {
                var userFolder = Path.GetDirectoryName(StoreLocation.DefaultPath) ?? Path.GetTempPath();
                return (Path.Combine(userFolder, "quarantine"), ServerQuarantineName(target.DisplayName));
            }

            var directory = Path.IsPathRooted(target.Location) ? Path.GetDirectoryName(target.Location) : null;
            return (Path.Combine(directory ?? Path.GetTempPath(), "quarantine"), Path.GetFileNameWithoutExtension(target.Location));
        }

        /// <summary>
        /// A server store's name in its quarantine file names: "postgresql://od@db:5432/offline" as "offline-od-db-5432".
        /// The quarantine writer keeps <see cref="MaxQuarantineStoreNameChars"/> characters of it, and all server stores
        /// share one folder, so a longer name is cut here and ends in <c>~</c> and 8 hex
        /// digits of the display name's SHA-256: two databases on one server never get the same name.
        /// </summary>
        internal static string ServerQuarantineName(string displayName)
        {
            var scheme = displayName.IndexOf("://", StringComparison.Ordinal);
            var server = scheme >= 0 ? displayName.Substring(scheme + 3) : displayName;
            // The database first, so that it is still read when the rest is cut.
            var slash = server.IndexOf('/');
            var name = FileNameSafe(slash >= 0 ? server.Substring(slash + 1) + "-" + server.Substring(0, slash) : server);
            if (name.Length <= MaxQuarantineStoreNameChars) return name;
            using (var sha = System.Security.Cryptography.SHA256.Create())
            {
                var hash = BitConverter.ToString(sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(displayName)), 0, 4).Replace("-", string.Empty).ToLowerInvariant();
                return name.Substring(0, MaxQuarantineStoreNameChars - 9).TrimEnd('-') + "~" + hash;
            }
        }

        // QuarantineWriter.NameFor keeps this many characters of the store's name.
        private const int MaxQuarantineStoreNameChars = 32;

        /// <summary>"postgresql://od@db:5432/offline" as "postgresql-od-db-5432-offline": no character a file system refuses.</summary>
        private static string FileNameSafe(string name)
        {
            var invalid = new System.Collections.Generic.HashSet<char>(Path.GetInvalidFileNameChars()) { ':', '/', '\\', '@', '?', '*', '=', ';', ' ' };
            var text = new System.Text.StringBuilder(name.Length);
            foreach (var c in name)
            {
                var safe = invalid.Contains(c) ? '-' : c;
                if (safe == '-' && text.Length > 0 && text[text.Length - 1] == '-') continue;
                text.Append(safe);
            }

            return text.ToString().Trim('-');
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
            // The database refused the login's rights: grant them (or use another login).
            StoreFailureKind.PermissionDenied => ErrorCategory.PermissionDenied,
            // Cannot be opened or written (folder, permissions, read-only, not a store) and anything unexpected.
            _ => ErrorCategory.ResourceUnavailable,
        };
    }
}
