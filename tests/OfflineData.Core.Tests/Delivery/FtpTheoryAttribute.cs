using System;
using Xunit;

namespace OfflineData.Core.Tests.Delivery
{
    /// <summary>A theory that needs the vsftpd test servers: skipped with the reason without them, except in CI, where it fails.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class FtpTheoryAttribute : TheoryAttribute
    {
        public FtpTheoryAttribute()
        {
            if (FtpTestServer.SkipReason is string reason) Skip = reason;
        }
    }
}
