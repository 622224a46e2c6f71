using System;
using System.Globalization;
using System.Management.Automation;
using OfflineData.Core.Matching;

namespace OfflineData.Commands.Arguments
{
    /// <summary>
    /// Turns a -TransactionIdColumn argument (a column number such as 23, or a name such as 'EventTransaction Attr1'
    /// or TransactionAttr1) into the <see cref="TransactionIdColumn"/>; a column that does not exist or cannot hold an
    /// ID is a parameter binding error whose message says which columns can.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class TransactionIdColumnTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <inheritdoc />
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = ArgumentTransformations.Unwrap(inputData);
            if (value == null || value is TransactionIdColumn) return value;
            var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            return ArgumentTransformations.Parse(() => TransactionIdColumn.Parse(text));
        }
    }
}
