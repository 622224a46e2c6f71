using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using ICSharpCode.SharpZipLib;
using OfflineData.Core.Containers;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;
using OfflineData.Core.Reading;
using OfflineData.Core.Validation;

namespace OfflineData.Core.Reading
{
    /// <summary>
    /// Streams every data row of an offline data file — plain, gzip, or every file entry of a zip — in one
    /// pass and bounded memory, checking each row as it goes. Rows with errors are returned too, flagged,
    /// so a caller can quarantine them; nothing is skipped without a finding.
    /// </summary>
    /// <example>
    /// <code>
    /// using var reader = OfflineDataReader.Open("sales.zip");
    /// while (reader.Read())
    /// {
    ///     foreach (var finding in reader.FileFindings) Console.WriteLine(finding); // header, blank lines, entries
    ///     foreach (var finding in reader.RowFindings) Console.WriteLine(finding);  // the row's own
    ///     if (!reader.RowHasErrors) Use(reader.ToRecord());
    /// }
    /// foreach (var finding in reader.FileFindings) Console.WriteLine(finding); // trailing, file-level ones
    /// </code>
    /// </example>
    /// <remarks>
    /// The reader iterates and maps; the rules are in <c>Validation/</c>: <see cref="HeaderRules"/>,
    /// <see cref="RowRules"/>, <see cref="StructuralRules"/> (quotes, limits, UTF-8) and <see cref="DuplicateRowRule"/>,
    /// with every message in <see cref="FindingMessages"/>. This file holds the reading loop; the entries and damaged
    /// streams are in OfflineDataReader.Entries.cs, record mapping in OfflineDataReader.Records.cs.
    /// </remarks>
    public sealed partial class OfflineDataReader : IDisposable
    {
        private readonly OfflineDataReaderOptions options;
        private readonly InputContainer container;
        private readonly FindingCollector fileFindings;
        private readonly FindingCollector rowFindings;
        private readonly List<Finding> findings = new List<Finding>();
        private readonly List<string> entryNames = new List<string>();
        private readonly DateTime now;
        private readonly long nowKey;
        private readonly DuplicateRowRule? duplicates;
        private bool findingsCombined;
        private BlankRun blankRun;
        private IEnumerator<InputEntry>? entries;
        private Stream? entryStream;
        private RecordTokenizer? tokenizer;
        private InputEntry? entry;
        private bool firstRecordOfEntry;
        private bool entryHasHeader;
        private long entryRows;
        private long dataRows;
        private bool finished;

        /// <summary>After this many rows the duplicate check is sized for the whole file.</summary>
        private const int SizeHintRows = 65536;

        private OfflineDataReader(InputContainer container, OfflineDataReaderOptions? options)
        {
            this.options = options ?? new OfflineDataReaderOptions();
            this.options.Validate();
            this.container = container;
            now = this.options.Now ?? DateTime.Now;
            nowKey = FieldParsers.TimestampKey(now);
            fileFindings = new FindingCollector(container.Path);
            rowFindings = new FindingCollector(container.Path);
            if (this.options.CheckDuplicates) duplicates = new DuplicateRowRule(this.options.DuplicateCheckCapacity);
        }

        /// <summary>Opens a file; zip and gzip are recognised by content.</summary>
        public static OfflineDataReader Open(string path, OfflineDataReaderOptions? options = null)
        {
            var container = InputContainer.Open(path);
            try
            {
                return new OfflineDataReader(container, options);
            }
            catch
            {
                container.Dispose();
                throw;
            }
        }

        /// <summary>Reads a seekable stream; <paramref name="displayPath"/> names it in findings. The reader owns the stream.</summary>
        public static OfflineDataReader Open(Stream stream, string displayPath, OfflineDataReaderOptions? options = null)
        {
            var container = InputContainer.Open(stream, displayPath);
            try
            {
                return new OfflineDataReader(container, options);
            }
            catch
            {
                container.Dispose();
                throw;
            }
        }

        /// <summary>The file being read, as given.</summary>
        public string Path => container.Path;

        /// <summary>Plain, zip or gzip.</summary>
        public ContainerFormat Format => container.Format;

        /// <summary>The zip entry of the current row, or null.</summary>
        public string? Entry => entry?.Name;

        /// <summary>The names of the zip entries opened so far.</summary>
        public IReadOnlyList<string> Entries => entryNames;

        /// <summary>
        /// Findings of the current row (its <see cref="Finding.RowIndex"/> is <see cref="RowIndex"/>): what decides
        /// whether it is rejected. Empty after the last row.
        /// </summary>
        public IReadOnlyList<Finding> RowFindings => rowFindings.Items;

        /// <summary>
        /// File, entry and header findings raised by the last <see cref="Read"/> before the current row (the header,
        /// blank lines, empty, unreadable or damaged entries, the container); after the last row, the trailing ones.
        /// They are not the row's errors.
        /// </summary>
        public IReadOnlyList<Finding> FileFindings => fileFindings.Items;

        /// <summary>
        /// Both lists of the last <see cref="Read"/>, in the order they were raised: <see cref="FileFindings"/>, then
        /// <see cref="RowFindings"/>. Read the two lists to tell them apart.
        /// </summary>
        public IReadOnlyList<Finding> Findings
        {
            get
            {
                if (!findingsCombined)
                {
                    findings.Clear();
                    findings.AddRange(fileFindings.Items);
                    findings.AddRange(rowFindings.Items);
                    findingsCombined = true;
                }

                return findings;
            }
        }

        /// <summary>Whether the current row has at least one Error finding (in <see cref="RowFindings"/>).</summary>
        public bool RowHasErrors => rowFindings.HasErrors;

