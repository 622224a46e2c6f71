using System;

namespace OfflineData.Core.Delivery
{
    /// <summary>A file in a remote folder, as listed.</summary>
    public sealed class RemoteFile
    {
        /// <summary>Creates a listing entry.</summary>
        public RemoteFile(string name, long size, DateTimeOffset? lastWriteTime)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Size = size;
            LastWriteTime = lastWriteTime;
        }

        /// <summary>The file name (no folder).</summary>
        public string Name { get; }

        /// <summary>The size in bytes.</summary>
        public long Size { get; }

        /// <summary>When the file was last written (UTC), when the protocol tells.</summary>
        public DateTimeOffset? LastWriteTime { get; }

        /// <inheritdoc />
        public override string ToString() => Name;
    }
}
