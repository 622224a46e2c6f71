namespace OfflineData.Core.Hashing
{
    /// <summary>Whose normalisation rules identifiers are hashed by.</summary>
    public enum HashProfile
    {
        /// <summary>Google Ads / Data Manager: E.164 phones with the +, gmail.com dots and +tags removed, hex or Base64.</summary>
        Google,

        /// <summary>Meta Conversions API: phones as digits without the + (country code always), lowercase hex.</summary>
        Meta,
    }
}
