using System;
using System.Management.Automation;
using OfflineData.Commands.Pipeline;

namespace OfflineData.Commands.Arguments
{
    /// <summary>
    /// Shared by the argument transformation attributes: unwraps the PowerShell value and turns a rejected value into
    /// the <see cref="ArgumentTransformationMetadataException"/> PowerShell expects, so the user gets its standard
    /// parameter binding error (ErrorId ParameterArgumentTransformationError, "Cannot process argument transformation
    /// on parameter 'X'. ...") naming the parameter, with the message saying which values are allowed.
    /// </summary>
    internal static class ArgumentTransformations
    {
        /// <summary>The value without its PSObject wrapper.</summary>
        public static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        /// <summary>Runs <paramref name="parse"/>; an ArgumentException becomes a transformation error with a clean message.</summary>
        public static T Parse<T>(Func<T> parse)
        {
            try
            {
                return parse();
            }
            catch (ArgumentException e)
            {
                throw new ArgumentTransformationMetadataException(UserMessages.WithoutParameterName(e), e);
            }
        }
    }
}
