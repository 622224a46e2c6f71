using System;
using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace OfflineData.Module.Tests.StoreKinds
{
    /// <summary>A test case that is reported as skipped with a reason decided at discovery (its server is missing).</summary>
    public sealed class SkippedStoreTestCase : XunitTestCase
    {
        private string reason = string.Empty;

        /// <summary>For the deserializer only.</summary>
        [EditorBrowsable(EditorBrowsableState.Never)]
        [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
        public SkippedStoreTestCase()
        {
        }

        /// <summary>A skipped case of <paramref name="testMethod"/> with <paramref name="reason"/>.</summary>
        public SkippedStoreTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod, string reason)
            : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
        {
            this.reason = reason;
        }

        /// <inheritdoc />
        public override void Serialize(IXunitSerializationInfo data)
        {
            base.Serialize(data);
            data.AddValue("SkipReasonText", reason);
        }

        /// <inheritdoc />
        public override void Deserialize(IXunitSerializationInfo data)
        {
            reason = data.GetValue<string>("SkipReasonText");
            base.Deserialize(data);
        }

        /// <inheritdoc />
        protected override string GetSkipReason(IAttributeInfo factAttribute) => reason;
    }
}
