using System;
using System.Collections.Generic;
using System.Reflection;
using OfflineData.Core.Findings;

namespace OfflineData.Core.Conversion
{
    /// <summary>
    /// Finds a time zone by IANA ID (<c>Europe/Stockholm</c>) or Windows ID (<c>W. Europe Standard Time</c>).
    /// .NET 6+ with ICU accepts both natively; on .NET Framework (Windows PowerShell 5.1), which knows only
    /// Windows IDs, common IANA IDs are translated with a built-in table from CLDR's windowsZones.
    /// </summary>
    public static class TimeZoneResolver
    {
        /// <summary>Finds the zone; throws <see cref="ArgumentException"/> naming the ID when it is unknown.</summary>
        public static TimeZoneInfo Find(string id) => Find(id, TimeZoneInfo.FindSystemTimeZoneById, ConvertWithRuntime);

        /// <summary>
        /// <see cref="Find(string)"/> with the runtime's zone lookup and ID converter given, so the .NET Framework path
        /// (a lookup that knows only Windows IDs, no converter) can be exercised on any runtime.
        /// </summary>
        internal static TimeZoneInfo Find(string id, Func<string, TimeZoneInfo> findSystemZone, Func<string, string?> convertWithRuntime)
        {
            if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("A time zone ID is required.", nameof(id));
            id = id.Trim();
            if (string.Equals(id, "UTC", StringComparison.OrdinalIgnoreCase) || string.Equals(id, "Etc/UTC", StringComparison.OrdinalIgnoreCase))
            {
                return TimeZoneInfo.Utc;
            }

            try
            {
                return findSystemZone(id);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException || e is InvalidTimeZoneException)
            {
                var alternative = convertWithRuntime(id) ?? TranslateIanaToWindows(id);
                if (alternative != null)
                {
                    try
                    {
                        return findSystemZone(alternative);
                    }
                    catch (Exception e2) when (e2 is TimeZoneNotFoundException || e2 is InvalidTimeZoneException)
                    {
                    }
                }

                throw new ArgumentException(
                    $"Time zone '{DisplayText.Escape(id)}' is not known on this machine. Use an IANA ID such as 'Europe/Stockholm' or a Windows ID such as 'W. Europe Standard Time'.",
                    nameof(id),
                    e);
            }
        }

        /// <summary>The IANA IDs of the built-in table, which work on every machine (for argument completion).</summary>
        public static IEnumerable<string> KnownIanaIds => IanaToWindows.Keys;

        /// <summary>The Windows ID for a common IANA ID from the built-in table, or null.</summary>
        public static string? TranslateIanaToWindows(string ianaId)
        {
            return IanaToWindows.TryGetValue(ianaId, out var windows) ? windows : null;
        }

        /// <summary>The built-in IANA to Windows table used when the runtime has no converter (.NET Framework).</summary>
        internal static IReadOnlyDictionary<string, string> IanaToWindowsTable => IanaToWindows;

        /// <summary>Whether converting between the two zones can change a wall-clock time.</summary>
        public static bool SameRules(TimeZoneInfo a, TimeZoneInfo b)
        {
            return ReferenceEquals(a, b) || string.Equals(a.Id, b.Id, StringComparison.OrdinalIgnoreCase) || a.HasSameRules(b);
        }

        // .NET 6+ has TimeZoneInfo.TryConvertIanaIdToWindowsId / TryConvertWindowsIdToIanaId; netstandard2.0 cannot name them.
        private static string? ConvertWithRuntime(string id)
        {
            foreach (var name in new[] { "TryConvertIanaIdToWindowsId", "TryConvertWindowsIdToIanaId" })
            {
                var method = typeof(TimeZoneInfo).GetMethod(name, BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string), typeof(string).MakeByRefType() }, null);
                if (method == null) continue;
                var args = new object?[] { id, null };
                if (method.Invoke(null, args) is bool ok && ok && args[1] is string converted && converted != id) return converted;
            }

