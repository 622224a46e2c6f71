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
            var listed = ZoneTableIds();
            if (listed != null)
            {
                zones.AddRange(listed.OrderBy(id => id, StringComparer.OrdinalIgnoreCase).Select(id => (id, (string?)null)));
            }
            else
            {
                zones.AddRange(TimeZoneInfo.GetSystemTimeZones().OrderBy(z => z.Id, StringComparer.OrdinalIgnoreCase).Select(z => (z.Id, (string?)z.DisplayName)));
            }

            zones.AddRange(TimeZoneResolver.KnownIanaIds.OrderBy(id => id, StringComparer.OrdinalIgnoreCase).Select(id => (id, (string?)null)));
            return zones;
        }

        /// <summary>
        /// The zone IDs listed in the tz database's zone.tab (Linux, macOS): the same IDs the runtime offers, read in
        /// milliseconds, where TimeZoneInfo.GetSystemTimeZones parses every zone file (over a second). Null on Windows
        /// or when there is no table.
        /// </summary>
        private static IEnumerable<string>? ZoneTableIds()
        {
            var folder = Environment.GetEnvironmentVariable("TZDIR");
            if (string.IsNullOrEmpty(folder)) folder = "/usr/share/zoneinfo";
            var table = System.IO.Path.Combine(folder, "zone.tab");
            if (!System.IO.File.Exists(table)) return null;
            return System.IO.File.ReadAllLines(table)
                .Where(line => line.Length > 0 && line[0] != '#')
                .Select(line => line.Split('\t'))
                .Where(cells => cells.Length >= 3)
                .Select(cells => cells[2].Trim())
                .ToList();
        }
    }
}
