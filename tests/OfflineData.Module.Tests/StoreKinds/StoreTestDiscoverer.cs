using System.Collections.Generic;
using System.Linq;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace OfflineData.Module.Tests.StoreKinds
{
    /// <summary>
    /// Discovers <see cref="StoreFactAttribute"/> and <see cref="StoreTheoryAttribute"/> tests as xunit does facts and
    /// theories, except that a test of an <see cref="IRunsOnPostgres"/> class becomes one skipped test with the reason
    /// when <see cref="TestPostgres.SkipReason"/> says so. The class is the concrete one, so a test inherited from an
    /// abstract scenario class runs for SQLite and is skipped only for PostgreSQL.
    /// </summary>
    public sealed class StoreTestDiscoverer : IXunitTestCaseDiscoverer
    {
        private readonly IMessageSink diagnosticMessageSink;

        /// <summary>Called by xunit.</summary>
        public StoreTestDiscoverer(IMessageSink diagnosticMessageSink) => this.diagnosticMessageSink = diagnosticMessageSink;

        /// <inheritdoc />
        public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
        {
            var testClass = (testMethod.TestClass.Class as IReflectionTypeInfo)?.Type;
            var skip = testClass != null && typeof(IRunsOnPostgres).IsAssignableFrom(testClass) ? TestPostgres.SkipReason : null;
            if (skip != null)
            {
                return new[] { new SkippedStoreTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, skip) };
            }

            var isTheory = (factAttribute as IReflectionAttributeInfo)?.Attribute is StoreTheoryAttribute;
            IXunitTestCaseDiscoverer inner = isTheory ? new TheoryDiscoverer(diagnosticMessageSink) : new FactDiscoverer(diagnosticMessageSink);
            return inner.Discover(discoveryOptions, testMethod, factAttribute).ToList();
        }
    }
}
