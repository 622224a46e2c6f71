using System;
using System.IO;
using ICSharpCode.SharpZipLib.Zip;
using OfflineData.Core.Conversion;
using OfflineData.Core.Format;

namespace OfflineData.Core.Writing
{
    /// <summary>
    /// Writes one offline data file, plain or zipped (one entry named after the file), atomically: nothing appears
    /// at the destination until <see cref="Commit"/>; disposing without it leaves the destination untouched.
    /// </summary>
    public sealed class OfflineDataFileWriter : IDisposable
    {
        /// <summary>Pass as the number of header attribute columns to name as many as the widest row carries.</summary>
        public const int AttributesFromRows = -1;

        private readonly AtomicFileWriter? file;
        private readonly ZipOutputStream? zip;
        private readonly OfflineDataWriter writer;
        private readonly Stream? target;
        private readonly FileStream? body;
        private bool committed;

        private OfflineDataFileWriter(AtomicFileWriter? file, ZipOutputStream? zip, OfflineDataWriter writer, Stream? target = null, FileStream? body = null)
        {
            this.file = file;
            this.zip = zip;
            this.writer = writer;
            this.target = target;
            this.body = body;
        }

        /// <summary>Rows written so far.</summary>
        public long RowsWritten => writer.RowsWritten;

        /// <summary>
        /// Starts the file. <paramref name="compress"/> zips it (also implied by a <c>.zip</c> destination; with any
        /// other name it is an <see cref="ConversionFailure.InvalidArgument"/> error);
        /// <paramref name="dryRun"/> writes nowhere (for -WhatIf) but still checks the destination.
        /// </summary>
        /// <param name="destination">Final path.</param>
        /// <param name="overwrite">Replace an existing file (-Force).</param>
        /// <param name="compress">Write a zip archive.</param>
        /// <param name="header">Write a header row.</param>
        /// <param name="transactionAttributes">EventTransaction columns named in the header, or <see cref="AttributesFromRows"/>:
        /// as many as the widest row carries (the rows then wait in a temporary file until <see cref="Commit"/>).</param>
        /// <param name="dryRun">Write nothing.</param>
        public static OfflineDataFileWriter Create(string destination, bool overwrite, bool compress, bool header, int transactionAttributes, bool dryRun)
        {
            if (string.Equals(System.IO.Path.GetExtension(destination), ".gz", StringComparison.OrdinalIgnoreCase))
            {
                // Plain text under a .gz name would fool the next tool in the chain; the format is plain or zip.
                throw new ConversionException(ConversionFailure.InvalidArgument, $"'{destination}': offline data files are written plain or zipped; name it .csv, or .zip to compress it (-Compress needs a .zip name too).", destination);
            }

            if (compress && !IsZipPath(destination))
            {
                // Zip bytes under a .csv (or any other) name would be read as text by the next tool, and the
                // format's reader goes by content: the name has to say what the file is.
                throw new ConversionException(ConversionFailure.InvalidArgument, $"'{destination}': -Compress writes a zip archive; name the destination .zip, or leave -Compress out to write plain text.", destination);
            }

            compress = compress || IsZipPath(destination);
            if (dryRun)
            {
                AtomicFileWriter.ThrowIfExists(System.IO.Path.GetFullPath(destination), overwrite);
                AtomicFileWriter.ThrowIfFolderMissing(destination);
                var nullWriter = new OfflineDataWriter(Stream.Null);
                if (header) nullWriter.WriteHeader(Math.Max(0, transactionAttributes));
                return new OfflineDataFileWriter(null, null, nullWriter);
            }

            var file = AtomicFileWriter.Create(destination, overwrite);
            try
            {
                ZipOutputStream? zip = null;
                Stream target = file.Stream;
                if (compress)
                {
                    zip = new ZipOutputStream(file.Stream) { IsStreamOwner = false };
                    zip.SetLevel(6);
                    zip.PutNextEntry(new ZipEntry(EntryName(destination)) { DateTime = DateTime.Now });
                    target = zip;
                }

                if (header && transactionAttributes == AttributesFromRows)
                {
                    // The header names every attribute column a row carries, so it is written last, before the rows.
                    var body = CreateBody(file.Destination);
                    return new OfflineDataFileWriter(file, zip, new OfflineDataWriter(body), target, body);
                }

                var writer = new OfflineDataWriter(target);
                if (header) writer.WriteHeader(transactionAttributes);
                return new OfflineDataFileWriter(file, zip, writer);
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }

        /// <summary>Whether the path names a zip file by its extension.</summary>
        public static bool IsZipPath(string path) => string.Equals(System.IO.Path.GetExtension(path), ".zip", StringComparison.OrdinalIgnoreCase);

        /// <summary>The entry name used inside a zipped destination: the file name with <c>.csv</c>.</summary>
        public static string EntryName(string destination)
        {
            var name = System.IO.Path.GetFileName(destination);
            return IsZipPath(name) ? System.IO.Path.GetFileNameWithoutExtension(name) + ".csv" : name;
        }

        /// <summary>Writes one record.</summary>
        public void Write(OfflineDataRecord record) => writer.Write(record);

        /// <summary>Finishes the file and moves it into place.</summary>
        public void Commit()
        {
            writer.Dispose();
            if (body != null)
            {
                using (var head = new OfflineDataWriter(target!))
                {
                    head.WriteHeader(writer.TransactionAttributeColumns);
                }

                body.Position = 0;
                body.CopyTo(target!, 1 << 16);
                body.Dispose();
            }
            if (zip != null)
            {
                zip.CloseEntry();
                zip.Finish();
                zip.Dispose();
            }

            file?.Commit();
            committed = true;
        }

        /// <inheritdoc />
        public void Dispose()
        {
            if (committed) return;
            try
            {
                zip?.Dispose();
            }
            catch (Exception e) when (e is IOException || e is ObjectDisposedException || e is ZipException)
            {
            }

            body?.Dispose();
            file?.Dispose();
        }

        // Beside the destination and named as its own temporary file is (.<name>.<hex>.tmp), so a leftover from a
        // killed run is recognisably ours; deleted when closed.
        private static FileStream CreateBody(string destination)
        {
            var folder = System.IO.Path.GetDirectoryName(destination) ?? ".";
            var name = "." + System.IO.Path.GetFileName(destination) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".tmp";
            try
            {
                return new FileStream(System.IO.Path.Combine(folder, name), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new ConversionException(ConversionFailure.WriteFailed, $"Cannot create a file in '{folder}': {e.Message}", destination, inner: e);
            }
        }
    }
}
