using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using OfflineData.Core.Format;

namespace OfflineData.Core.Writing.AdobeDataSources
{
    /// <summary>
    /// Writes offline rows as Adobe Analytics Data Sources files: tab-delimited UTF-8 without a BOM, header first,
    /// dates as <c>MM/dd/yyyy/HH/mm/ss</c>. Each row is checked against Adobe's rules first (pre-flight); a row that
    /// breaks one is never written but returned, counted by code and written to the reject file. Rows stream through
    /// in arrival order with bounded memory: a file is closed and the next one started when the next row would bring a
    /// new day beyond <see cref="AdobeDataSourceOptions.MaxDays"/> or the size beyond
    /// <see cref="AdobeDataSourceOptions.MaxFileBytes"/>. Days are counted per output file, so rows out of date order
    /// may spread one day over several files, but no file ever holds more unique days than allowed. Each file is
    /// written under a temporary name and renamed when complete: a final name never holds half a file.
    /// </summary>
    public sealed class AdobeDataSourceWriter : IDisposable
    {
        /// <summary>The date format of every row.</summary>
        public const string DateFormat = "MM/dd/yyyy/HH/mm/ss";

        /// <summary>The line end of every row (counted in the row limit).</summary>
        public const string LineEnd = "\n";

        /// <summary>The longest transaction ID Adobe records online (bytes, UTF-8).</summary>
        public const int MaxTransactionIdBytes = 100;

        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        private readonly string folder;
        private readonly AdobeDataSourceOptions options;
        private readonly AdobeColumnMap map;
        private readonly Action<AdobeDataSourceFile>? fileCompleted;
        private readonly string headerLine;
        private readonly int headerBytes;
        private readonly bool[] isMetric;
        private readonly bool[] isDimension;
        private readonly int productIndex;
        private readonly int categoryIndex;
        private readonly string?[] values;
        private readonly StringBuilder line = new StringBuilder(512);
        private readonly HashSet<DateTime> days = new HashSet<DateTime>();
        private readonly SortedDictionary<string, long> rejectCounts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        private readonly List<AdobeDataSourceFile> files = new List<AdobeDataSourceFile>();
        private readonly Func<DateTime> now;

        private AtomicFileWriter? current;
        private string? currentPath;
        private long currentRows;
        private long pendingSuppressed;
        private long currentBytes;
        private DateTime firstDate;
        private DateTime lastDate;
        private int sequence;
        private string? lastOrderKey;
        private AdobeRejectFile? rejectFile;
        private bool completed;

        /// <summary>
        /// Writes into <paramref name="folder"/> (which must exist) with <paramref name="options"/>;
        /// <paramref name="fileCompleted"/> runs as soon as each file is complete, so a caller can pass it on at once.
        /// </summary>
        /// <exception cref="ArgumentException">The options are out of range.</exception>
        public AdobeDataSourceWriter(string folder, AdobeDataSourceOptions options, Action<AdobeDataSourceFile>? fileCompleted = null)
        {
            this.options = options ?? throw new ArgumentNullException(nameof(options));
            options.Validate();
            this.folder = Path.GetFullPath(folder ?? throw new ArgumentNullException(nameof(folder)));
            this.fileCompleted = fileCompleted;
            map = options.Map ?? AdobeColumnMap.Default(options.Template);
            if (map.Template != options.Template) throw new ArgumentException($"The mapping is for the {map.Template} template, not {options.Template}.");
            now = options.Now ?? (() => DateTime.Now);

            int n = map.Columns.Count;
            values = new string?[n];
            isMetric = new bool[n];
            isDimension = new bool[n];
            productIndex = categoryIndex = -1;
            for (int i = 0; i < n; i++)
            {
                var header = map.Columns[i].Key;
                isMetric[i] = AdobeHeaders.IsMetric(header);
                isDimension[i] = AdobeHeaders.IsDimension(header);
                if (header == "Product") productIndex = i;
                if (header == "Category") categoryIndex = i;
            }

            headerLine = string.Join("\t", map.Headers) + LineEnd;
            headerBytes = Utf8.GetByteCount(headerLine);
            if (headerBytes > options.MaxRowBytes) throw new ArgumentException($"The header row alone takes {headerBytes} bytes, over the row limit of {options.MaxRowBytes}; map fewer columns.");
        }

