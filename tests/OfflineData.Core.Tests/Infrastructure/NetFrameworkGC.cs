#if NETFRAMEWORK
using System;

namespace OfflineData.Core.Tests
{
    /// <summary>
    /// Stands in for <see cref="System.GC"/> in the test namespaces on net472: .NET Framework and Mono have no
    /// per-thread allocation counter (Mono throws NotImplementedException for AppDomain's monitoring counters too), so
    /// the bounded-memory tests that read it are <see cref="NetCoreOnlyFactAttribute"/>/<see cref="NetCoreOnlyTheoryAttribute"/>
    /// and skipped there; reaching this means a test reads the counter without saying so.
    /// </summary>
    internal static class GC
    {
        public static long GetAllocatedBytesForCurrentThread() =>
            throw new PlatformNotSupportedException("GC.GetAllocatedBytesForCurrentThread is .NET (Core) only: mark the test [NetCoreOnlyFact] or [NetCoreOnlyTheory].");

        public static void Collect() => System.GC.Collect();

        public static void WaitForPendingFinalizers() => System.GC.WaitForPendingFinalizers();
    }
}
#endif
