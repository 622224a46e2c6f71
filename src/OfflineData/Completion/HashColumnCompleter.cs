using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using OfflineData.Core.Hashing;

namespace OfflineData.Commands.Completion
{
    /// <summary>Completes -HashColumn's kinds (Email, Phone, Name, Text) and the columns that can be hashed.</summary>
    public sealed class HashColumnCompleter : IArgumentCompleter
    {
        private static readonly (string, string?)[] Kinds =
        {
            (nameof(IdentifierKind.Email), "Email: trimmed, lowercased (Google: gmail dots and +tags removed), SHA-256"),
            (nameof(IdentifierKind.Phone), "Phone: E.164 by libphonenumber (Google with +, Meta without), SHA-256"),
            (nameof(IdentifierKind.Name), "Name: lowercased, punctuation removed, SHA-256"),
            (nameof(IdentifierKind.Text), "Text (e.g. a customer ID): trimmed, lowercased, NFC, SHA-256"),
        };

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            return CompletionValues.Safely(() => CompletionValues.Complete(
                wordToComplete,
                Kinds.Concat(ColumnHashing.HashableColumnNames.Select(n => (n, (string?)("Hash column " + n))))));
        }
    }
}
