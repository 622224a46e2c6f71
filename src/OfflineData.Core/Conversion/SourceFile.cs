using System;
using System.Collections.Generic;
using System.IO;
using OfflineData.Core.Reading;
using ICSharpCode.SharpZipLib.GZip;
using ICSharpCode.SharpZipLib.Zip;

namespace OfflineData.Core.Conversion
{
    /// <summary>
    /// Opens a source export, plain, zip or gzip (recognised by content), and hands out its text streams
    /// one at a time. <see cref="BytesRead"/> follows the underlying file for progress.
    /// </summary>
    public sealed class SourceFile : IDisposable
    {
        private readonly SourceReadStream file;
        private ZipFile? zip;

        private SourceFile(string path, SourceReadStream file, SourceContainer container)
        {
            Path = path;
            this.file = file;
            Container = container;
        }

        /// <summary>The source path.</summary>
        public string Path { get; }

        /// <summary>Plain, zip or gzip.</summary>
        public SourceContainer Container { get; }

        /// <summary>Bytes of the file consumed so far.</summary>
        public long BytesRead
        {
            get
            {
                try { return file.CanSeek ? file.Position : 0; }
                catch (ObjectDisposedException) { return TotalBytes; }
            }
        }

        /// <summary>The file's length in bytes.</summary>
        public long TotalBytes { get; private set; }

        /// <summary>Opens <paramref name="path"/> for reading, sharing it with readers but not writers.</summary>
        /// <exception cref="ConversionException">The file cannot be opened.</exception>
        public static SourceFile Open(string path)
        {
            FileStream stream;
            try
            {
                stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                throw SourceReadStream.Unreadable(path, e);
            }

            var source = new SourceReadStream(stream);

            var magic = new byte[4];
            int n = 0;
            int r;
            try
            {
                while (n < 4 && (r = source.Read(magic, n, 4 - n)) > 0) n += r;
                stream.Position = 0;
            }
            catch
            {
                source.Dispose();
                throw;
            }


            var container = SourceContainer.Plain;
            if (n >= 4 && magic[0] == 0x50 && magic[1] == 0x4B && ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6)))
            {
                container = SourceContainer.Zip;
            }
            else if (n >= 2 && magic[0] == 0x1F && magic[1] == 0x8B)
            {
                container = SourceContainer.Gzip;
            }

            return new SourceFile(path, source, container) { TotalBytes = stream.Length };
        }

        /// <summary>
        /// The text streams of the source in order: the file, its gzip content, or each zip file entry
        /// (directories skipped). Each stream is valid until the next one is requested.
        /// </summary>
        /// <exception cref="ConversionException">A corrupt, encrypted or empty archive.</exception>
        public IEnumerable<SourceEntry> Entries()
        {
            switch (Container)
            {
                case SourceContainer.Plain:
                    yield return new SourceEntry(null, file);
                    yield break;
                case SourceContainer.Gzip:
                    using (var gz = new GZipInputStream(file) { IsStreamOwner = false })
                    {
                        yield return new SourceEntry(null, new GuardedStream(gz, Path, null, ConversionFailure.CorruptCompressedStream));
                    }

                    yield break;
            }

            try
            {
                zip = new ZipFile(file, leaveOpen: true);
            }
            catch (Exception e) when (e is ZipException || e is IOException || e is ArgumentException)
            {
                throw new ConversionException(ConversionFailure.CorruptArchive, $"'{Path}' looks like a zip archive but cannot be read: {e.Message}", Path, inner: e);
            }

            int files = 0;
            for (int i = 0; i < zip.Count; i++)
            {
                var entry = zip[i];
                if (!entry.IsFile) continue;
                files++;
                if (entry.IsCrypted)
                {
                    throw new ConversionException(ConversionFailure.EncryptedEntry, $"Zip entry '{DisplayText.Escape(entry.Name)}' in '{Path}' is encrypted; export it without a password.", Path, entry.Name);
                }

                Stream entryStream;
                try
                {
                    entryStream = zip.GetInputStream(entry);
                }
                catch (Exception e) when (e is ZipException || e is IOException || e is NotSupportedException)
                {
                    throw new ConversionException(ConversionFailure.CorruptArchive, $"Zip entry '{DisplayText.Escape(entry.Name)}' in '{Path}' cannot be read: {e.Message}", Path, entry.Name, inner: e);
                }

                using (entryStream)
                {
                    yield return new SourceEntry(entry.Name, new GuardedStream(entryStream, Path, entry.Name, ConversionFailure.CorruptArchive));
                }
            }

            if (files == 0)
            {
                throw new ConversionException(ConversionFailure.EmptyArchive, $"Zip archive '{Path}' holds no file.", Path);
            }
        }

        /// <inheritdoc />
        public void Dispose()
        {
            ((IDisposable?)zip)?.Dispose();
            file.Dispose();
        }

        /// <summary>Turns decompression exceptions into a located <see cref="ConversionException"/>.</summary>
        private sealed class GuardedStream : ForwardReadStream
        {
            private readonly Stream inner;
            private readonly string path;
            private readonly string? entry;
            private readonly ConversionFailure failure;

            public GuardedStream(Stream inner, string path, string? entry, ConversionFailure failure)
            {
                this.inner = inner;
                this.path = path;
                this.entry = entry;
                this.failure = failure;
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                try
                {
                    return inner.Read(buffer, offset, count);
                }
                catch (Exception e) when (e is ICSharpCode.SharpZipLib.SharpZipBaseException || e is EndOfStreamException || (e is IOException && !(e is FileNotFoundException)))
                {
                    var where = entry == null ? $"'{path}'" : $"zip entry '{DisplayText.Escape(entry)}' in '{path}'";
                    throw new ConversionException(failure, $"The compressed data of {where} is corrupt or truncated: {e.Message}", path, entry, inner: e);
                }
            }
        }
    }
}
