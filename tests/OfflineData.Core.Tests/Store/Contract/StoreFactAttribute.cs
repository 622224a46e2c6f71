using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace OfflineData.Core.Tests.Store.Contract
{
    /// <summary>
    /// A fact of the store contract suite. It runs for every implementation deriving from <see cref="StoreContractTests"/>;
    /// for one whose class says it needs a server it can skip (<see cref="IStoreTestSkip"/>: the server is not configured
    /// and this is not CI), which xunit 2's <see cref="FactAttribute.Skip"/> cannot do, as it is fixed per method and
    /// not per derived class.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method)]
    [XunitTestCaseDiscoverer("OfflineData.Core.Tests.Store.Contract.StoreFactDiscoverer", "OfflineData.Core.Tests")]
    public sealed class StoreFactAttribute : FactAttribute
    {
    }

    /// <summary>A theory of the store contract suite (see <see cref="StoreFactAttribute"/>).</summary>
    [AttributeUsage(AttributeTargets.Method)]
    [XunitTestCaseDiscoverer("OfflineData.Core.Tests.Store.Contract.StoreTheoryDiscoverer", "OfflineData.Core.Tests")]
    public sealed class StoreTheoryAttribute : TheoryAttribute
    {
    }

    /// <summary>Put on a contract suite class whose store needs a server: names the static property giving the skip reason.</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class StoreTestSkipAttribute : Attribute
    {
        public StoreTestSkipAttribute(Type reasonSource) => ReasonSource = reasonSource;

        /// <summary>A type with a static string property <c>SkipReason</c> (null: run).</summary>
        public Type ReasonSource { get; }
    }

    /// <summary>
    /// Put on a contract test that one store can only keep on .NET (Core) or Windows: it is reported as skipped, with the
    /// reason, for the contract classes whose name contains <c>storeClassName</c> in the net472 run (Mono on Linux).
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public sealed class StoreNetCoreOnlyAttribute : Attribute
    {
        public StoreNetCoreOnlyAttribute(string storeClassName, string reason)
        {
            StoreClassName = storeClassName;
            Reason = reason;
        }

        /// <summary>Part of the contract class's name, e.g. <c>Sqlite</c>.</summary>
        public string StoreClassName { get; }

        /// <summary>Why the test cannot run there.</summary>
        public string Reason { get; }
    }

    internal static class StoreTestSkip
    {
        public static string? ReasonFor(ITestMethod method)
        {
            foreach (var netCoreOnly in method.Method.GetCustomAttributes(typeof(StoreNetCoreOnlyAttribute)))
            {
                var arguments = netCoreOnly.GetConstructorArguments().ToList();
                if (NetCoreOnly.IsNetFramework && method.TestClass.Class.Name.IndexOf((string)arguments[0], StringComparison.Ordinal) >= 0)
                {
                    return NetCoreOnly.SkipMessage((string)arguments[1]);
                }
            }

            var attribute = method.TestClass.Class.GetCustomAttributes(typeof(StoreTestSkipAttribute)).FirstOrDefault();
            if (attribute == null) return null;
            var source = attribute.GetConstructorArguments().First() as Type;
            return source?.GetProperty("SkipReason")?.GetValue(null) as string;
        }
    }

    public sealed class StoreFactDiscoverer : FactDiscoverer
    {
        public StoreFactDiscoverer(IMessageSink diagnosticMessageSink)
            : base(diagnosticMessageSink)
        {
        }

        public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
        {
            var reason = StoreTestSkip.ReasonFor(testMethod);
            if (reason != null) return new[] { new SkippedStoreTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason) };
            return base.Discover(discoveryOptions, testMethod, factAttribute);
        }
    }

    public sealed class StoreTheoryDiscoverer : TheoryDiscoverer
    {
        public StoreTheoryDiscoverer(IMessageSink diagnosticMessageSink)
            : base(diagnosticMessageSink)
        {
        }

        public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute)
        {
            var reason = StoreTestSkip.ReasonFor(testMethod);
            if (reason != null) return new[] { new SkippedStoreTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason) };
            return base.Discover(discoveryOptions, testMethod, theoryAttribute);
        }
    }

    /// <summary>A contract test reported as skipped with its reason.</summary>
    public sealed class SkippedStoreTestCase : XunitTestCase
    {
        private string reason = string.Empty;

        [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
        public SkippedStoreTestCase()
        {
        }

        public SkippedStoreTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod, string reason)
            : base(diagnosticMessageSink, display, options, testMethod)
        {
            this.reason = reason;
        }

        protected override string GetSkipReason(IAttributeInfo factAttribute) => reason;

        public override void Serialize(IXunitSerializationInfo data)
        {
            base.Serialize(data);
            data.AddValue("StoreSkipReason", reason);
        }

        public override void Deserialize(IXunitSerializationInfo data)
        {
            // First: the base initializes the test case (and asks for the skip reason) while it de-serializes.
            reason = data.GetValue<string>("StoreSkipReason");
            base.Deserialize(data);
        }
    }
}
