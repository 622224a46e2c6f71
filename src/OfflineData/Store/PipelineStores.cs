using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Reflection;
using OfflineData.Core.Store;

namespace OfflineData.Commands.Store
{
    /// <summary>
    /// The stores one call of a store cmdlet works on. -Store binds from the pipeline by property name (every object
    /// read from a store carries it in its Store property), so each pipeline object may name another store: a store
    /// is opened on first use, kept by its full path for the rest of the call and disposed at its end. A -Store given
    /// on the command line that names another store than a piped object's is an error for that object, never a
    /// silent choice.
    /// </summary>
    internal sealed class PipelineStores : IDisposable
    {
        /// <summary>ErrorId when -Store on the command line and a piped object's Store name different stores.</summary>
        public const string StoreMismatchErrorId = ErrorIds.StoreMismatch;

        /// <summary>ErrorId when a piped object has none of the properties the cmdlet binds by name.</summary>
        public const string InputObjectNotBoundErrorId = ErrorIds.InputObjectNotBound;

        /// <summary>The property of store objects that names their store (and the parameter it binds to).</summary>
        public const string StoreProperty = "Store";

        private readonly PSCmdlet cmdlet;
        private readonly StoreTarget? commandLineStore;
        private readonly NetworkCredential? credential;
        private readonly Dictionary<StoreTarget, IOfflineDataStore> open = new Dictionary<StoreTarget, IOfflineDataStore>(StoreTarget.Comparer);
        private readonly Dictionary<StoreTarget, StoreWaitReporter> waits = new Dictionary<StoreTarget, StoreWaitReporter>(StoreTarget.Comparer);
        private readonly HashSet<StoreTarget> credentialUnused = new HashSet<StoreTarget>(StoreTarget.Comparer);

