using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using OfflineData.Core;
using OfflineData.Core.Format;
using OfflineData.Core.Matching;

namespace OfflineData.Commands.Completion
{
    /// <summary>
    /// Completes -TransactionIdColumn with the columns that can hold a transaction ID: the EventTransaction
    /// attributes first (where transaction IDs usually are), then the other text columns; names with spaces quoted.
    /// </summary>
    public sealed class TransactionIdColumnCompleter : IArgumentCompleter
    {
        private const int AttributesOffered = 10;

        private static readonly Lazy<IReadOnlyList<(string, string?)>> Known = new Lazy<IReadOnlyList<(string, string?)>>(Load);

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            return CompletionValues.Safely(() => CompletionValues.Complete(wordToComplete, Known.Value));
        }

        private static IReadOnlyList<(string, string?)> Load()
        {
            var numbers = Enumerable.Range(OfflineDataSchema.NamedColumnCount + 1, AttributesOffered).Concat(Enumerable.Range(1, OfflineDataSchema.NamedColumnCount));
            var columns = new List<(string, string?)>();
            foreach (var number in numbers)
            {
                try
                {
                    // Only what -TransactionIdColumn accepts (Time Stamp, Event Type, Num1 and Num2 are not).
                    TransactionIdColumn.FromNumber(number);
                    columns.Add((OfflineDataSchema.GetColumnName(number), $"Column {number}"));
                }
                catch (ArgumentException)
                {
                }
            }

            return columns;
        }
    }
}
