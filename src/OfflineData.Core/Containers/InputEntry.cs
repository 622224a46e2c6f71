using System;
using System.IO;

namespace OfflineData.Core.Containers
{
    /// <summary>One readable text stream of an input file: the file itself, its gzip content, or one zip entry.</summary>
    internal sealed class InputEntry
    {
        private readonly Func<Stream> open;

        internal InputEntry(string? name, long? length, Func<Stream> open)
        {
            Name = name;
            Length = length;
            this.open = open;
        }

        /// <summary>The zip entry name, or null for a plain or gzip file.</summary>
        public string? Name { get; }

        /// <summary>The uncompressed length when known.</summary>
        public long? Length { get; }

        /// <summary>Opens the entry's (decompressed) bytes for reading.</summary>
        public Stream Open() => open();
    }
}
