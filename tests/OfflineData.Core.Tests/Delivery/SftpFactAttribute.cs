using System;
using Xunit;

namespace OfflineData.Core.Tests.Delivery
{
    /// <summary>A fact that needs the OpenSSH test server: skipped with the reason without it, except in CI, where it fails.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class SftpFactAttribute : FactAttribute
    {
        public SftpFactAttribute()
        {
            if (SftpTestServer.SkipReason is string reason) Skip = reason;
        }
    }
}
