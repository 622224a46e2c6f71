using System;
using System.Management.Automation;

namespace OfflineData.Commands.Store
{
    /// <summary>
    /// Lets a DateTime parameter take a <see cref="DateTimeOffset"/> — the type of the ledger and recording times, e.g.
    /// <c>Get-OfflineDataImport -From $entry.StartedAt</c> — as the same instant in local time; PowerShell itself has no
    /// conversion from DateTimeOffset to DateTime. Any other value is left to the usual conversion.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class DateTimeOffsetToLocalAttribute : ArgumentTransformationAttribute
    {
        /// <inheritdoc />
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            return value is DateTimeOffset offset ? offset.LocalDateTime : inputData;
        }
    }
}
