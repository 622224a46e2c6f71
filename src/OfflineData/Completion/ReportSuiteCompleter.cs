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
                using var store = StoreOpener.OpenExisting(target, StoreOpener.ToNetworkCredential(Bound(fakeBoundParameters, "Credential") as PSCredential));
                if (store == null) return Array.Empty<CompletionResult>();
                return CompletionValues.Complete(wordToComplete, store.GetReportSuiteIds().Select(id => (id, (string?)$"Report suite in {target.DisplayName}")));
            });
        }

        /// <summary>
        /// The store typed on the line (-Store), else OFFLINEDATA_STORE, else the per-user default; a file path is
        /// resolved against the current PowerShell location, as the cmdlet resolves it. Null when it cannot be named.
        /// </summary>
        private static StoreTarget? Target(IDictionary? fakeBoundParameters)
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
        private static object? Bound(IDictionary? fakeBoundParameters, string name)
        {
            if (fakeBoundParameters == null || !fakeBoundParameters.Contains(name)) return null;
            var value = fakeBoundParameters[name];
            return value is PSObject ps ? ps.BaseObject : value;
        }
    }
}
