namespace OfflineData.Core.Tests
{
    /// <summary>The trait and the check behind <see cref="NetCoreOnlyFactAttribute"/>.</summary>
    public static class NetCoreOnly
    {
        /// <summary>
        /// Trait name of the tests that do not run on every runtime: <c>Runtime=NetCoreOnly</c> (skipped on .NET Framework
        /// and Mono) and <c>Runtime=WindowsTimeZoneIds</c> (skipped on Mono outside Windows);
        /// <c>dotnet test --filter Runtime=NetCoreOnly</c> lists them.
        /// </summary>
        public const string Trait = "Runtime";

        /// <summary>Trait value of the <see cref="NetCoreOnlyFactAttribute"/> and <see cref="NetCoreOnlyTheoryAttribute"/> tests.</summary>
        public const string Value = "NetCoreOnly";

        /// <summary>True in the net472 build (run on Mono or .NET Framework).</summary>
        public static bool IsNetFramework =>
#if NETFRAMEWORK
            true;
#else
            false;
#endif

        internal static string SkipMessage(string reason) => "Runs on .NET (Core) only: " + reason;
    }
}
