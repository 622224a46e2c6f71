namespace OfflineData.Core.Conversion
{
    /// <summary>How a source file is packaged, recognised by its first bytes (never by its extension).</summary>
    public enum SourceContainer
    {
        /// <summary>Plain text.</summary>
        Plain,
        /// <summary>A zip archive; every file entry is a source.</summary>
        Zip,
        /// <summary>A gzip stream.</summary>
        Gzip,
    }
}