        /// <summary>The files completed so far, in creation (and name) order.</summary>
        public IReadOnlyList<AdobeDataSourceFile> Files => files;

        /// <summary>Rows written to data files.</summary>
        public long RowsWritten { get; private set; }

        /// <summary>Rows left out by consent suppression (<see cref="Suppress"/>).</summary>
        public long RowsSuppressed { get; private set; }

        /// <summary>Rows rejected.</summary>
        public long RowsRejected { get; private set; }

        /// <summary>Rejected rows per code, codes in ordinal order.</summary>
        public IReadOnlyDictionary<string, long> RejectCounts => rejectCounts;

        /// <summary>The reject file, once a rejected row has been written to it; otherwise null.</summary>
        public string? RejectPath => rejectFile?.Path;

        /// <summary>The mapping in use.</summary>
        public AdobeColumnMap Map => map;

        /// <summary>Writes <paramref name="record"/>, its transaction ID read from <see cref="AdobeDataSourceOptions.TransactionIdColumn"/>.</summary>
        /// <returns>Null when written; the rejected row otherwise.</returns>
        public AdobeRejectedRow? Write(OfflineDataRecord record) => Write(record, options.TransactionIdColumn.GetValue(record));

        /// <summary>Writes <paramref name="record"/> with <paramref name="transactionId"/> as its transaction ID (e.g. the one a stored row was matched with).</summary>
        /// <returns>Null when written; the rejected row otherwise.</returns>
        /// <exception cref="Conversion.ConversionException">A file cannot be created or moved into place.</exception>
        public AdobeRejectedRow? Write(OfflineDataRecord record, string? transactionId)
        {
            if (record == null) throw new ArgumentNullException(nameof(record));
            if (completed) throw new InvalidOperationException("The writer is complete.");

            var problem = Check(record, transactionId, out var orderKey);
            if (problem != null) return Reject(problem.Value.Code.ToString(), problem.Value.Message, record);

            var text = line.ToString();
            int bytes = Utf8.GetByteCount(text);
            if (bytes > options.MaxRowBytes)
            {
                return Reject(AdobePreflightCode.AdobeRowTooLong.ToString(), $"The row takes {bytes} bytes with its line end, over the limit of {options.MaxRowBytes} (Adobe: {AdobeDataSourceOptions.AdobeMaxRowBytes}).", record);
            }

            var day = record.Timestamp.Date;
            if (current != null || (options.DryRun && currentPath != null))
            {
                bool newDay = !days.Contains(day);
                if ((newDay && days.Count >= options.MaxDays) || currentBytes + bytes > options.MaxFileBytes) CloseCurrent();
            }

            if (currentPath == null) OpenNext();
            if (!options.DryRun)
            {
                var buffer = Utf8.GetBytes(text);
                current!.Stream.Write(buffer, 0, buffer.Length);
            }

            days.Add(day);
            if (currentRows == 0 || record.Timestamp < firstDate) firstDate = record.Timestamp;
            if (currentRows == 0 || record.Timestamp > lastDate) lastDate = record.Timestamp;
            currentRows++;
            currentBytes += bytes;
            RowsWritten++;
            if (orderKey != null) lastOrderKey = orderKey;
            return null;
        }

        /// <summary>
        /// Leaves out a row whose customer opted out: counted (<see cref="RowsSuppressed"/> and the file's
        /// <see cref="AdobeDataSourceFile.SuppressedRows"/>), never written, never in the reject file (the row itself
        /// is what may not leave the machine).
        /// </summary>
        public void Suppress()
        {
            if (completed) throw new InvalidOperationException("The writer is complete.");
            RowsSuppressed++;
            pendingSuppressed++;
        }

