using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace OfflineData.Commands.Completion
{
    /// <summary>Completes -Culture with the culture names this machine knows (sv-SE, de-DE ...), the display name as tooltip.</summary>
    public sealed class CultureCompleter : IArgumentCompleter
    {
        private static readonly Lazy<IReadOnlyList<(string, string?)>> Known = new Lazy<IReadOnlyList<(string, string?)>>(() =>
            CultureInfo.GetCultures(CultureTypes.AllCultures)
                .Where(c => c.Name.Length > 0)
                .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
                .Select(c => (c.Name, (string?)c.EnglishName))
                .ToList());

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            return CompletionValues.Safely(() => CompletionValues.Complete(wordToComplete, Known.Value));
        }
    }
}
