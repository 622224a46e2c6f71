using System;
using Xunit;
using Xunit.Sdk;

namespace OfflineData.Module.Tests.StoreKinds
{
    /// <summary>A theory of a store-kind test class: skipped with the reason when its store kind's server is missing (see <see cref="IRunsOnPostgres"/>).</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    [XunitTestCaseDiscoverer("OfflineData.Module.Tests.StoreKinds.StoreTestDiscoverer", "OfflineData.Module.Tests")]
    public sealed class StoreTheoryAttribute : TheoryAttribute
    {
    }
}
