using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using ICSharpCode.SharpZipLib.Zip;
using OfflineData.Core.Format;

namespace OfflineData.Core.Consent
{
    /// <summary>
    /// Leaves the rows of suppressed customers out of a file that is about to leave the machine (Send-OfflineDataFile).
    /// Recognises offline data files (plain; the customer is the second column), Adobe Data Sources files with a
    /// VisitorID or customerID column, and zip archives of them. Streams: memory holds one record, never the file.
    /// A kept record is copied byte for byte (header, comments, quoting, line ends and a BOM stay as they were); a zip's
    /// entries keep their names, times and compression method.
    /// </summary>
    public static class ConsentFileFilter
    {
        private const int BufferSize = 81920;
        private static readonly Encoding Utf8 = new UTF8Encoding(false, false);

        /// <summary>Reads <paramref name="path"/> and counts its rows and the suppressed ones; writes nothing.</summary>
        /// <exception cref="IOException">The file cannot be read.</exception>
        public static ConsentFileScan Scan(string path, ConsentSuppression suppression, CancellationToken cancel = default) =>
            Run(path, suppression, null, cancel);

        /// <summary>
        /// Writes to <paramref name="outputPath"/> (created; must not exist) a copy of <paramref name="path"/> without the
        /// suppressed customers' rows, in the same format. When the format is <see cref="ConsentFileFormat.Unknown"/>
        /// the output is deleted again and the scan says why.
        /// </summary>
        /// <exception cref="IOException">The file cannot be read or the copy cannot be written.</exception>
        public static ConsentFileScan Filter(string path, ConsentSuppression suppression, string outputPath, CancellationToken cancel = default)
        {
            if (outputPath == null) throw new ArgumentNullException(nameof(outputPath));
            try
            {
                var scan = Run(path, suppression, outputPath, cancel);
                if (!scan.IsVerifiable) TryDelete(outputPath);
                return scan;
            }
            catch
            {
                TryDelete(outputPath);
                throw;
            }
        }

