using System;
using System.Collections.Generic;
using System.IO;

namespace OfflineData.Core.Delivery
{
    /// <summary>
    /// A connected remote folder: the few operations a safe handover needs, whatever the protocol. Names are plain file
    /// names inside the folder (no path). Failures are <see cref="DeliveryException"/>s.
    /// </summary>
    public interface IRemoteFolder : IDisposable
    {
        /// <summary>The destination this folder belongs to (for messages; holds no secret).</summary>
        DeliveryDestination Destination { get; }

        /// <summary>Whether a file of that name exists.</summary>
        bool Exists(string name);

        /// <summary>The size of the file in bytes, or null when it does not exist.</summary>
        long? Size(string name);

        /// <summary>The regular files in the folder (not sub-folders), ordered by name (ordinal).</summary>
        IReadOnlyList<RemoteFile> List();

        /// <summary>Writes the stream to the file, replacing a file of that name (callers upload under a temporary name).</summary>
        /// <param name="content">The bytes to send, read from the current position to the end.</param>
        /// <param name="name">The remote file name.</param>
        /// <param name="progress">Called with the bytes written so far, or null.</param>
        void Upload(Stream content, string name, Action<long>? progress);

        /// <summary>Renames a file; with <paramref name="overwrite"/> false an existing target is an error of kind <see cref="DeliveryFailureKind.RemoteExists"/>.</summary>
        void Rename(string from, string to, bool overwrite);

        /// <summary>Deletes the file if it exists.</summary>
        void Delete(string name);
    }
}
