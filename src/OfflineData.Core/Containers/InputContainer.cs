using System;
using System.Collections.Generic;
using System.IO;
using ICSharpCode.SharpZipLib.Zip;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;

namespace OfflineData.Core.Containers
{
    /// <summary>
    /// Opens an input file as plain text, gzip or zip, recognised by its first bytes, and hands out its
    /// readable entries. Zip problems (corrupt, encrypted, empty) are reported as findings, not exceptions; an
    /// entry's stream throws only <see cref="CorruptInputException"/> for damaged data (whatever the decompressor
    /// threw) and the file's own I/O exceptions.
    /// </summary>
    internal sealed class InputContainer : IDisposable
    {
        private readonly CountingStream file;
        private ZipFile? zip;

        private InputContainer(Stream stream, string path)
        {
            file = new CountingStream(stream);
            Path = path;
            TotalBytes = stream.CanSeek ? stream.Length : -1;
            Format = Detect(stream);
        }

        /// <summary>The path the input was opened from (as given).</summary>
        public string Path { get; }

        /// <summary>Plain, zip or gzip.</summary>
        public ContainerFormat Format { get; }

        /// <summary>The file's length in bytes, or -1 when the stream cannot tell.</summary>
        public long TotalBytes { get; }

        /// <summary>Bytes of the file read so far (compressed bytes for zip and gzip): the measure for progress.</summary>
        public long BytesRead => file.BytesRead;

        /// <summary>Opens a file for sequential reading, shared for reading with other readers.</summary>
        public static InputContainer Open(string path)
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan);
            try
            {
                return new InputContainer(stream, path);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        /// <summary>Wraps a seekable stream; <paramref name="displayPath"/> names it in findings. The container owns the stream.</summary>
        public static InputContainer Open(Stream stream, string displayPath)
        {
            if (stream == null) throw new ArgumentNullException(nameof(stream));
            if (!stream.CanSeek) throw new ArgumentException("The stream must be seekable so its format can be recognised.", nameof(stream));
            return new InputContainer(stream, displayPath);
        }

        /// <summary>
        /// The readable entries: the file itself, its gzip content, or every file entry of a zip in archive order
        /// (directories skipped). Unreadable entries are reported through <paramref name="report"/> and skipped.
        /// </summary>
        public IEnumerable<InputEntry> GetEntries(Action<Finding> report)
        {
            switch (Format)
            {
                case ContainerFormat.Plain:
                    yield return new InputEntry(null, TotalBytes >= 0 ? TotalBytes : (long?)null, () => new NonClosingStream(file));
                    yield break;
                case ContainerFormat.Gzip:
                    yield return new InputEntry(null, null, () => new ReadAheadStream(
                        new DecompressionGuardStream(new GzipReadStream(new NonClosingStream(file)), FindingCode.CorruptCompressedStream, file)));
                    yield break;
            }

            try
            {
                zip = new ZipFile(file, leaveOpen: true);
            }
            catch (Exception e) when (DecompressionGuardStream.IsDamage(e, file))
            {
                // Whatever SharpZipLib throws on a damaged directory (not only its own exceptions) is a finding.
                var why = DecompressionGuardStream.Wrap(e, FindingCode.CorruptArchive).Message;
                report(new Finding(FindingCode.CorruptArchive, FindingSeverity.Error,
                    $"The file starts like a zip archive but cannot be read as one: {why}", Path));
                yield break;
            }

            int files = 0;
            foreach (ZipEntry entry in zip)
            {
                if (!entry.IsFile) continue;
                files++;
                if (entry.IsCrypted)
                {
                    report(new Finding(FindingCode.EncryptedEntry, FindingSeverity.Error,
                        "The zip entry is encrypted; export it without a password.", Path, entry.Name));
                    continue;
                }

                if (!entry.CanDecompress)
                {
                    report(new Finding(FindingCode.UnsupportedCompression, FindingSeverity.Error,
                        $"The zip entry uses compression method {entry.CompressionMethod}; use Deflate or Stored.", Path, entry.Name));
                    continue;
                }

                var current = entry;
                var archive = zip;
                yield return new InputEntry(
                    entry.Name,
                    entry.Size >= 0 ? entry.Size : (long?)null,
                    () => new ReadAheadStream(OpenChecked(archive, current)));
            }

            if (files == 0)
            {
                report(new Finding(FindingCode.EmptyArchive, FindingSeverity.Error, "The zip archive holds no file.", Path));
            }
        }

        /// <summary>The entry's bytes (Deflate inflated natively), its CRC-32 and size checked at its end.</summary>
        private Stream OpenChecked(ZipFile archive, ZipEntry entry)
        {
            Stream stream;
            try
            {
                stream = ZipEntryStream.Open(archive, file, entry);
            }
            catch (Exception e) when (DecompressionGuardStream.IsDamage(e, file))
            {
                throw DecompressionGuardStream.Wrap(e, FindingCode.CorruptArchive);
            }

            if (entry.HasCrc) stream = new CrcCheckingStream(stream, entry);
            return new DecompressionGuardStream(stream, FindingCode.CorruptArchive, file);
        }

        /// <summary>Closes the file.</summary>
        public void Dispose()
        {
            if (zip != null) ((IDisposable)zip).Dispose();
            file.Dispose();
        }

        private static ContainerFormat Detect(Stream stream)
        {
            var head = new byte[4];
            int read = 0;
            while (read < head.Length)
            {
                int n = stream.Read(head, read, head.Length - read);
                if (n == 0) break;
                read += n;
            }

            stream.Position = 0;
            if (read >= 4 && head[0] == (byte)'P' && head[1] == (byte)'K' &&
                ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6) || (head[2] == 7 && head[3] == 8)))
            {
                return ContainerFormat.Zip;
            }

            if (read >= 2 && head[0] == 0x1F && head[1] == 0x8B) return ContainerFormat.Gzip;
            return ContainerFormat.Plain;
        }
    }
}
