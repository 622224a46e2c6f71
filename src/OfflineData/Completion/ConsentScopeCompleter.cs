using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace OfflineData.Commands.Completion
{
    /// <summary>Completes consent fields (-Scope) with Adobe's consent fields (seed 003); any other field is accepted too.</summary>
    public sealed class ConsentScopeCompleter : IArgumentCompleter
    {
        private static readonly (string, string?)[] Known =
        {
            ("collect", "collect: data collection (the default; a plain opt-out list records it)"),
            ("share", "share: sharing with third parties"),
            ("personalize.content", "personalize.content: content personalisation"),
            ("marketing.any", "marketing.any: any marketing"),
            ("marketing.email", "marketing.email: e-mail marketing"),
            ("marketing.push", "marketing.push: push notifications"),
            ("marketing.sms", "marketing.sms: SMS marketing"),
        };

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionValues.Safely(() => CompletionValues.Complete(wordToComplete, Known));
    }
}
