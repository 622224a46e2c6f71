namespace OfflineData.Core.Containers
{
    /// <summary>How an input file is packaged, recognised by its content, not its extension.</summary>
    public enum ContainerFormat
    {
        /// <summary>A plain text file.</summary>
        Plain = 0,
        /// <summary>A zip archive; each file entry is read in turn.</summary>
        Zip = 1,
        /// <summary>A gzip-compressed text file.</summary>
        Gzip = 2,
    }
}
