using System;
using System.Collections.Generic;
using System.IO;
using OfflineData.Core.Containers;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;

namespace OfflineData.Core.Conversion
{
    /// <summary>
    /// Opens a source export, plain, zip or gzip (recognised by content), and hands out its text streams
    /// one at a time. <see cref="BytesRead"/> follows the underlying file for progress.
    /// The container layer is <see cref="InputContainer"/>, the one Test, Read and Import use: zip entries are
    /// checked against their CRC-32 and size, gzip members against theirs, bytes after the gzip data are refused,
    /// and whatever a decompressor throws becomes a located <see cref="ConversionException"/> for this file.
    /// </summary>
    public sealed class SourceFile : IDisposable
    {
        private readonly InputContainer container;

        private SourceFile(string path, InputContainer container)
        {
            Path = path;
            this.container = container;
            Container = container.Format == ContainerFormat.Zip ? SourceContainer.Zip
                : container.Format == ContainerFormat.Gzip ? SourceContainer.Gzip
                : SourceContainer.Plain;
        }

        /// <summary>The source path.</summary>
        public string Path { get; }

        /// <summary>Plain, zip or gzip.</summary>
        public SourceContainer Container { get; }

        /// <summary>Bytes of the file consumed so far.</summary>
        public long BytesRead => container.BytesRead;

        /// <summary>The file's length in bytes.</summary>
        public long TotalBytes => container.TotalBytes;

        /// <summary>Opens <paramref name="path"/> for reading, sharing it with readers but not writers.</summary>
        /// <exception cref="ConversionException">The file cannot be opened.</exception>
        public static SourceFile Open(string path)
        {
            try
            {
                return new SourceFile(path, InputContainer.Open(path));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                throw Unreadable(path, e);
            }
        }

        /// <summary>
        /// The failure for a source that cannot be opened or read; <paramref name="e"/> is kept as the cause, so the
        /// cmdlet reports an I/O or access error as FileReadFailed, like every cmdlet that reads files.
        /// </summary>
        internal static ConversionException Unreadable(string path, Exception e)
        {
            return new ConversionException(ConversionFailure.SourceUnreadable, $"Cannot read '{path}': {e.Message}", path, inner: e);
        }

        /// <summary>
        /// The text streams of the source in order: the file, its gzip content, or each zip file entry
        /// (directories skipped). Each stream is valid until the next one is requested. Reading a stream throws
        /// <see cref="ConversionException"/> (CorruptArchive, CorruptCompressedStream, TrailingData) when the
        /// compressed data is damaged, with the entry but no line: the caller knows how far it got.
        /// </summary>
        /// <exception cref="ConversionException">A corrupt, encrypted or empty archive, or an entry that cannot be read.</exception>
        public IEnumerable<SourceEntry> Entries()
        {
            // A conversion is all or nothing: the first problem the container reports fails the file.
            Finding? problem = null;
            foreach (var entry in container.GetEntries(f => problem = problem ?? f))
            {
                if (problem != null) break;
                Stream stream;
                try
                {
                    stream = entry.Open();
                }
                catch (CorruptInputException e)
                {
                    throw Failure(e, entry.Name);
                }

                using (stream)
                {
                    yield return new SourceEntry(entry.Name, new GuardedStream(stream, this, entry.Name));
                }
            }

            if (problem != null)
            {
                throw new ConversionException(Failure(problem.CodeValue), $"{Where(problem.Entry)}: {problem.Message}", Path, problem.Entry);
            }
        }

        /// <inheritdoc />
        public void Dispose() => container.Dispose();

        private static ConversionFailure Failure(FindingCode code)
        {
            switch (code)
            {
                case FindingCode.EncryptedEntry: return ConversionFailure.EncryptedEntry;
                case FindingCode.EmptyArchive: return ConversionFailure.EmptyArchive;
                case FindingCode.CorruptCompressedStream: return ConversionFailure.CorruptCompressedStream;
                case FindingCode.TrailingData: return ConversionFailure.TrailingData;
                default: return ConversionFailure.CorruptArchive; // a damaged archive or entry, or a compression method it cannot read
            }
        }

        private ConversionException Failure(CorruptInputException e, string? entry)
        {
            string what = e.Code == FindingCode.TrailingData
                ? $"{Where(entry)} has bytes after its compressed data"
                : $"The compressed data of {Where(entry)} is corrupt or truncated";
            return new ConversionException(Failure(e.Code), $"{what}: {e.Message}", Path, entry, inner: e);
        }

        private string Where(string? entry) => entry == null ? $"'{Path}'" : $"zip entry '{DisplayText.Escape(entry)}' in '{Path}'";

        /// <summary>Turns the container's damage exception into a located <see cref="ConversionException"/>.</summary>
        private sealed class GuardedStream : ForwardReadStream
        {
            private readonly Stream inner;
            private readonly SourceFile file;
            private readonly string? entry;

            public GuardedStream(Stream inner, SourceFile file, string? entry)
            {
                this.inner = inner;
                this.file = file;
                this.entry = entry;
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                try
                {
                    return inner.Read(buffer, offset, count);
                }
                catch (CorruptInputException e)
                {
                    throw file.Failure(e, entry);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    // The disk, not the data: without this a read error would look like a write failure of the destination.
                    throw Unreadable(file.Path, e);
                }
            }
        }
    }
}
