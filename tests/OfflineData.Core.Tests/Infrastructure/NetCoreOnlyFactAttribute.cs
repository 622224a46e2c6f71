using System;
using Xunit;

namespace OfflineData.Core.Tests
{
    /// <summary>
    /// A fact that needs an API only .NET (Core) has (e.g. <c>GC.GetAllocatedBytesForCurrentThread</c>): it runs on
    /// net10.0 and is reported as skipped, with the reason, on .NET Framework and Mono (the net472 run). Put
    /// <c>[Trait(NetCoreOnly.Trait, NetCoreOnly.Value)]</c> on it too, so the list of such tests is one filter away.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class NetCoreOnlyFactAttribute : FactAttribute
    {
        /// <param name="reason">Why the test cannot run on .NET Framework.</param>
        public NetCoreOnlyFactAttribute(string reason)
        {
            if (NetCoreOnly.IsNetFramework) Skip = NetCoreOnly.SkipMessage(reason);
        }
    }
}
