using System.Collections;
using OfflineData.Core.Hashing;

namespace OfflineData.Commands.Hashing
{
    /// <summary>
    /// The identifier-hashing parameters that Convert-OfflineDataFile, Export-OfflineData and Export-AdobeDataSource
    /// share (PowerShell binds a cmdlet's own properties only, so each declares them; <see cref="HashingArguments"/>
    /// checks them and builds the plan, once for all three).
    /// </summary>
    internal interface IHashingParameters
    {
        /// <summary>Column name to kind (Email, Phone, Name, Text).</summary>
        IDictionary? HashColumn { get; }

        /// <summary>Google or Meta; required with HashColumn.</summary>
        HashProfile? HashProfile { get; }

        /// <summary>The region of phone numbers without a country code.</summary>
        string? DefaultRegion { get; }

        /// <summary>Hex or Base64 (Google only).</summary>
        HashEncoding HashEncoding { get; }

        /// <summary>Whether the raw values of hashed columns may appear in reject files and messages.</summary>
        bool IncludeRawValue { get; }
    }
}
