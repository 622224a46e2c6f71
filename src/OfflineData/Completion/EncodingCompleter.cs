using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using OfflineData.Core.Conversion;

namespace OfflineData.Commands.Completion
{
    /// <summary>Completes -Encoding with the encodings source exports come in that this machine can decode.</summary>
    public sealed class EncodingCompleter : IArgumentCompleter
    {
        // The common ones first (till and ERP exports are UTF-8 or a Windows/ISO code page), then the rest the runtime knows.
        private static readonly string[] Common =
        {
            "utf-8", "windows-1252", "iso-8859-1", "utf-16", "utf-16BE", "iso-8859-15", "windows-1250", "windows-1251",
            "windows-1253", "windows-1254", "windows-1257", "iso-8859-2", "ibm850", "ibm437", "macintosh", "koi8-r",
            "shift_jis", "gb2312", "big5", "euc-kr",
        };

        private static readonly Lazy<IReadOnlyList<(string, string?)>> Known = new Lazy<IReadOnlyList<(string, string?)>>(Load);

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            return CompletionValues.Safely(() => CompletionValues.Complete(wordToComplete, Known.Value));
        }

        private static IReadOnlyList<(string, string?)> Load()
        {
            var names = Common.Concat(System.Text.Encoding.GetEncodings().Select(e => e.Name));
            var known = new List<(string, string?)>();
            foreach (var name in names.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                try
                {
                    // Only what -Encoding accepts on this machine.
                    known.Add((name, SourceEncodings.Resolve(name).EncodingName));
                }
                catch (ArgumentException)
                {
                }
            }

            return known;
        }
    }
}
