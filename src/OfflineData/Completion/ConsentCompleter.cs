using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace OfflineData.Commands.Completion
{
    /// <summary>
    /// Completes -SuppressConsentValue with Adobe's consent values and -ConsentScope with Adobe's consent fields (seed 003),
    /// each with what it means, so a user does not have to look them up.
    /// </summary>
    public sealed class ConsentCompleter : IArgumentCompleter
    {
        private static readonly (string, string?)[] Values =
        {
            ("n", "No: an explicit opt-out (suppresses by default)"),
            ("p", "Pending verification"),
            ("u", "Unknown"),
            ("y", "Yes: consent given"),
            ("LI", "Legitimate interest"),
            ("CT", "Contract"),
            ("CP", "Compliance with a legal obligation"),
            ("VI", "Vital interest of the individual"),
            ("PI", "Public interest"),
        };

        private static readonly (string, string?)[] Scopes =
        {
            ("collect", "Collection of data (the default; a plain opt-out list records it)"),
            ("share", "Sharing data with third parties"),
            ("personalize.content", "Personalised content"),
            ("marketing.any", "Any marketing"),
            ("marketing.email", "E-mail marketing"),
            ("marketing.push", "Push notifications"),
            ("marketing.sms", "SMS marketing"),
        };

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var candidates = string.Equals(parameterName, "ConsentScope", System.StringComparison.OrdinalIgnoreCase) ? Scopes : Values;
            return CompletionValues.Safely(() => CompletionValues.Complete(wordToComplete, candidates));
        }
    }
}
