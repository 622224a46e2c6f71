using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using OfflineData.Core.Hashing;

namespace OfflineData.Commands.Completion
{
    /// <summary>Completes -DefaultRegion with the regions libphonenumber knows (ISO 3166-1 alpha-2).</summary>
    public sealed class RegionCompleter : IArgumentCompleter
    {
        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            return CompletionValues.Safely(() => CompletionValues.Complete(wordToComplete, IdentifierHasher.SupportedRegions.Select(r => (r, (string?)null))));
        }
    }
}
