using System;
using Xunit;

namespace OfflineData.Core.Tests.Delivery
{
    /// <summary>
    /// A fact that moves data over FTPS against the vsftpd test server, which (like vsftpd's default) requires every data
    /// connection to resume the control connection's TLS session. .NET resumes it; Mono's TLS, the stand-in for .NET
    /// Framework in the net472 run, does not, so there these tests are skipped with that reason (trait
    /// <c>Runtime=NetCoreOnly</c>). Without the server: skipped, except in CI, where they fail.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class FtpsTransferFactAttribute : FactAttribute
    {
        public FtpsTransferFactAttribute()
        {
            if (FtpTestServer.SkipReason is string reason) Skip = reason;
            else if (NetCoreOnly.IsNetFramework) Skip = NetCoreOnly.SkipMessage("Mono's TLS does not resume the control connection's TLS session on FTPS data connections, which vsftpd requires (require_ssl_reuse=YES, its default)");
        }
    }
}