        private static ConsentFileScan Run(string path, ConsentSuppression suppression, string? outputPath, CancellationToken cancel)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (suppression == null) throw new ArgumentNullException(nameof(suppression));
            using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize);
            var magic = new byte[4];
            int n = ReadFully(input, magic);
            input.Position = 0;
            bool zip = n == 4 && magic[0] == (byte)'P' && magic[1] == (byte)'K' && ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6));
            if (zip) return Zip(input, suppression, outputPath, cancel);
            using var output = outputPath == null ? Stream.Null : new FileStream(outputPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize);
            return Text(input, suppression, output, cancel);
        }

        private static ConsentFileScan Zip(Stream input, ConsentSuppression suppression, string? outputPath, CancellationToken cancel)
        {
            using var archive = new ZipFile(input, leaveOpen: true);
            using var output = outputPath == null ? null : new ZipOutputStream(new FileStream(outputPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize));
            long rows = 0, suppressed = 0;
            foreach (ZipEntry entry in archive)
            {
                cancel.ThrowIfCancellationRequested();
                if (entry.IsDirectory)
                {
                    output?.PutNextEntry(new ZipEntry(entry.Name) { DateTime = entry.DateTime });
                    continue;
                }

                if (!entry.IsFile) continue;
                if (entry.IsCrypted)
                {
                    return new ConsentFileScan(ConsentFileFormat.Unknown, rows, suppressed, $"the zip entry '{entry.Name}' is encrypted: its rows cannot be read");
                }

                if (output != null)
                {
                    output.PutNextEntry(new ZipEntry(entry.Name)
                    {
                        DateTime = entry.DateTime,
                        CompressionMethod = entry.CompressionMethod == CompressionMethod.Stored ? CompressionMethod.Stored : CompressionMethod.Deflated,
                        IsUnicodeText = entry.IsUnicodeText,
                    });
                }

                ConsentFileScan scan;
                using (var content = archive.GetInputStream(entry))
                {
                    scan = Text(content, suppression, output ?? Stream.Null, cancel);
                }

                if (!scan.IsVerifiable) return new ConsentFileScan(ConsentFileFormat.Unknown, rows, suppressed, $"the zip entry '{entry.Name}': {scan.Reason}");
                output?.CloseEntry();
                rows += scan.Rows;
                suppressed += scan.SuppressedRows;
            }

            output?.Finish();
            return new ConsentFileScan(ConsentFileFormat.Zip, rows, suppressed, null);
        }

        private static ConsentFileScan Text(Stream input, ConsentSuppression suppression, Stream output, CancellationToken cancel)
        {
            var reader = new RecordReader(input);
            var format = ConsentFileFormat.Empty;
            int keyColumn = -1;
            char delimiter = ';';
            long rows = 0, suppressed = 0;
            bool sawComment = false;

            // The format is decided by the first line that is neither blank nor an Adobe comment.
            while (format == ConsentFileFormat.Empty)
            {
                if (!reader.Next(quoted: false)) return new ConsentFileScan(sawComment ? ConsentFileFormat.Unknown : ConsentFileFormat.Empty, 0, 0, sawComment ? "it holds only comment lines" : null);
                var line = reader.Content(skipBom: true);
                if (IsBlank(line))
                {
                    reader.CopyTo(output);
                    continue;
                }

                if (line.Length > 0 && line[0] == '#')
                {
                    sawComment = true;
                    reader.CopyTo(output);
                    continue;
                }

                var adobeKey = AdobeKeyColumn(line);
                if (adobeKey >= 0)
                {
                    format = ConsentFileFormat.AdobeDataSources;
                    keyColumn = adobeKey;
                    delimiter = '\t';
                    reader.CopyTo(output);
                    break;
                }

                if (sawComment || line.IndexOf('\t') >= 0 && line.IndexOf(';') < 0)
                {
                    return new ConsentFileScan(ConsentFileFormat.Unknown, 0, 0, "an Adobe Data Sources file without a VisitorID or customerID column: its rows name no customer");
                }

                // An offline data file: the first record may hold quoted line breaks, so read it again quote-aware.
                reader.Extend();
                var record = reader.Content(skipBom: true);
                var first = Field(record, 0, ';');
                var second = Field(record, 1, ';');
                bool isRow = DateTime.TryParseExact(first, OfflineDataSchema.TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
                bool isHeader = !isRow && first != null && second != null && OfflineDataSchema.HeaderMatches(first.AsSpan(), 1) && OfflineDataSchema.HeaderMatches(second.AsSpan(), 2);
                if (!isRow && !isHeader)
                {
                    return new ConsentFileScan(ConsentFileFormat.Unknown, 0, 0, "neither an offline data file (its first cell is no timestamp and no 'Time Stamp' header) nor an Adobe Data Sources file with a VisitorID or customerID column");
                }

                format = ConsentFileFormat.OfflineData;
                keyColumn = 1;
                if (isHeader)
                {
                    reader.CopyTo(output);
                }
                else
                {
                    rows++;
                    if (IsSuppressed(suppression, second)) suppressed++;
                    else reader.CopyTo(output);
                }
            }

            bool quoted = format == ConsentFileFormat.OfflineData;
            long read = 0;
            while (reader.Next(quoted))
            {
                if ((++read & 0x3FFF) == 0) cancel.ThrowIfCancellationRequested();
                var record = reader.Content(skipBom: false);
                if (IsBlank(record) || (!quoted && record.Length > 0 && record[0] == '#'))
                {
                    reader.CopyTo(output);
                    continue;
                }

                rows++;
                if (IsSuppressed(suppression, Field(record, keyColumn, delimiter)))
                {
                    suppressed++;
                    continue;
                }

                reader.CopyTo(output);
            }

            output.Flush();
            return new ConsentFileScan(format, rows, suppressed, null);
        }

        /// <summary>The column of an Adobe header line that names the customer (VisitorID or customerID), or -1.</summary>
        private static int AdobeKeyColumn(string line)
        {
            if (line.IndexOf('\t') < 0) return -1;
            var cells = line.TrimEnd('\r', '\n').Split('\t');
            for (int i = 0; i < cells.Length; i++)
            {
                var name = cells[i].Replace(" ", string.Empty);
                if (string.Equals(name, "VisitorID", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "customerID", StringComparison.OrdinalIgnoreCase)) return i;
            }

            return -1;
        }

        private static bool IsSuppressed(ConsentSuppression suppression, string? customerId) =>
            customerId != null && (suppression.IsSuppressed(customerId) || suppression.IsSuppressed(customerId.Trim()));

        private static bool IsBlank(string line)
        {
            foreach (var c in line)
            {
                if (c != '\r' && c != '\n') return false;
            }

            return true;
        }

        /// <summary>Field <paramref name="index"/> of a record, unquoted ('"' qualifies, doubled inside), or null when it has fewer fields.</summary>
        internal static string? Field(string record, int index, char delimiter)
        {
            int end = record.Length;
            while (end > 0 && (record[end - 1] == '\n' || record[end - 1] == '\r')) end--;
            int field = 0;
            int i = 0;
            while (true)
            {
                if (field == index)
                {
                    if (delimiter != '\t' && i < end && record[i] == '"')
                    {
                        var value = new StringBuilder();
                        for (i++; i < end; i++)
                        {
                            if (record[i] == '"')
                            {
                                if (i + 1 < end && record[i + 1] == '"') { value.Append('"'); i++; }
                                else break;
                            }
                            else
                            {
                                value.Append(record[i]);
                            }
                        }

                        return value.ToString();
                    }

                    int stop = record.IndexOf(delimiter, i, end - i);
                    return record.Substring(i, (stop < 0 ? end : stop) - i);
                }

                // Skip this field (quoted: up to its closing quote).
                bool inQuotes = false;
                for (; i < end; i++)
                {
                    var c = record[i];
                    if (c == '"' && delimiter != '\t') inQuotes = !inQuotes;
                    else if (c == delimiter && !inQuotes) break;
                }

                if (i >= end) return null;
                i++;
                field++;
            }
        }

        private static int ReadFully(Stream stream, byte[] buffer)
        {
            int total = 0;
            while (total < buffer.Length)
            {
                int read = stream.Read(buffer, total, buffer.Length - total);
                if (read == 0) break;
                total += read;
            }

            return total;
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // a temporary copy left in the temp folder holds only rows that may be sent
            }
        }

        /// <summary>Reads records as raw bytes: up to a line feed, outside '"' quotes when asked.</summary>
        private sealed class RecordReader
        {
            private readonly Stream input;
            private readonly byte[] buffer = new byte[BufferSize];
            private int position;
            private int length;
            private byte[] record = new byte[4096];
            private int recordLength;
            private bool inQuotes;

            public RecordReader(Stream input) => this.input = input;

            /// <summary>Reads the next record; false at the end.</summary>
            public bool Next(bool quoted)
            {
                recordLength = 0;
                inQuotes = false;
                return ReadOn(quoted) || recordLength > 0;
            }

            /// <summary>Re-reads the current record quote-aware: a first line that opened a quote goes on to where it closes.</summary>
            public void Extend()
            {
                // Count the quotes of what was read: an odd number leaves a quote open.
                int quotes = 0;
                for (int i = 0; i < recordLength; i++) if (record[i] == (byte)'"') quotes++;
                inQuotes = quotes % 2 == 1;
                if (inQuotes) ReadOn(true);
            }

            /// <summary>The record as text (UTF-8; without a leading BOM when asked).</summary>
            public string Content(bool skipBom)
            {
                int start = skipBom && recordLength >= 3 && record[0] == 0xEF && record[1] == 0xBB && record[2] == 0xBF ? 3 : 0;
                return Utf8.GetString(record, start, recordLength - start);
            }

            public void CopyTo(Stream output) => output.Write(record, 0, recordLength);

            /// <summary>Appends bytes up to and including the record's line feed; true when one was found.</summary>
            private bool ReadOn(bool quoted)
            {
                while (true)
                {
                    if (position == length)
                    {
                        length = input.Read(buffer, 0, buffer.Length);
                        position = 0;
                        if (length <= 0)
                        {
                            length = 0;
                            return false;
                        }
                    }

                    int start = position;
                    while (position < length)
                    {
                        var b = buffer[position++];
                        if (quoted && b == (byte)'"') inQuotes = !inQuotes;
                        else if (b == (byte)'\n' && !inQuotes)
                        {
                            Append(start, position - start);
                            return true;
                        }
                    }

                    Append(start, position - start);
                }
            }

            private void Append(int start, int count)
            {
                if (recordLength + count > record.Length) Array.Resize(ref record, Math.Max(record.Length * 2, recordLength + count));
                Buffer.BlockCopy(buffer, start, record, recordLength, count);
                recordLength += count;
            }
        }
    }
}
