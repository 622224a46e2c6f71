using System;
using System.Globalization;
using System.IO;
using System.Text;
using OfflineData.Core.Conversion;

namespace OfflineData.Core.Writing.AdobeDataSources
{
    /// <summary>
    /// The reject file of an Adobe Data Sources run: a comma-separated UTF-8 file (Import-Csv reads it) with one line
    /// per rejected row — Path, Entry, Line, Code, Message, Row (the row in the offline data format, when it could be
    /// read) — written as rows are rejected, so a killed run still leaves the rejects found so far.
    /// </summary>
    internal sealed class AdobeRejectFile : IDisposable
    {
        private readonly StreamWriter writer;

        private AdobeRejectFile(string path, StreamWriter writer)
        {
            Path = path;
            this.writer = writer;
        }

        /// <summary>The full path.</summary>
        public string Path { get; }

        /// <summary>Creates the file and writes its header.</summary>
        /// <exception cref="ConversionException">The file exists (and may not be replaced) or cannot be created.</exception>
        public static AdobeRejectFile Create(string path, bool overwrite)
        {
            var full = System.IO.Path.GetFullPath(path);
            AtomicFileWriter.ThrowIfExists(full, overwrite);
            AtomicFileWriter.ThrowIfFolderMissing(full);
            try
            {
                var stream = new FileStream(full, overwrite ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, FileShare.Read);
                var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n" };
                writer.WriteLine("Path,Entry,Line,Code,Message,Row");
                return new AdobeRejectFile(full, writer);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new ConversionException(ConversionFailure.WriteFailed, $"Cannot create the reject file '{full}': {e.Message}", full, inner: e);
            }
        }

        /// <summary>Writes one rejected row.</summary>
        public void Write(AdobeRejectedRow reject)
        {
            writer.Write(Csv(reject.Path));
            writer.Write(',');
            writer.Write(Csv(reject.Entry));
            writer.Write(',');
            writer.Write(reject.Line.ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(Csv(reject.Code));
            writer.Write(',');
            writer.Write(Csv(reject.Message));
            writer.Write(',');
            writer.Write(Csv(reject.Row));
            writer.WriteLine();
        }

        /// <inheritdoc />
        public void Dispose() => writer.Dispose();

        private static string Csv(string? value)
        {
            if (string.IsNullOrEmpty(value)) return string.Empty;
            if (value!.IndexOfAny(new[] { ',', '"', '\r', '\n' }) < 0) return value;
            return "\"" + value.Replace("\"", "\"\"") + "\"";
        }
    }
}