        /// <summary>The physical line (1-based) the current row starts on.</summary>
        public long Line => tokenizer?.Line ?? 0;

        /// <summary>The 1-based index of the current data row within its entry.</summary>
        public long RowIndex => entryRows;

        /// <summary>Header rows seen (one per entry that has one).</summary>
        public int HeaderRows { get; private set; }

        /// <summary>
        /// The cells of the current entry's header row, decoded, or null when it has none. The names of the columns after
        /// the 22 named ones are free (a header may call them <c>loyaltyLevel</c>), which is what the schema check reads.
        /// </summary>
        public IReadOnlyList<string>? HeaderCells { get; private set; }

        /// <summary>Whether a UTF-8 byte order mark was seen.</summary>
        public bool SawByteOrderMark { get; private set; }

        /// <summary>The number of fields of the current row.</summary>
        public int FieldCount => tokenizer?.FieldCount ?? 0;

        /// <summary>Bytes of the file consumed so far (compressed bytes for zip and gzip).</summary>
        public long BytesRead => container.BytesRead;

        /// <summary>The file's length in bytes (-1 when unknown).</summary>
        public long TotalBytes => container.TotalBytes;

        /// <summary>Decoded bytes read so far across entries (uncompressed).</summary>
        public long UncompressedBytesRead { get; private set; }

        /// <summary>Field <paramref name="index"/> (0-based) of the current row, unquoted and decoded.</summary>
        public string GetString(int index)
        {
            var t = Current();
            if ((uint)index >= (uint)t.FieldCount) throw new ArgumentOutOfRangeException(nameof(index), index, $"The row has {t.FieldCount} fields.");
            return t.DecodeField(index);
        }

        /// <summary>The current row's raw text as in the file, without its line end (the first 4 KiB when the row is too long).</summary>
        public string RawRecord => Current().DecodeRecord();

        /// <summary>Advances to the next data row; false when every entry has been read.</summary>
        public bool Read()
        {
            fileFindings.Clear();
            rowFindings.Clear();
            findingsCombined = false;
            if (finished) return false;

            while (true)
            {
                if (tokenizer == null && !OpenNextEntry())
                {
                    finished = true;
                    return false;
                }

                bool hasRecord;
                try
                {
                    hasRecord = tokenizer!.ReadRecord();
                }
                catch (Exception e) when (IsDamage(e))
                {
                    FlushBlankRun();
                    ReportCorruptStream(e);
                    CloseEntry();
                    continue;
                }

                if (!hasRecord)
                {
                    FlushBlankRun();
                    if (entryRows == 0) fileFindings.Add(FindingCode.NoDataRows, FindingMessages.NoDataRows(entryHasHeader), null);
                    CloseEntry();
                    continue;
                }

                var t = tokenizer;
                UncompressedBytesRead = t.BytesFromStream;
                if (!t.IsTruncated && (t.Record.Length == 0 || AllFieldsEmpty(t)))
                {
                    blankRun.Add(t.Line, t.Record.Length == 0);
                    continue;
                }

                FlushBlankRun();

                bool first = firstRecordOfEntry;
                firstRecordOfEntry = false;
                if (first && !t.IsTruncated && HeaderRules.IsHeader(t, options.Header))
                {
                    HeaderRows++;
                    entryHasHeader = true;
                    var cells = new string[t.FieldCount];
                    for (int i = 0; i < cells.Length; i++) cells[i] = t.DecodeField(i);
                    HeaderCells = cells;
                    HeaderRules.Check(t, options, fileFindings);
                    continue;
                }

                entryRows++;
                CheckRow(t);
                return true;
            }
        }

        /// <summary>Closes the file.</summary>
        public void Dispose()
        {
            CloseEntry();
            entries?.Dispose();
            container.Dispose();
        }

        private RecordTokenizer Current()
        {
            if (tokenizer == null || entryRows == 0) throw new InvalidOperationException("There is no current row: call Read() first.");
            return tokenizer;
        }

        /// <summary>Every rule of a data row, in the order its findings are listed: structure, columns, duplicates.</summary>
        private void CheckRow(RecordTokenizer t)
        {
            StructuralRules.Check(t, entryRows, options, rowFindings);
            if (t.IsTruncated) return;
            RowRules.Check(t, entryRows, now, nowKey, rowFindings);
            if (duplicates == null) return;
            if (++dataRows == SizeHintRows && TotalBytes > 0 && BytesRead > 0)
            {
                // The share of the file read so far tells about how many rows it has (compressed bytes for zip and gzip).
                duplicates.ExpectRows((long)(dataRows * 1.1 * TotalBytes / BytesRead));
            }

            duplicates.Check(t, entryRows, rowFindings);
        }

        /// <summary>
        /// Reports the blank lines just passed as one finding: a run of a million empty lines is one warning that
        /// names its first and last line and counts them, not a million findings held until the next row.
        /// </summary>
        private void FlushBlankRun()
        {
            if (blankRun.Count == 0) return;
            var run = blankRun;
            blankRun = default;
            fileFindings.Add(FindingCode.BlankRow, FindingMessages.BlankRun(run), run.First);
        }

        /// <summary>
        /// A row of separators only (";;;;;;", as Excel writes an empty row) holds no data: it is a blank row,
        /// not a data row with six empty-field errors. Valid rows fail the first test, so this costs nothing.
        /// </summary>
        private static bool AllFieldsEmpty(RecordTokenizer t)
        {
            for (int i = 0; i < t.FieldCount; i++)
            {
                if (t.Field(i).Length > 0) return false;
            }

            return t.Issues.Count == 0;
        }
    }
}
