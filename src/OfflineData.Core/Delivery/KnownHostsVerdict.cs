namespace OfflineData.Core.Delivery
{
    /// <summary>What a known_hosts file says about a presented key.</summary>
    internal enum KnownHostsVerdict
    {
        Unknown,
        Trusted,
        Mismatch,
        Revoked,
    }
}