        /// <summary>
        /// Rejects a row that could not be read (an invalid row of an offline data file) with the validator's
        /// <paramref name="code"/>: counted and written to the reject file like a pre-flight reject.
        /// </summary>
        public AdobeRejectedRow Reject(string code, string message, string? path, string? entry, long line, string? row = null)
            => Record(new AdobeRejectedRow(code, message, path, entry, line, row));

        /// <summary>Closes the last file (moving it into place) and the reject file.</summary>
        public void Complete()
        {
            if (completed) return;
            CloseCurrent();
            rejectFile?.Dispose();
            completed = true;
        }

        /// <summary>Stops: an unfinished file is deleted (its final name is never created); complete files stay.</summary>
        public void Dispose()
        {
            current?.Dispose();
            current = null;
            rejectFile?.Dispose();
        }

        private AdobeRejectedRow Reject(string code, string message, OfflineDataRecord record)
            => Record(new AdobeRejectedRow(code, message, record.Path, record.Entry, record.Line, OfflineDataWriter.FormatRow(record)));

        private AdobeRejectedRow Record(AdobeRejectedRow reject)
        {
            RowsRejected++;
            rejectCounts.TryGetValue(reject.Code, out var count);
            rejectCounts[reject.Code] = count + 1;
            if (options.RejectPath != null && !options.DryRun)
            {
                rejectFile ??= AdobeRejectFile.Create(options.RejectPath, options.Overwrite);
                rejectFile.Write(reject);
            }

            return reject;
        }

