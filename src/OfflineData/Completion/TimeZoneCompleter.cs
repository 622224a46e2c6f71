using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using OfflineData.Core.Conversion;

namespace OfflineData.Commands.Completion
{
    /// <summary>
    /// Completes -SourceTimeZone and -TargetTimeZone with UTC, this machine's zone IDs (IANA on Linux and macOS,
    /// Windows IDs on Windows) and the IANA IDs the module translates itself; "Stock" finds "Europe/Stockholm".
    /// </summary>
    public sealed class TimeZoneCompleter : IArgumentCompleter
    {
        private static readonly Lazy<IReadOnlyList<(string, string?)>> Known = new Lazy<IReadOnlyList<(string, string?)>>(Load);

        /// <inheritdoc />
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            return CompletionValues.Safely(() => CompletionValues.Complete(wordToComplete, Known.Value, alsoAfter: '/'));
        }

        private static IReadOnlyList<(string, string?)> Load()
        {
            var zones = new List<(string, string?)> { ("UTC", "Coordinated Universal Time") };
            zones.AddRange(TimeZoneInfo.GetSystemTimeZones().OrderBy(z => z.Id, StringComparer.OrdinalIgnoreCase).Select(z => (z.Id, (string?)z.DisplayName)));
            zones.AddRange(TimeZoneResolver.KnownIanaIds.OrderBy(id => id, StringComparer.OrdinalIgnoreCase).Select(id => (id, (string?)null)));
            return zones;
        }
    }
}
