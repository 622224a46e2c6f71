using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using OfflineData.Commands.Store;
using OfflineData.Core.Store;

namespace OfflineData.Commands.Completion
{
    /// <summary>
    /// Completes -ReportSuite with the report suites of the store named on the command line (-Store: a file path, or
    /// a PostgreSQL URI or connection string, opened with -Credential when that is on the line too), else of the
    /// default store (OFFLINEDATA_STORE, else the per-user default): those with recording settings and those imported
    /// into. A store that does not exist is never created, and any failure completes to nothing.
    /// </summary>
    public sealed class ReportSuiteCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            return CompletionValues.Safely(() =>
            {
                var target = Target(fakeBoundParameters);
                if (target == null) return Array.Empty<CompletionResult>();
                // Send-OfflineDataFile's -Credential is the destination's login; its store's is -StoreCredential.
                var storeCredential = fakeBoundParameters.Contains("StoreCredential") || string.Equals(commandName, "Send-OfflineDataFile", StringComparison.OrdinalIgnoreCase) ? "StoreCredential" : "Credential";
                var credential = StoreOpener.ToNetworkCredential(Bound(fakeBoundParameters, storeCredential) as PSCredential);
                var ids = Read(target, credential, store => store.GetReportSuiteIds());
                return ids == null ? Array.Empty<CompletionResult>() : CompletionValues.Complete(wordToComplete, ids.Select(id => (id, (string?)$"Report suite in {target.DisplayName}")));
            });
        }

        /// <summary>How long Tab waits for a server store's report suites before completing to nothing.</summary>
        private static readonly TimeSpan ServerWait = TimeSpan.FromSeconds(3);

        /// <summary>
        /// Reads <paramref name="values"/> from the existing store <paramref name="target"/> names (null when there is
        /// none). A server that does not answer would hold Tab for the whole connect timeout (15 s by default): a server
        /// store is read in the background and Tab waits <see cref="ServerWait"/> for it. A read still running then ends
        /// on its own (its connection is closed when it is done); its failure is ignored like any other here. Shared by
        /// the completers that offer what a store holds.
        /// </summary>
        internal static IReadOnlyList<string>? Read(StoreTarget target, System.Net.NetworkCredential? credential, Func<IOfflineDataStore, IReadOnlyList<string>> values)
        {
            IReadOnlyList<string>? ReadNow()
            {
                using var store = StoreOpener.OpenExisting(target, credential);
                return store == null ? null : values(store);
            }

            if (!target.IsServer) return ReadNow();
            var read = System.Threading.Tasks.Task.Run(ReadNow);
            if (read.Wait(ServerWait)) return read.Result;
            _ = read.ContinueWith(t => _ = t.Exception, System.Threading.Tasks.TaskContinuationOptions.OnlyOnFaulted);
            return null;
        }

        /// <summary>
        /// The store typed on the line (-Store), else OFFLINEDATA_STORE, else the per-user default; a file path is
        /// resolved against the current PowerShell location, as the cmdlet resolves it. Null when it cannot be named.
        /// </summary>
        internal static StoreTarget? Target(IDictionary? fakeBoundParameters)
        {
            var typed = Bound(fakeBoundParameters, "Store") as string;
            var requested = string.IsNullOrWhiteSpace(typed) ? Environment.GetEnvironmentVariable(StoreLocation.EnvironmentVariable) : typed;
            if (!string.IsNullOrWhiteSpace(requested) && StoreFactory.DescribeNonFileLocation(requested) != null)
            {
                var displayName = StoreOpener.ServerDisplayNameOverride?.Invoke(requested!) ?? StoreFactory.GetDisplayName(requested);
                return StoreTarget.Server(requested!, displayName);
            }

            if (string.IsNullOrWhiteSpace(typed)) return StoreTarget.File(StoreLocation.Resolve(null));

            // Relative to the PowerShell location (as the cmdlet resolves it), not the process directory.
            var resolved = ScriptBlock.Create("param($p) $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($p)").Invoke(typed);
            return StoreTarget.File(StoreLocation.Resolve(resolved.Count == 1 && resolved[0]?.BaseObject is string full ? full : typed));
        }

        /// <summary>A parameter's value as typed on the line (a literal; a variable's value when PowerShell could tell it), unwrapped.</summary>
        internal static object? Bound(IDictionary? fakeBoundParameters, string name)
        {
            if (fakeBoundParameters == null || !fakeBoundParameters.Contains(name)) return null;
            var value = fakeBoundParameters[name];
            return value is PSObject ps ? ps.BaseObject : value;
        }
    }
}
