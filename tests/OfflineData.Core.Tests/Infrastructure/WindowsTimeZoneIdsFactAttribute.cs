using System;
using Xunit;

namespace OfflineData.Core.Tests
{
    /// <summary>
    /// A fact that needs the runtime to know Windows time zone IDs ("W. Europe Standard Time"): .NET Framework (Windows)
    /// and .NET (through ICU) do, Mono on Linux and macOS knows only the IANA IDs of /usr/share/zoneinfo, so there the
    /// test is reported as skipped with the reason. Decided by asking the runtime, not by its name.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class WindowsTimeZoneIdsFactAttribute : FactAttribute
    {
        /// <summary>Trait value (with <see cref="NetCoreOnly.Trait"/>) of these tests.</summary>
        public const string TraitValue = "WindowsTimeZoneIds";

        public WindowsTimeZoneIdsFactAttribute()
        {
            try
            {
                TimeZoneInfo.FindSystemTimeZoneById("W. Europe Standard Time");
            }
            catch (TimeZoneNotFoundException)
            {
                Skip = "This runtime knows no Windows time zone IDs (Mono outside Windows): 'W. Europe Standard Time' is not found.";
            }
        }
    }
}