            return null;
        }

        private static readonly Dictionary<string, string> IanaToWindows = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Europe/Stockholm"] = "W. Europe Standard Time",
            ["Europe/Berlin"] = "W. Europe Standard Time",
            ["Europe/Amsterdam"] = "W. Europe Standard Time",
            ["Europe/Oslo"] = "W. Europe Standard Time",
            ["Europe/Copenhagen"] = "Romance Standard Time",
            ["Europe/Paris"] = "Romance Standard Time",
            ["Europe/Brussels"] = "Romance Standard Time",
            ["Europe/Madrid"] = "Romance Standard Time",
            ["Europe/Rome"] = "W. Europe Standard Time",
            ["Europe/Vienna"] = "W. Europe Standard Time",
            ["Europe/Zurich"] = "W. Europe Standard Time",
            ["Europe/Warsaw"] = "Central European Standard Time",
            ["Europe/Prague"] = "Central Europe Standard Time",
            ["Europe/Budapest"] = "Central Europe Standard Time",
            ["Europe/Helsinki"] = "FLE Standard Time",
            ["Europe/Tallinn"] = "FLE Standard Time",
            ["Europe/Riga"] = "FLE Standard Time",
            ["Europe/Vilnius"] = "FLE Standard Time",
            ["Europe/Kiev"] = "FLE Standard Time",
            ["Europe/Kyiv"] = "FLE Standard Time",
            ["Europe/Athens"] = "GTB Standard Time",
            ["Europe/Bucharest"] = "GTB Standard Time",
            ["Europe/Istanbul"] = "Turkey Standard Time",
            ["Europe/Moscow"] = "Russian Standard Time",
            ["Europe/London"] = "GMT Standard Time",
            ["Europe/Dublin"] = "GMT Standard Time",
            ["Europe/Lisbon"] = "GMT Standard Time",
            ["Atlantic/Reykjavik"] = "Greenwich Standard Time",
            ["America/New_York"] = "Eastern Standard Time",
            ["America/Detroit"] = "Eastern Standard Time",
            ["America/Toronto"] = "Eastern Standard Time",
            ["America/Chicago"] = "Central Standard Time",
            ["America/Winnipeg"] = "Central Standard Time",
            ["America/Denver"] = "Mountain Standard Time",
            ["America/Edmonton"] = "Mountain Standard Time",
            ["America/Phoenix"] = "US Mountain Standard Time",
            ["America/Los_Angeles"] = "Pacific Standard Time",
            ["America/Vancouver"] = "Pacific Standard Time",
            ["America/Anchorage"] = "Alaskan Standard Time",
            ["Pacific/Honolulu"] = "Hawaiian Standard Time",
            ["America/Halifax"] = "Atlantic Standard Time",
            ["America/Sao_Paulo"] = "E. South America Standard Time",
            ["America/Mexico_City"] = "Central Standard Time (Mexico)",
            ["America/Bogota"] = "SA Pacific Standard Time",
            ["America/Argentina/Buenos_Aires"] = "Argentina Standard Time",
            ["Asia/Tokyo"] = "Tokyo Standard Time",
            ["Asia/Seoul"] = "Korea Standard Time",
            ["Asia/Shanghai"] = "China Standard Time",
            ["Asia/Hong_Kong"] = "China Standard Time",
            ["Asia/Singapore"] = "Singapore Standard Time",
            ["Asia/Kolkata"] = "India Standard Time",
            ["Asia/Calcutta"] = "India Standard Time",
            ["Asia/Dubai"] = "Arabian Standard Time",
            ["Asia/Jerusalem"] = "Israel Standard Time",
            ["Australia/Sydney"] = "AUS Eastern Standard Time",
            ["Australia/Melbourne"] = "AUS Eastern Standard Time",
            ["Australia/Perth"] = "W. Australia Standard Time",
            ["Pacific/Auckland"] = "New Zealand Standard Time",
            ["Africa/Johannesburg"] = "South Africa Standard Time",
            ["Africa/Cairo"] = "Egypt Standard Time",
            ["Africa/Lagos"] = "W. Central Africa Standard Time",
            ["Etc/GMT"] = "UTC",
        };
    }
}
