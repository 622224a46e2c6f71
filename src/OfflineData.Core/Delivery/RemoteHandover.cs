using System;
using System.IO;

namespace OfflineData.Core.Delivery
{
    /// <summary>
    /// The safe handover of one file to a remote folder: upload under a temporary name, check the remote size, rename to
    /// the final name. A poller of the folder never sees a partial file under the final name, and an existing final file
    /// is kept unless overwriting is asked for. A temporary file left by a killed run is replaced by the next run.
    /// </summary>
    public static class RemoteHandover
    {
        /// <summary>The default temporary suffix.</summary>
        public const string DefaultTemporarySuffix = ".part";

        /// <summary>Sends <paramref name="content"/> as <paramref name="name"/>; returns the bytes sent.</summary>
        /// <exception cref="DeliveryException">Kind <see cref="DeliveryFailureKind.RemoteExists"/> when the final name exists and <paramref name="overwrite"/> is false; <see cref="DeliveryFailureKind.IO"/> when the remote size differs.</exception>
        public static long Send(IRemoteFolder folder, Stream content, string name, bool overwrite, string temporarySuffix = DefaultTemporarySuffix, Action<long>? progress = null)
        {
            if (folder == null) throw new ArgumentNullException(nameof(folder));
            if (content == null) throw new ArgumentNullException(nameof(content));
            if (string.IsNullOrEmpty(name) || name.IndexOf('/') >= 0) throw new ArgumentException("The remote name must be a plain file name.", nameof(name));
            if (string.IsNullOrEmpty(temporarySuffix)) throw new ArgumentException("The temporary suffix must not be empty: the final name would see a partial file.", nameof(temporarySuffix));

            // Checked before sending so that a refused file costs no transfer; the rename checks again (atomically).
            if (!overwrite && folder.Exists(name)) throw Exists(folder, name);

            var temporary = name + temporarySuffix;
            var start = content.CanSeek ? content.Position : 0;
            folder.Upload(content, temporary, progress);
            var expected = content.CanSeek ? content.Length - start : (long?)null;
            var actual = folder.Size(temporary);
            if (actual == null || (expected != null && actual != expected))
            {
                throw new DeliveryException(
                    $"{folder.Destination.DisplayName}: the uploaded file '{temporary}' has {(actual == null ? "disappeared" : actual + " bytes")}, expected {expected} bytes; the final name '{name}' was not written.",
                    DeliveryFailureKind.IO);
            }

            folder.Rename(temporary, name, overwrite);
            return actual.Value;
        }

        private static DeliveryException Exists(IRemoteFolder folder, string name) =>
            new DeliveryException($"{folder.Destination.DisplayName}: the remote file '{name}' already exists; it was not overwritten.", DeliveryFailureKind.RemoteExists);
    }
}
