using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using OfflineData.Core.Store;

namespace OfflineData.Commands.Completion
{
    /// <summary>
    /// Completes consent fields (-ConsentScope, -Scope) with Adobe's consent fields and consent values (-SuppressConsentValue,
    /// -SuppressValue, -Value) with Adobe's values (seed 003), each with what it means, so a user does not have to look
    /// them up. The names come from the core's lists (ConsentPolicy.AdobeScopes, ConsentValues.All), the only ones.
    /// </summary>
    public sealed class ConsentCompleter : IArgumentCompleter
    {
        private static readonly Dictionary<string, string> Meaning = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["n"] = "No: an explicit opt-out (suppresses by default)",
            ["p"] = "Pending verification",
            ["u"] = "Unknown",
            ["y"] = "Yes: consent given",
            ["LI"] = "Legitimate interest",
            ["CT"] = "Contract",
            ["CP"] = "Compliance with a legal obligation",
            ["VI"] = "Vital interest of the individual",
            ["PI"] = "Public interest",
            ["collect"] = "Collection of data (the default; a plain opt-out list records it)",
            ["share"] = "Sharing data with third parties",
            ["personalize.content"] = "Personalised content",
            ["marketing.any"] = "Any marketing",
            ["marketing.email"] = "E-mail marketing",
            ["marketing.push"] = "Push notifications",
            ["marketing.sms"] = "SMS marketing",
        };

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            bool scopes = string.Equals(parameterName, "ConsentScope", StringComparison.OrdinalIgnoreCase) || string.Equals(parameterName, "Scope", StringComparison.OrdinalIgnoreCase);
            var names = scopes ? ConsentPolicy.AdobeScopes : ConsentValues.All;
            return CompletionValues.Safely(() => CompletionValues.Complete(wordToComplete, names.Select(n => (n, Meaning.TryGetValue(n, out var m) ? m : (string?)null))));
        }
    }
}
