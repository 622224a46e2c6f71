using System;
using Xunit;

namespace OfflineData.Core.Tests
{
    /// <summary>The <see cref="NetCoreOnlyFactAttribute"/> of theories.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class NetCoreOnlyTheoryAttribute : TheoryAttribute
    {
        /// <param name="reason">Why the test cannot run on .NET Framework.</param>
        public NetCoreOnlyTheoryAttribute(string reason)
        {
            if (NetCoreOnly.IsNetFramework) Skip = NetCoreOnly.SkipMessage(reason);
        }
    }
}
