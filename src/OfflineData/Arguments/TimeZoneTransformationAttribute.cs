using System;
using System.Management.Automation;
using OfflineData.Core.Conversion;

namespace OfflineData.Commands.Arguments
{
    /// <summary>
    /// Turns a time zone argument (an IANA ID such as Europe/Stockholm, a Windows ID such as W. Europe Standard Time,
    /// UTC, or a TimeZoneInfo) into the <see cref="TimeZoneInfo"/>; an unknown ID is a parameter binding error whose
    /// message says what to give.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class TimeZoneTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <inheritdoc />
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = ArgumentTransformations.Unwrap(inputData);
            if (value == null || value is TimeZoneInfo) return value;
            var text = value.ToString() ?? string.Empty;
            if (string.IsNullOrWhiteSpace(text)) throw new ArgumentTransformationMetadataException("An empty ID is not a time zone. Use an IANA ID such as Europe/Stockholm or America/New_York, a Windows ID such as 'W. Europe Standard Time', or UTC.");
            return ArgumentTransformations.Parse(() => TimeZoneResolver.Find(text));
        }
    }
}
