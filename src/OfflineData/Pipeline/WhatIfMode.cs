using System.Management.Automation;

namespace OfflineData.Commands.Pipeline
{
    /// <summary>
    /// Whether a cmdlet runs under -WhatIf, decided before ShouldProcess is asked (e.g. to avoid creating a
    /// store or a folder). -WhatIf:$false wins over $WhatIfPreference, as it does for ShouldProcess itself.
    /// </summary>
    internal static class WhatIfMode
    {
        /// <summary>True when -WhatIf is on, by parameter or by $WhatIfPreference.</summary>
        public static bool IsActive(PSCmdlet cmdlet)
        {
            if (cmdlet.MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value))
            {
                return value is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(value);
            }

            return LanguagePrimitives.IsTrue(cmdlet.SessionState.PSVariable.GetValue("WhatIfPreference"));
        }
    }
}
