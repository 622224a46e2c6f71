using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using OfflineData.Core.Measuring;

namespace OfflineData.Commands.Completion
{
    /// <summary>
    /// Completes -GroupBy of Measure-OfflineData: the fixed dimensions (with a tooltip saying which need the store)
    /// and <c>State.</c> followed by the state names the usual online state carries. Reading the state names a store
    /// actually holds would scan every stored row's state, which is not cheap enough for Tab.
    /// </summary>
    public sealed class SummaryDimensionCompleter : IArgumentCompleter
    {
        private static readonly string[] CommonStateNames = { "Campaign", "Channel", "TrackingCode", "MarketingChannel" };

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            return CompletionValues.Safely(() =>
            {
                var candidates = SummaryDimension.FixedNames
                    .Select(name => (name, (string?)(SummaryDimension.Parse(name).NeedsStore ? $"{name} (store only: exists after import)" : $"{name} (files and store)")))
                    .Concat(CommonStateNames.Select(name => (SummaryDimension.StatePrefix + name, (string?)$"Credited online state {name} (store only)")));
                return CompletionValues.Complete(wordToComplete, candidates);
            });
        }
    }
}
