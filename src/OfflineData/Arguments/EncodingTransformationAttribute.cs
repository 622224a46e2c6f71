using System;
using System.Management.Automation;
using System.Text;
using OfflineData.Core.Conversion;

namespace OfflineData.Commands.Arguments
{
    /// <summary>
    /// Turns an -Encoding argument (a name such as windows-1252 or utf-8, a code page number such as 1252, or an
    /// Encoding object) into the <see cref="Encoding"/>; a name the system does not know is a parameter binding error
    /// whose message says what to give.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class EncodingTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <summary>What the error message for an empty name offers (the core's message for an unknown name says the same).</summary>
        internal const string Allowed = "Use e.g. utf-8, windows-1252, iso-8859-1, utf-16 or a code page number such as 1252.";

        /// <inheritdoc />
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = ArgumentTransformations.Unwrap(inputData);
            if (value == null || value is Encoding) return value;
            var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            if (string.IsNullOrWhiteSpace(text)) throw new ArgumentTransformationMetadataException("An empty name is not an encoding. " + Allowed);
            return ArgumentTransformations.Parse(() => SourceEncodings.Resolve(text));
        }
    }
}
