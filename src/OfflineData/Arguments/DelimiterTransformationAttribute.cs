using System;
using System.Management.Automation;
using OfflineData.Commands.Pipeline;

namespace OfflineData.Commands.Arguments
{
    /// <summary>
    /// Turns a -Delimiter argument into its character: one character (',' ';' '|'), or a tab given as "`t", '\t' or
    /// 'tab'. A quote, a line break or a longer text is a parameter binding error listing the delimiters allowed.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class DelimiterTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <summary>What the error message offers.</summary>
        internal const string Allowed = "Give one character such as ',', ';' or '|', or \"`t\" (or 'tab') for a tab; not a quote or a line break.";

        /// <inheritdoc />
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = ArgumentTransformations.Unwrap(inputData);
            if (value == null || value is char) return Check(value as char?, value);
            return Check(Parse(value.ToString()), value);
        }

        /// <summary>The delimiter <paramref name="text"/> stands for, or null when it stands for none.</summary>
        internal static char? Parse(string text)
        {
            switch (text)
            {
                case "\t":
                case "`t":
                case "\\t":
                    return '\t';
            }

            if (string.Equals(text, "tab", StringComparison.OrdinalIgnoreCase)) return '\t';
            return text.Length == 1 ? text[0] : (char?)null;
        }

        private static object? Check(char? delimiter, object? given)
        {
            if (given == null) return null;
            if (delimiter == null || delimiter == '"' || delimiter == '\r' || delimiter == '\n')
            {
                throw new ArgumentTransformationMetadataException($"'{UserMessages.Escape(given.ToString())}' is not a delimiter. {Allowed}");
            }

            return delimiter.Value;
        }
    }
}