        /// <summary>
        /// Call in BeginProcessing, when <paramref name="commandLineStore"/> (the -Store parameter) holds only what
        /// the command line (or $PSDefaultParameterValues) gave: nothing has been bound from the pipeline yet.
        /// <paramref name="credential"/> (-Credential) is given to every store opened (a server's user and password).
        /// </summary>
        public PipelineStores(PSCmdlet cmdlet, string? commandLineStore, PSCredential? credential)
        {
            this.cmdlet = cmdlet;
            this.credential = StoreOpener.ToNetworkCredential(credential);

            // Called before any pipeline object is bound, so a bound Store came from the command line. An empty one is
            // almost always an unset variable (-Store $cfg.Store): taking it as the default store would import into
            // another store than the script meant, silently. (An empty Store property of a piped object still means
            // the default store.)
            if (cmdlet.MyInvocation.BoundParameters.ContainsKey("Store") && string.IsNullOrWhiteSpace(commandLineStore))
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new PSArgumentException("-Store is empty. Give the store file's path or a PostgreSQL URI or connection string, or leave -Store out to use the default store (OFFLINEDATA_STORE, else the per-user default)."),
                    ErrorIds.InvalidPath,
                    ErrorCategory.InvalidArgument,
                    commandLineStore ?? string.Empty));
            }

            if (!string.IsNullOrWhiteSpace(commandLineStore))
            {
                this.commandLineStore = StoreOpener.Resolve(cmdlet, commandLineStore);
            }
        }

        /// <summary>
        /// The store for the current pipeline object: -Store as bound now (from the command line,
        /// or from the object's Store property), else OFFLINEDATA_STORE, else the per-user default. Returns null
        /// after a non-terminating <see cref="StoreMismatchErrorId"/> error (target: the object) when -Store was
        /// given on the command line and <paramref name="inputObject"/> comes from another store.
        /// </summary>
        public StoreTarget? Locate(string? boundStore, PSObject? inputObject)
        {
            if (commandLineStore != null && inputObject != null)
            {
                var piped = PipedStore(inputObject);
                if (piped != null)
                {
                    var pipedLocation = StoreOpener.Resolve(cmdlet, piped);
                    if (!StoreTarget.Comparer.Equals(pipedLocation, commandLineStore))
                    {
                        // Display names only: a -Store connection string may hold more than its name.
                        cmdlet.WriteError(new ErrorRecord(
                            new PSArgumentException($"-Store names the store '{commandLineStore.DisplayName}', but the piped {Describe(inputObject)} comes from the store '{pipedLocation.DisplayName}'. Leave -Store out to act on the object's own store; nothing was done for this object."),
                            StoreMismatchErrorId,
                            ErrorCategory.InvalidArgument,
                            Target(inputObject)));
                        return null;
                    }
                }
            }

            return StoreOpener.Resolve(cmdlet, boundStore);
        }

        /// <summary>
        /// The store <paramref name="location"/> names (from <see cref="Locate"/>), opened once per call with
        /// -Credential. With <paramref name="create"/> a missing store is created; a store first opened for reading
        /// before it existed is opened again to create it.
        /// </summary>
        public IOfflineDataStore Open(StoreTarget location, bool create)
        {
            if (open.TryGetValue(location, out var store))
            {
                if (store.Exists || !create) return store;
                store.Dispose();
                open.Remove(location);
            }

            if (!waits.TryGetValue(location, out var waiting))
            {
                waiting = new StoreWaitReporter(cmdlet, location.DisplayName);
                waits[location] = waiting;
            }

            // Said once per store, though a store read first may be opened again to create it.
            if (credential != null && !location.IsServer && credentialUnused.Add(location))
            {
                cmdlet.WriteVerbose($"-Credential is not used: the store '{location.DisplayName}' is an SQLite file.");
            }

            store = StoreOpener.Open(cmdlet, location, create, credential, waiting);
            open[location] = store;
            return store;
        }

        /// <summary>
        /// Closes the store <paramref name="location"/> names if it is open, so the next <see cref="Open"/> connects
        /// again: after a server store lost its connection (a restarted or failed-over server, a killed session) its
        /// connection stays broken, and every later file of the call would fail on it.
        /// </summary>
        public void Close(StoreTarget location)
        {
            if (!open.TryGetValue(location, out var store)) return;
            open.Remove(location);
            store.Dispose();
        }

        /// <summary>Completes the progress record of a wait for a store's lock, if one was shown: call after each write.</summary>
        public void EndWaiting()
        {
            foreach (var waiting in waits.Values) waiting.Done();
        }

        /// <summary>
        /// For cmdlets whose only by-value pipeline parameter is the hidden InputObject: writes the error PowerShell
        /// itself would write (<see cref="InputObjectNotBoundErrorId"/>) and returns true when <paramref name="inputObject"/>
        /// has none of the properties the cmdlet binds by name, or only empty ones (null or ""), so a stray object (a
        /// string, a number, an object of empty cells) never turns into an unfiltered query.
        /// </summary>
        public bool RejectUnbound(PSObject? inputObject)
        {
            if (inputObject == null) return false;
            var names = BindableNames(cmdlet.GetType());
            if (inputObject.Properties.Any(p => names.Contains(p.Name) && !IsEmpty(p))) return false;
            cmdlet.WriteError(new ErrorRecord(
                new PSArgumentException($"The input object cannot be bound to any parameter of {cmdlet.MyInvocation.MyCommand.Name}: it has none of the properties {string.Join(", ", names.OrderBy(n => n, StringComparer.OrdinalIgnoreCase))} with a value."),
                InputObjectNotBoundErrorId,
                ErrorCategory.InvalidArgument,
                Target(inputObject)));
            return true;
        }

        /// <summary>
        /// True, after a warning, when <paramref name="inputObject"/> has an ImportId property that is empty: a dry run,
        /// or a failed one (or a dry run's row) names no stored import, and reading with no import filter would return
        /// every row or entry of the report suite instead. A skipped file's result is not one of them: it names the
        /// import that holds its content (<see cref="SkippedAs"/>).
        /// </summary>
        public bool NamesNoImport(PSObject? inputObject)
        {
            if (SkippedAs(inputObject) != null) return false;
            var property = inputObject?.Properties["ImportId"];
            var value = property?.Value is PSObject wrapped ? wrapped.BaseObject : property?.Value;
            if (property == null || (value != null && !(value is string text && text.Length == 0))) return false;
            cmdlet.WriteWarning($"The piped {Describe(inputObject!)} has no ImportId (a dry run or a failed import names no stored import); nothing was read for it.");
            return true;
        }

        /// <summary>
        /// For the result of a file skipped as already imported (Status Skipped, no ImportId): the import that holds the
        /// same content (its PreviousImportId), so that `Import-OfflineData day.csv | Get-OfflineData` shows the rows
        /// of that file also on the night it is skipped. Null for any other object.
        /// </summary>
        public static long? SkippedAs(PSObject? inputObject)
        {
            if (inputObject == null) return null;
            var status = Unwrap(inputObject.Properties["Status"]?.Value) as string;
            if (!string.Equals(status, "Skipped", StringComparison.OrdinalIgnoreCase)) return null;
            var importId = Unwrap(inputObject.Properties["ImportId"]?.Value);
            if (importId != null && !(importId is string text && text.Trim().Length == 0)) return null;
            var previous = Unwrap(inputObject.Properties["PreviousImportId"]?.Value);
            if (previous == null || (previous is string empty && empty.Trim().Length == 0)) return null;
            try
            {
                return (long)LanguagePrimitives.ConvertTo(previous, typeof(long), System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (PSInvalidCastException)
            {
                return null;
            }
        }

        private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        /// <summary>Closes every store opened.</summary>
        public void Dispose()
        {
            foreach (var store in open.Values) store.Dispose();
            open.Clear();
        }

        private static bool IsEmpty(PSPropertyInfo property)
        {
            object? value;
            try
            {
                value = property.Value;
            }
            catch (GetValueException)
            {
                return true;
            }

            if (value is PSObject wrapped) value = wrapped.BaseObject;
            return value == null || (value is string text && text.Length == 0);
        }

        private static string? PipedStore(PSObject inputObject)
        {
            var value = inputObject.Properties[StoreProperty]?.Value;
            var text = value is PSObject wrapped ? wrapped.BaseObject?.ToString() : value?.ToString();
            return string.IsNullOrWhiteSpace(text) ? null : text;
        }

        private static object Target(PSObject inputObject) => inputObject.BaseObject is PSCustomObject ? inputObject : inputObject.BaseObject;

        private static string Describe(PSObject inputObject) =>
            inputObject.BaseObject is PSCustomObject ? "object" : inputObject.BaseObject.GetType().Name;

        private static HashSet<string> BindableNames(Type cmdletType)
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in cmdletType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (!property.GetCustomAttributes<ParameterAttribute>().Any(p => p.ValueFromPipelineByPropertyName)) continue;
                names.Add(property.Name);
                foreach (var alias in property.GetCustomAttributes<AliasAttribute>().SelectMany(a => a.AliasNames)) names.Add(alias);
            }

            return names;
        }
    }
}