        /// <summary>Builds the row into <see cref="line"/>, or says which rule it breaks.</summary>
        private (AdobePreflightCode Code, string Message)? Check(OfflineDataRecord record, string? transactionId, out string? orderKey)
        {
            orderKey = null;
            if (record.Timestamp == default)
            {
                return (AdobePreflightCode.AdobeDateMissing, "The row has no date; Adobe would reject the whole file for it.");
            }

            var clock = now();
            if (record.Timestamp > clock)
            {
                return (AdobePreflightCode.AdobeFutureDate, $"The date {Stamp(record.Timestamp)} is after now ({Stamp(clock)}); Adobe takes only current or past dates.");
            }

            bool anyDimension = false;
            bool anyMetric = false;
            for (int i = 0; i < values.Length; i++)
            {
                var header = map.Columns[i].Key;
                var source = map.Columns[i].Value;
                string? value;
                if (ReferenceEquals(source, AdobeValueSource.TransactionId))
                {
                    value = transactionId;
                }
                else if (ReferenceEquals(source, AdobeValueSource.PurchaseOrder))
                {
                    value = null;
                    if (record.EventType == OfflineDataSchema.PurchaseEventType)
                    {
                        orderKey = transactionId != null ? "t:" + transactionId : "c:" + record.CustomerId + "\u0001" + record.Timestamp.Ticks.ToString(CultureInfo.InvariantCulture);
                        if (orderKey != lastOrderKey) value = "1";
                    }
                }
                else
                {
                    value = source.ColumnValue(record);
                }

                if (header == map.KeyHeader)
                {
                    var key = CheckKey(header, value);
                    if (key != null) return key;
                }

                if (value != null && value.IndexOfAny(TabOrBreak) >= 0)
                {
                    if (options.TabOrLineBreakReplacement == null)
                    {
                        return (AdobePreflightCode.AdobeTabOrLineBreak, $"The value of '{header}' (from {source.Name}) holds a tab or a line break; use a replacement to write it.");
                    }

                    value = value.Replace("\r\n", "\n").Replace('\r', '\n').Replace("\n", options.TabOrLineBreakReplacement).Replace("\t", options.TabOrLineBreakReplacement);
                }

                if (value != null && isDimension[i] && value.IndexOf(';') >= 0 && header != AdobeHeaders.TransactionId)
                {
                    if (options.SemicolonReplacement == null)
                    {
                        return (AdobePreflightCode.AdobeSemicolonInDimension, $"The dimension '{header}' (from {source.Name}) holds ';' ('{value}'); Adobe would skip the row silently. Use a replacement to write it.");
                    }

                    value = value.Replace(";", options.SemicolonReplacement);
                }

                if (value != null && isMetric[i] && !decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
                {
                    return (AdobePreflightCode.AdobeMetricNotNumeric, $"The metric '{header}' (from {source.Name}) is not a number: '{value}'.");
                }

                if (string.IsNullOrEmpty(value)) value = null;
                if (value != null && isDimension[i]) anyDimension = true;
                if (value != null && isMetric[i]) anyMetric = true;
                values[i] = value;
            }

            if (!anyDimension) return (AdobePreflightCode.AdobeNoDimension, "The row has no dimension value; Adobe needs at least one dimension and one metric.");
            if (!anyMetric) return (AdobePreflightCode.AdobeNoMetric, "The row has no metric value; Adobe needs at least one dimension and one metric.");
            if (categoryIndex >= 0 && values[categoryIndex] != null && (productIndex < 0 || values[productIndex] == null))
            {
                return (AdobePreflightCode.AdobeCategoryWithoutProduct, "The row has a Category but no Product; Adobe needs a Product for a Category.");
            }

            line.Clear();
            line.Append(record.Timestamp.ToString(DateFormat, CultureInfo.InvariantCulture));
            foreach (var value in values) line.Append('\t').Append(value);
            line.Append(LineEnd);
            return null;
        }

        private static readonly char[] TabOrBreak = { '\t', '\r', '\n' };

        private (AdobePreflightCode Code, string Message)? CheckKey(string header, string? value)
        {
            if (header == AdobeHeaders.VisitorId)
            {
                return IdentifierText.IsBlank(value) ? (AdobePreflightCode.AdobeVisitorIdMissing, "The row has no Customer ID for the VisitorID column.") : ((AdobePreflightCode, string)?)null;
            }

            if (value == null)
            {
                return (AdobePreflightCode.AdobeTransactionIdMissing, $"The row has no transaction ID (column '{options.TransactionIdColumn.Name}' is empty).");
            }

            int bytes = Utf8.GetByteCount(value);
            if (bytes > MaxTransactionIdBytes)
            {
                return (AdobePreflightCode.AdobeTransactionIdTooLong, $"The transaction ID takes {bytes} bytes (UTF-8); Adobe records at most {MaxTransactionIdBytes} online, so it can never match.");
            }

            if (value.IndexOf(';') >= 0)
            {
                return (AdobePreflightCode.AdobeSemicolonInTransactionId, "The transaction ID holds ';'; Adobe would skip the row, and a replacement would make an ID that matches nothing.");
            }

            return null;
        }

        private static string Stamp(DateTime value) => value.ToString(OfflineDataSchema.TimestampFormat, CultureInfo.InvariantCulture);

        private void OpenNext()
        {
            if (sequence >= 9999) throw new InvalidOperationException("More than 9999 files in one run: the names would no longer sort in creation order. Write fewer rows per run.");
            sequence++;
            currentPath = Path.Combine(folder, options.Prefix + "_" + sequence.ToString("D4", CultureInfo.InvariantCulture) + ".txt");
            if (!options.DryRun)
            {
                current = AtomicFileWriter.Create(currentPath, options.Overwrite);
                var header = Utf8.GetBytes(headerLine);
                current.Stream.Write(header, 0, header.Length);
            }

            currentBytes = headerBytes;
            currentRows = 0;
            days.Clear();
        }

        private void CloseCurrent()
        {
            if (currentPath == null) return;
            current?.Commit();
            current?.Dispose();
            current = null;
            var file = new AdobeDataSourceFile(currentPath, sequence, currentRows, days.Count, firstDate, lastDate, currentBytes, !options.DryRun, pendingSuppressed);
            pendingSuppressed = 0;
            currentPath = null;
            files.Add(file);
            fileCompleted?.Invoke(file);
        }
    }
}
