#if NETFRAMEWORK
using System;

namespace OfflineData.Core.Tests
{
    /// <summary>
    /// .NET (Core) string overloads the tests use that .NET Framework lacks, for the net472 build of the tests (run on
    /// Mono, see README "Running the tests"). Extension methods apply only where no instance overload fits, so on
    /// net10.0 none of this exists and on net472 these behave as the .NET overloads do.
    /// </summary>
    internal static class NetFrameworkStringPolyfills
    {
        public static string[] Split(this string text, char separator, StringSplitOptions options) => text.Split(new[] { separator }, options);

        public static string[] Split(this string text, string separator, StringSplitOptions options) => text.Split(new[] { separator }, options);

        public static bool Contains(this string text, char value) => text.IndexOf(value) >= 0;
    }
}
#endif
