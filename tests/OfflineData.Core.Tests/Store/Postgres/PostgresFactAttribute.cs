using System;
using Xunit;

namespace OfflineData.Core.Tests.Store.Postgres
{
    /// <summary>
    /// A fact that needs the PostgreSQL test server: skipped with the reason when <c>OFFLINEDATA_TEST_POSTGRES</c> is not
    /// set, except in CI (<c>CI=true</c>), where it runs and fails saying the server is missing.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class PostgresFactAttribute : FactAttribute
    {
        public PostgresFactAttribute()
        {
            if (PostgresTestServer.SkipReason is string reason) Skip = reason;
        }
    }
}
