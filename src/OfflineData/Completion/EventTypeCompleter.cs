using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Language;
using OfflineData.Core.Format;

namespace OfflineData.Commands.Completion
{
    /// <summary>
    /// Completes -EventType with the event types the schema names: today only the purchase (7). Any other whole
    /// number is accepted too; the format leaves the other codes to the business.
    /// </summary>
    public sealed class EventTypeCompleter : IArgumentCompleter
    {
        private static readonly (string, string?)[] Known =
        {
            (OfflineDataSchema.PurchaseEventType.ToString(CultureInfo.InvariantCulture), "Purchase (event type " + OfflineDataSchema.PurchaseEventType.ToString(CultureInfo.InvariantCulture) + ")"),
        };

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            return CompletionValues.Safely(() => CompletionValues.Complete(wordToComplete, Known));
        }
    }
}
