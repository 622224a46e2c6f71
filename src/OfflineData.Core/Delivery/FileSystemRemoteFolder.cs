using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace OfflineData.Core.Delivery
{
    /// <summary>
    /// A local or UNC folder as a delivery destination (a drop folder, a mounted share, <c>\\server\share\in</c>), with
    /// the same handover as a server: the temporary file is flushed to the disk before its size is checked, a rename
    /// without overwrite never replaces a file (<see cref="File.Move(string, string)"/> fails when the target exists), and
    /// a rename with overwrite replaces the target in one step (<see cref="File.Replace(string, string, string)"/>), so a
    /// reader of the folder sees the old file or the new one, never none and never a partial one.
    /// </summary>
    public sealed class FileSystemRemoteFolder : IRemoteFolder
    {
        private const int BufferSize = 1024 * 1024;

        private FileSystemRemoteFolder(DeliveryDestination destination)
        {
            Destination = destination;
        }

        /// <inheritdoc />
        public DeliveryDestination Destination { get; }

        /// <summary>Opens the folder, which must exist (it is not created: a typo would otherwise deliver into a new folder nobody polls).</summary>
        /// <exception cref="DeliveryException">Kind <see cref="DeliveryFailureKind.IO"/> when the folder does not exist or cannot be read.</exception>
        public static FileSystemRemoteFolder Connect(DeliveryDestination destination)
        {
            if (destination == null) throw new ArgumentNullException(nameof(destination));
            if (!destination.IsFolder) throw new ArgumentException($"'{destination.DisplayName}' is not a folder destination.", nameof(destination));
            var folder = new FileSystemRemoteFolder(destination);
            folder.Io(destination.Directory, () =>
            {
                if (!Directory.Exists(destination.Directory))
                {
                    if (File.Exists(destination.Directory)) throw new DeliveryException($"The destination folder '{destination.Directory}' is a file.", DeliveryFailureKind.FolderNotFound);

                    // A share that does not answer may come back (retried); a missing folder on a disk or a reachable share does not.
                    var root = Path.GetPathRoot(destination.Directory);
                    var shareDown = IsUnc(destination.Directory) && !string.IsNullOrEmpty(root) && !Directory.Exists(root);
                    throw new DeliveryException(
                        shareDown ? $"The share '{root}' of the destination folder '{destination.Directory}' is not reachable." : $"The destination folder '{destination.Directory}' does not exist.",
                        shareDown ? DeliveryFailureKind.IO : DeliveryFailureKind.FolderNotFound);
                }

                return true;
            });
            return folder;
        }

        /// <inheritdoc />
        public bool Exists(string name) => Io(name, () => File.Exists(PathOf(name)));

        /// <inheritdoc />
        public long? Size(string name) => Io(name, () =>
        {
            var file = new FileInfo(PathOf(name));
            return file.Exists ? file.Length : (long?)null;
        });

        /// <inheritdoc />
        public IReadOnlyList<RemoteFile> List() => Io(Destination.Directory, () =>
            (IReadOnlyList<RemoteFile>)new DirectoryInfo(Destination.Directory).EnumerateFiles()
                .Select(f => new RemoteFile(f.Name, f.Length, new DateTimeOffset(f.LastWriteTimeUtc, TimeSpan.Zero)))
                .OrderBy(f => f.Name, StringComparer.Ordinal)
                .ToList());

        /// <inheritdoc />
        public void Upload(Stream content, string name, Action<long>? progress) => Io(name, () =>
        {
            if (content == null) throw new ArgumentNullException(nameof(content));
            var path = PathOf(name);
            var written = 0L;
            try
            {
                using (var target = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize))
                {
                    var buffer = new byte[BufferSize];
                    int read;
                    while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        target.Write(buffer, 0, read);
                        written += read;
                        progress?.Invoke(written);
                    }

                    // On the disk before the rename: a crash after the handover must not leave a short final file.
                    target.Flush(true);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new DeliveryException($"Writing '{path}' failed after {written} bytes: {ex.Message}{RemovePartial(path)}", DeliveryFailureKind.IO, ex);
            }

            return true;
        });

        /// <inheritdoc />
        public void Rename(string from, string to, bool overwrite) => Io(to, () =>
        {
            var source = PathOf(from);
            var target = PathOf(to);
            if (!overwrite)
            {
                try
                {
                    // Fails when the target exists (on Unix: link + unlink, so no check-then-act gap).
                    File.Move(source, target);
                }
                catch (IOException) when (File.Exists(target))
                {
                    throw new DeliveryException($"The file '{target}' already exists; it was not overwritten ('{source}' is left in place).", DeliveryFailureKind.RemoteExists);
                }

                return true;
            }

            try
            {
                // One rename over the target (rename(2) on Unix, ReplaceFile on Windows): no moment without a final file.
                File.Replace(source, target, null);
            }
            catch (FileNotFoundException) when (File.Exists(source) && !File.Exists(target))
            {
                File.Move(source, target);
            }

            return true;
        });

        /// <inheritdoc />
        public void Delete(string name) => Io(name, () =>
        {
            File.Delete(PathOf(name));
            return true;
        });

        /// <inheritdoc />
        public void Dispose()
        {
            // nothing is held open between operations
        }

        private string PathOf(string name)
        {
            if (string.IsNullOrEmpty(name) || name.IndexOfAny(new[] { '/', '\\' }) >= 0 || name == "." || name == "..")
            {
                throw new DeliveryException($"'{name}' is not a plain file name in '{Destination.Directory}'.", DeliveryFailureKind.IO);
            }

            return Destination.PathOf(name);
        }

        private static string RemovePartial(string path)
        {
            try
            {
                File.Delete(path);
                return $"; the partial '{path}' was deleted";
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return $"; the partial '{path}' may be left ({ex.Message})";
            }
        }

        private T Io<T>(string path, Func<T> action)
        {
            try
            {
                return action();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is System.Security.SecurityException)
            {
                var where = path == Destination.Directory ? path : Destination.PathOf(path);
                throw new DeliveryException($"'{where}': {ex.Message}", DeliveryFailureKind.IO, ex);
            }
        }

        private static bool IsUnc(string path) =>
            path.StartsWith(@"\\", StringComparison.Ordinal) || path.StartsWith("//", StringComparison.Ordinal);
    }
}
