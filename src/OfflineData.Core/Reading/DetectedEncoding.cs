namespace OfflineData.Core.Reading
{
    /// <summary>What the first bytes of an input say about its encoding.</summary>
    internal enum DetectedEncoding
    {
        Utf8,
        Utf8WithBom,
        Utf16,
        Utf32,
    }
}
