using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using OfflineData.Commands.Pipeline;
using OfflineData.Core.Hashing;

namespace OfflineData.Commands.Hashing
{
    /// <summary>Checks a cmdlet's hashing parameters (<see cref="IHashingParameters"/>) and builds the core's plan.</summary>
    internal static class HashingArguments
    {
        /// <summary>
        /// The plan, or null without -HashColumn. A bad combination or value is a terminating InvalidHashing error (category InvalidArgument)
        /// naming the parameter and, as target, the value.
        /// </summary>
        public static ColumnHashing? Build(PSCmdlet cmdlet, IHashingParameters parameters)
        {
            var bound = cmdlet.MyInvocation.BoundParameters;
            if (parameters.HashColumn == null)
            {
                var stray = new[] { "HashProfile", "DefaultRegion", "HashEncoding", "IncludeRawValue" }.FirstOrDefault(bound.ContainsKey);
                if (stray != null) Fail(cmdlet, $"-{stray} applies to hashed columns only; name them with -HashColumn, e.g. -HashColumn @{{ CustomerId = 'Email' }}.", bound[stray]);
                return null;
            }

            if (parameters.HashProfile == null)
            {
                Fail(cmdlet, "-HashColumn needs -HashProfile Google or -HashProfile Meta: the two normalise phone numbers and gmail addresses differently.", parameters.HashColumn);
            }

            try
            {
                var columns = ColumnHashing.ParseColumns(Unwrap(parameters.HashColumn));
                var hasher = new IdentifierHasher(parameters.HashProfile!.Value, parameters.HashEncoding, parameters.DefaultRegion);
                return new ColumnHashing(hasher, columns, parameters.IncludeRawValue);
            }
            catch (ArgumentException e)
            {
                object? target = e.ParamName == "regionCode" ? parameters.DefaultRegion
                    : e.ParamName == "encoding" ? parameters.HashEncoding
                    : e.Data[ColumnHashing.ColumnDataKey] ?? (object)parameters.HashColumn;
                cmdlet.ThrowTerminatingError(UserMessages.InvalidArgument(e, ErrorIds.InvalidHashing, target));
                throw; // not reached
            }
        }

        /// <summary>What a failed value's message says: the column and the rule, the raw value only when asked.</summary>
        public static string Message(ColumnHashing hashing, IdentifierFailure failure, string? column, string? rawValue) =>
            hashing.Describe(failure, column) + (hashing.IncludeRawValue && rawValue != null ? $" The value was '{rawValue}'." : string.Empty);

        private static void Fail(PSCmdlet cmdlet, string message, object? target)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(new PSArgumentException(message), ErrorIds.InvalidHashing, ErrorCategory.InvalidArgument, target));
        }

        private static IDictionary Unwrap(IDictionary map)
        {
            var copy = new Hashtable(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry entry in map)
            {
                copy[entry.Key is PSObject pk ? pk.BaseObject : entry.Key] = entry.Value is PSObject pv ? pv.BaseObject : entry.Value;
            }

            return copy;
        }
    }
}
