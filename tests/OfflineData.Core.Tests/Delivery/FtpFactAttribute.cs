using System;
using Xunit;

namespace OfflineData.Core.Tests.Delivery
{
    /// <summary>A fact that needs the vsftpd test servers: skipped with the reason without them, except in CI, where it fails.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class FtpFactAttribute : FactAttribute
    {
        public FtpFactAttribute()
        {
            if (FtpTestServer.SkipReason is string reason) Skip = reason;
        }
    }
}
