using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using OfflineData.Core.Store;

namespace OfflineData.Commands.Completion
{
    /// <summary>Completes consent values (-Value, -SuppressValue) with Adobe's values (ConsentValues.All).</summary>
    public sealed class ConsentValueCompleter : IArgumentCompleter
    {
        private static readonly Dictionary<string, string> Meaning = new Dictionary<string, string>
        {
            ["y"] = "y: yes (consent given)",
            ["n"] = "n: no (opt-out)",
            ["p"] = "p: pending",
            ["u"] = "u: unknown",
            ["LI"] = "LI: legitimate interest",
            ["CT"] = "CT: contract",
            ["CP"] = "CP: compliance with a legal obligation",
            ["VI"] = "VI: vital interest",
            ["PI"] = "PI: public interest",
        };

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionValues.Safely(() => CompletionValues.Complete(wordToComplete, ConsentValues.All.Select(v => (v, (string?)Meaning[v]))));
    }
}
