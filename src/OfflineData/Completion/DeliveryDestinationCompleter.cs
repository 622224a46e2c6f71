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
    /// Completes -Destination of Get-OfflineDataDelivery with the destinations in the delivery ledger of the store named
    /// on the command line (-Store, with -Credential when that is on the line too), else of the default store, found as
    /// <see cref="ReportSuiteCompleter"/> finds it. A store that does not exist is never created, and any failure
    /// completes to nothing. Typed text matches the start of a destination, case-insensitively (wildcards allowed:
    /// <c>*example*</c> offers every destination that names example).
    /// </summary>
    public sealed class DeliveryDestinationCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            return CompletionValues.Safely(() =>
            {
                var target = ReportSuiteCompleter.Target(fakeBoundParameters);
                if (target == null) return Array.Empty<CompletionResult>();
                var credential = StoreOpener.ToNetworkCredential(ReportSuiteCompleter.Bound(fakeBoundParameters, "Credential") as PSCredential);
                var destinations = ReportSuiteCompleter.Read(target, credential, Destinations);
                return destinations == null
                    ? Array.Empty<CompletionResult>()
                    : CompletionValues.Complete(wordToComplete, destinations.Select(d => (d, (string?)$"Destination in the delivery ledger of {target.DisplayName}")));
            });
        }

        private static IReadOnlyList<string> Destinations(IOfflineDataStore store) =>
            store is IDeliveryDestinations ledger ? ledger.GetDeliveryDestinations() : Array.Empty<string>();
    }
}
