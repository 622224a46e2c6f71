using System;
using System.Globalization;
using System.Management.Automation;

namespace OfflineData.Commands.Store
{
    /// <summary>The -From/-To check of the reading store cmdlets: a reversed range would silently select nothing.</summary>
    internal static class TimeRange
    {
        /// <summary>ErrorId when -From is later than -To.</summary>
        public const string InvalidTimeRangeErrorId = ErrorIds.InvalidTimeRange;

        /// <summary>
        /// Stops the command with a terminating <see cref="InvalidTimeRangeErrorId"/> (InvalidArgument) naming both
        /// values when <paramref name="from"/> is later than <paramref name="to"/>.
        /// </summary>
        public static void Check(PSCmdlet cmdlet, DateTime? from, DateTime? to)
        {
            if (!from.HasValue || !to.HasValue || from.Value <= to.Value) return;
            var text = string.Format(CultureInfo.InvariantCulture, "-From {0:yyyy-MM-dd HH:mm:ss} is later than -To {1:yyyy-MM-dd HH:mm:ss}: no time is in that range. Swap the two values.", from.Value, to.Value);
            cmdlet.ThrowTerminatingError(new ErrorRecord(new PSArgumentException(text), InvalidTimeRangeErrorId, ErrorCategory.InvalidArgument, from.Value));
        }
    }
}
