using System.IO;

namespace OfflineData.Core.Conversion
{
    /// <summary>One text stream of a source: the file itself, its gzip content, or one zip entry.</summary>
    public sealed class SourceEntry
    {
        internal SourceEntry(string? name, Stream stream)
        {
            Name = name;
            Stream = stream;
        }

        /// <summary>The zip entry name, or null for a plain or gzip file.</summary>
        public string? Name { get; }

        /// <summary>The decompressed bytes; owned by the <see cref="SourceFile"/>.</summary>
        public Stream Stream { get; }
    }
}
