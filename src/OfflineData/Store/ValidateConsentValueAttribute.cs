using System.Management.Automation;
using OfflineData.Core.Store;

namespace OfflineData.Commands.Store
{
    /// <summary>
    /// -SuppressConsentValue accepts Adobe's consent values only (y, n, p, u, LI, CT, CP, VI, PI; any case), so a typo
    /// such as "no" fails at binding instead of suppressing nothing.
    /// </summary>
    internal sealed class ValidateConsentValueAttribute : ValidateEnumeratedArgumentsAttribute
    {
        /// <inheritdoc />
        protected override void ValidateElement(object element)
        {
            var text = element is PSObject wrapped ? wrapped.BaseObject as string : element as string;
            if (!ConsentValues.IsKnown(text))
            {
                throw new ValidationMetadataException($"'{text}' is not a consent value; use one of {string.Join(", ", ConsentValues.All)} (n = an explicit opt-out, p = pending, u = unknown).");
            }
        }
    }
}
