using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace OfflineData.Commands.Completion
{
    /// <summary>Completes -Delimiter with the delimiters source exports use: comma, semicolon, tab and pipe.</summary>
    public sealed class DelimiterCompleter : IArgumentCompleter
    {
        private static readonly (string Text, string ListItem, string ToolTip)[] Delimiters =
        {
            ("','", ",", "Comma"),
            ("';'", ";", "Semicolon (the offline data format's own delimiter)"),
            ("\"`t\"", "`t", "Tab"),
            ("'|'", "|", "Pipe"),
        };

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            return CompletionValues.Safely(() => Complete(wordToComplete));
        }

        private static IEnumerable<CompletionResult> Complete(string? wordToComplete)
        {
            var typed = CompletionValues.Unquote(wordToComplete ?? string.Empty, out _);
            foreach (var (text, item, toolTip) in Delimiters)
            {
                // "t" and "tab" find the tab, as -Delimiter tab is accepted too.
                if (typed.Length == 0 || item.StartsWith(typed, System.StringComparison.Ordinal) || (item == "`t" && "tab".StartsWith(typed, System.StringComparison.OrdinalIgnoreCase)))
                {
                    yield return new CompletionResult(text, item, CompletionResultType.ParameterValue, toolTip);
                }
            }
        }
    }
}
