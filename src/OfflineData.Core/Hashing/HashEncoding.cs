namespace OfflineData.Core.Hashing
{
    /// <summary>How the 32 bytes of a SHA-256 hash are written.</summary>
    public enum HashEncoding
    {
        /// <summary>64 lowercase hexadecimal characters (both profiles).</summary>
        Hex,

        /// <summary>44 Base64 characters (Google only).</summary>
        Base64,
    }
}
