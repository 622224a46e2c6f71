using System;
using System.IO;
using System.Text.RegularExpressions;
using OfflineData.Core.Conversion;

namespace OfflineData.Core.Writing
{
    /// <summary>
    /// Writes a file so that its destination only ever holds a complete file: the bytes go to a hidden temporary
    /// file in the destination folder (same volume, so the final rename is atomic) and are moved into place by
    /// <see cref="Commit"/>. Disposing without committing — an exception, Ctrl+C — deletes the temporary file
    /// and leaves the destination as it was.
    /// </summary>
    internal sealed class AtomicFileWriter : IDisposable
    {
        /// <summary>
        /// How long a temporary file of this writer must have been left unchanged before the next writer into the
        /// same folder removes it (one left by a process that was killed: kill -9, a power cut).
        /// </summary>
        public static readonly TimeSpan StaleTemporaryFileAge = TimeSpan.FromMinutes(15);

        // Exactly the names Create makes: "." + file name + "." + 12 hex digits + ".tmp".
        private static readonly Regex TemporaryFileName = new Regex(@"^\..+\.[0-9a-f]{12}\.tmp$", RegexOptions.CultureInvariant);

        private const int MaxStaleFilesRemoved = 100;

        private readonly bool overwrite;
        private FileStream? stream;
        private bool committed;

        private AtomicFileWriter(string destination, string tempPath, FileStream stream, bool overwrite)
        {
            Destination = destination;
            TempPath = tempPath;
            this.stream = stream;
            this.overwrite = overwrite;
        }

        /// <summary>The final path.</summary>
        public string Destination { get; }

        /// <summary>The temporary file being written.</summary>
        public string TempPath { get; }

        /// <summary>The stream to write to.</summary>
        public Stream Stream => stream ?? throw new ObjectDisposedException(nameof(AtomicFileWriter));

        /// <summary>Starts writing <paramref name="destination"/>.</summary>
        /// <exception cref="ConversionException">The destination exists and <paramref name="overwrite"/> is false, or the folder is not writable.</exception>
        public static AtomicFileWriter Create(string destination, bool overwrite)
        {
            var full = System.IO.Path.GetFullPath(destination);
            ThrowIfExists(full, overwrite);

            var folder = System.IO.Path.GetDirectoryName(full) ?? ".";
            ThrowIfFolderMissing(full);
            RemoveStaleTemporaryFiles(folder, DateTime.UtcNow - StaleTemporaryFileAge);
            var temp = System.IO.Path.Combine(folder, "." + System.IO.Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp");
            try
            {
                var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                return new AtomicFileWriter(full, temp, fs, overwrite);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException)
            {
                throw new ConversionException(ConversionFailure.WriteFailed, $"Cannot create a file in '{folder}': {e.Message}", full, inner: e);
            }
        }

        /// <summary>
        /// Throws <see cref="ConversionFailure.WriteFailed"/> naming the folder when the folder of <paramref name="path"/>
        /// does not exist: otherwise the error is the runtime's "Could not find a part of the path" about the hidden
        /// temporary file, a name the user never gave.
        /// </summary>
        public static void ThrowIfFolderMissing(string path)
        {
            var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (string.IsNullOrEmpty(folder) || Directory.Exists(folder)) return;
            throw new ConversionException(ConversionFailure.WriteFailed, $"Cannot write '{path}': the folder '{folder}' does not exist. Create it first (New-Item -ItemType Directory -Path '{folder}'); nothing was written.", path);
        }

        /// <summary>Throws <see cref="ConversionFailure.DestinationExists"/> when <paramref name="path"/> exists and may not be replaced.</summary>
        public static void ThrowIfExists(string path, bool overwrite)
        {
            if (Directory.Exists(path))
            {
                // -Force never replaces a directory; say so rather than "exists".
                throw new ConversionException(ConversionFailure.DestinationIsDirectory, $"'{path}' is a directory; give the path of a file to write.", path);
            }

            if (!overwrite && File.Exists(path))
            {
                throw new ConversionException(ConversionFailure.DestinationExists, $"'{path}' already exists; use -Force to replace it.", path);
            }
        }

        /// <summary>Flushes to disk and moves the file into place.</summary>
        /// <exception cref="ConversionException">The move failed; the temporary file is removed and the destination untouched.</exception>
        public void Commit()
        {
            if (committed) return;
            var fs = Stream as FileStream;
            try
            {
                fs!.Flush(flushToDisk: true);
                fs.Dispose();
                stream = null;
                if (File.Exists(Destination))
                {
                    if (!overwrite)
                    {
                        throw new ConversionException(ConversionFailure.DestinationExists, $"'{Destination}' was created by someone else while converting; use -Force to replace it.", Destination);
                    }

                    File.Replace(TempPath, Destination, destinationBackupFileName: null, ignoreMetadataErrors: true);
                }
                else
                {
                    File.Move(TempPath, Destination);
                }

                committed = true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new ConversionException(ConversionFailure.WriteFailed, $"Cannot move the finished file into '{Destination}': {e.Message}", Destination, inner: e);
            }
            finally
            {
                if (!committed) DeleteTemp();
            }
        }

        /// <inheritdoc />
        public void Dispose()
        {
            if (committed) return;
            DeleteTemp();
        }

        /// <summary>
        /// Removes temporary files of this writer's exact name pattern in <paramref name="folder"/> that were last
        /// written before <paramref name="olderThanUtc"/> and that no process holds open. A live writer holds its
        /// temporary file exclusively (FileShare.None, a lock on every platform), so only a killed run's file can be
        /// opened here; it is opened exclusively and deleted on close, so nothing can take it in between. Best effort:
        /// any failure leaves the file where it is.
        /// </summary>
        internal static int RemoveStaleTemporaryFiles(string folder, DateTime olderThanUtc)
        {
            int removed = 0;
            try
            {
                foreach (var file in Directory.EnumerateFiles(folder, ".*.tmp"))
                {
                    if (removed >= MaxStaleFilesRemoved) break;
                    if (!TemporaryFileName.IsMatch(System.IO.Path.GetFileName(file))) continue;
                    try
                    {
                        if (File.GetLastWriteTimeUtc(file) >= olderThanUtc) continue;
                        using (new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose))
                        {
                        }

                        removed++;
                    }
                    catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                    {
                        // Held open by a running writer, or not ours to delete: leave it.
                    }
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException)
            {
                // The folder cannot be listed; creating the new file will report what is wrong.
            }

            return removed;
        }

        private void DeleteTemp()
        {
            try
            {
                stream?.Dispose();
                stream = null;
                if (File.Exists(TempPath)) File.Delete(TempPath);
            }
            catch (IOException)
            {
                // Best effort: a leftover hidden .tmp file is harmless, a half-written destination is not.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
