using System;
using System.Globalization;
using System.Management.Automation;
using OfflineData.Core;
using OfflineData.Core.Findings;

namespace OfflineData.Commands.Pipeline
{
    /// <summary>
    /// Makes messages fit for a user: user data quoted in a message shows its control and invisible characters
    /// escaped (a CR in a header cell must not break the message), and an ArgumentException from the core loses
    /// the .NET parameter name the runtime appends ("(Parameter 'name')"), which means nothing to a pwsh user.
    /// </summary>
    internal static class UserMessages
    {
        /// <summary>User data for a message, its control and invisible characters escaped (see <see cref="DisplayText.Escape"/>).</summary>
        public static string Escape(string? value) => DisplayText.Escape(value);

        /// <summary>The message of <paramref name="e"/> without the parameter name (and actual value) the runtime appends.</summary>
        public static string WithoutParameterName(ArgumentException e)
        {
            if (e.ParamName == null) return e.Message;

            // The runtime's own suffix for this parameter, in its own words and language: "(Parameter 'x')" on .NET,
            // "\r\nParameter name: x" on .NET Framework, plus "Actual value was ..." for an out-of-range value.
            string suffix = e is ArgumentOutOfRangeException range
                ? new ArgumentOutOfRangeException(e.ParamName, range.ActualValue, string.Empty).Message
                : new ArgumentException(string.Empty, e.ParamName).Message;
            var message = e.Message;
            if (suffix.Length > 0 && message.EndsWith(suffix, StringComparison.Ordinal))
            {
                message = message.Substring(0, message.Length - suffix.Length);
            }

            return message.TrimEnd();
        }

        /// <summary>An InvalidArgument error for a bad argument value: a clean message, the value as target.</summary>
        public static ErrorRecord InvalidArgument(ArgumentException e, string errorId, object? value)
        {
            return new ErrorRecord(new PSArgumentException(WithoutParameterName(e), e), errorId, ErrorCategory.InvalidArgument, value);
        }
    }
}
