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
    /// Completes -ReportSuite with the report suites of the store named on the command line (-Store), else of
    /// the default store (OFFLINEDATA_STORE, else the per-user default): those with recording settings and those
    /// imported into. A store that does not exist is never created, and any failure completes to nothing.
    /// </summary>
    public sealed class ReportSuiteCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            return CompletionValues.Safely(() =>
            {
                var location = StoreLocation.Resolve(StorePathFromCommandLine(fakeBoundParameters));
                using var store = StoreOpener.OpenExisting(location);
                if (store == null) return Array.Empty<CompletionResult>();
                return CompletionValues.Complete(wordToComplete, store.GetReportSuiteIds().Select(id => (id, (string?)$"Report suite in {location}")));
            });
        }

        /// <summary>The -Store value typed on the line, resolved against the current PowerShell location; null when none.</summary>
        private static string? StorePathFromCommandLine(IDictionary? fakeBoundParameters)
        {
            if (fakeBoundParameters == null || !fakeBoundParameters.Contains("Store")) return null;
            var value = fakeBoundParameters["Store"];
            if (value is PSObject ps) value = ps.BaseObject;
            if (!(value is string path) || string.IsNullOrWhiteSpace(path)) return null;

            // Relative to the PowerShell location (as the cmdlet resolves it), not the process directory.
            var resolved = ScriptBlock.Create("param($p) $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($p)").Invoke(path);
            return resolved.Count == 1 && resolved[0]?.BaseObject is string full ? full : path;
        }
    }
}
