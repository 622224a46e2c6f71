using System;
using System.IO;
using System.IO.Compression;
using ICSharpCode.SharpZipLib.Zip;
using ZipFile = ICSharpCode.SharpZipLib.Zip.ZipFile;

namespace OfflineData.Core.Containers
{
    /// <summary>
    /// Reads a Deflate zip entry with the platform's native zlib (System.IO.Compression) instead of
    /// SharpZipLib's managed inflater, which measured about half as fast; SharpZipLib still reads the
    /// archive directory and checks the local header. <see cref="CrcCheckingStream"/> checks the entry's
    /// CRC-32 and size on top, which also catches data that ends early (zlib stops quietly there).
    /// </summary>
    internal sealed class ZipEntryStream : ForwardReadStream
    {
        private const int LocalHeaderSignature = 0x04034b50;
        private const int LocalHeaderSize = 30;

        private readonly DeflateStream inflater;

        private ZipEntryStream(Stream file, long dataStart, ZipEntry entry)
        {
            inflater = new DeflateStream(new EntryDataStream(file, dataStart, entry.CompressedSize), CompressionMode.Decompress);
        }

        /// <summary>Opens <paramref name="entry"/>: natively inflated when it is plain Deflate, otherwise through SharpZipLib.</summary>
        public static Stream Open(ZipFile zip, Stream file, ZipEntry entry)
        {
            // SharpZipLib checks the local header against the central directory here, exactly as before.
            var fallback = zip.GetInputStream(entry);
            if (entry.CompressionMethod != CompressionMethod.Deflated || entry.IsCrypted || entry.AESKeySize != 0)
            {
                return fallback;
            }

            // SharpZipLib leaves the file just after the local header it checked: the data must start there.
            long afterHeader = file.Position;
            long dataStart = LocateData(file, entry.Offset);
            if (dataStart != afterHeader) return fallback; // e.g. data before the archive (self-extracting): let SharpZipLib read it
            fallback.Dispose();
            return new ZipEntryStream(file, dataStart, entry);
        }

        public override int Read(byte[] buffer, int offset, int count) => inflater.Read(buffer, offset, count);

        protected override void Dispose(bool disposing)
        {
            if (disposing) inflater.Dispose();
            base.Dispose(disposing);
        }

        /// <summary>The file offset of the entry's compressed data, or -1 when no local header is at <paramref name="headerOffset"/>.</summary>
        private static long LocateData(Stream file, long headerOffset)
        {
            var header = new byte[LocalHeaderSize];
            file.Position = headerOffset;
            int read = 0;
            while (read < header.Length)
            {
                int n = file.Read(header, read, header.Length - read);
                if (n == 0) return -1;
                read += n;
            }

            if (BitConverter.ToInt32(header, 0) != LocalHeaderSignature) return -1;
            int nameLength = header[26] | (header[27] << 8);
            int extraLength = header[28] | (header[29] << 8);
            return headerOffset + LocalHeaderSize + nameLength + extraLength;
        }

        /// <summary>The compressed bytes of one entry, read in order from the shared file.</summary>
        private sealed class EntryDataStream : ForwardReadStream
        {
            private readonly Stream file;
            private long position;
            private long remaining;

            public EntryDataStream(Stream file, long start, long length)
            {
                this.file = file;
                position = start;
                remaining = length;
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                if (remaining <= 0) return 0;
                if (file.Position != position) file.Position = position;
                int read = file.Read(buffer, offset, (int)Math.Min(count, remaining));
                position += read;
                remaining -= read;
                return read;
            }
        }
    }
}
