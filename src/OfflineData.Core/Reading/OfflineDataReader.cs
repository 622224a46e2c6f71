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
    ///     foreach (var finding in reader.Findings) Console.WriteLine(finding);
    ///     if (!reader.RowHasErrors) Use(reader.ToRecord());
    /// }
    /// foreach (var finding in reader.Findings) Console.WriteLine(finding); // trailing, file-level ones
    /// </code>
    /// </example>
    public sealed class OfflineDataReader : IDisposable
    {
        private const int RawValueLimit = 200;

        private readonly OfflineDataReaderOptions options;
        private readonly InputContainer container;
        private readonly List<Finding> findings = new List<Finding>();
        private readonly List<string> entryNames = new List<string>();
        private readonly DateTime now;
        private readonly DuplicateRowDetector? duplicates;
        private BlankRun blankRun;
        private IEnumerator<InputEntry>? entries;
        private Stream? entryStream;
        private RecordTokenizer? tokenizer;
        private InputEntry? entry;
        private bool firstRecordOfEntry;
        private bool entryHasHeader;
        private long entryRows;
        private bool duplicateLimitReported;
        private bool finished;

        private OfflineDataReader(InputContainer container, OfflineDataReaderOptions? options)
        {
            this.options = options ?? new OfflineDataReaderOptions();
            this.options.Validate();
            this.container = container;
            now = this.options.Now ?? DateTime.Now;
            if (this.options.CheckDuplicates) duplicates = new DuplicateRowDetector(this.options.DuplicateCheckCapacity);
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

        /// <summary>Findings raised by the last <see cref="Read"/>: the current row's and any file or entry level ones before it; after the last row, the trailing ones.</summary>
        public IReadOnlyList<Finding> Findings => findings;

        /// <summary>Whether the current row has at least one Error finding.</summary>
        public bool RowHasErrors { get; private set; }

        /// <summary>The physical line (1-based) the current row starts on.</summary>
        public long Line => tokenizer?.Line ?? 0;

        /// <summary>The 1-based index of the current data row within its entry.</summary>
        public long RowIndex => entryRows;

        /// <summary>Header rows seen (one per entry that has one).</summary>
        public int HeaderRows { get; private set; }

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

        /// <summary>The current row as a typed record.</summary>
        /// <exception cref="InvalidOperationException">The row has errors.</exception>
        public OfflineDataRecord ToRecord()
        {
            var t = Current();
            if (RowHasErrors) throw new InvalidOperationException($"The row on line {t.Line} has errors and cannot be converted to a record.");
            FieldParsers.TryParseTimestamp(t.Field(0), out var timestamp);
            FieldParsers.TryParseEventType(t.Field(2), out var eventType);
            var record = new OfflineDataRecord
            {
                Timestamp = timestamp,
                CustomerId = t.DecodeField(1),
                EventType = eventType,
                EventName = t.DecodeField(4),
                Num1 = decimal.Parse(t.DecodeField(5), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture),
                Num2 = decimal.Parse(t.DecodeField(6), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture),
                Path = Path,
                Entry = Entry,
                Line = t.Line,
                RowIndex = entryRows,
            };
            record.Category = Optional(t, 3);
            int named = Math.Min(t.FieldCount, OfflineDataSchema.NamedColumnCount);
            for (int i = 7; i < named; i++) record.SetOptionalText(i + 1, Optional(t, i));
            if (t.FieldCount > OfflineDataSchema.NamedColumnCount)
            {
                var attributes = new string[t.FieldCount - OfflineDataSchema.NamedColumnCount];
                for (int i = 0; i < attributes.Length; i++) attributes[i] = t.DecodeField(OfflineDataSchema.NamedColumnCount + i);
                record.TransactionAttributes = attributes;
            }

            return record;
        }

        /// <summary>Advances to the next data row; false when every entry has been read.</summary>
        public bool Read()
        {
            findings.Clear();
            RowHasErrors = false;
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
                catch (Exception e) when (e is CorruptInputException || e is SharpZipBaseException || e is InvalidDataException || e is EndOfStreamException)
                {
                    FlushBlankRun();
                    ReportCorruptStream(e);
                    CloseEntry();
                    continue;
                }

                if (!hasRecord)
                {
                    FlushBlankRun();
                    if (entryRows == 0)
                    {
                        Add(FindingCode.NoDataRows, entryHasHeader ? "There are no data rows, only a header." : "There are no data rows.", null);
                    }

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
                if (first && !t.IsTruncated && IsHeader(t))
                {
                    HeaderRows++;
                    entryHasHeader = true;
                    CheckHeader(t);
                    continue;
                }

                // Findings before this row (header, blank lines, earlier entries) are listed with it
                // but are not its errors: only the row's own checks decide whether it is rejected.
                RowHasErrors = false;
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

        private bool OpenNextEntry()
        {
            if (entries == null) entries = container.GetEntries(f => findings.Add(f)).GetEnumerator();
            while (true)
            {
                bool moved;
                try
                {
                    moved = entries.MoveNext();
                }
                catch (Exception e) when (e is CorruptInputException || e is SharpZipBaseException || e is InvalidDataException || e is EndOfStreamException)
                {
                    findings.Add(new Finding(FindingCode.CorruptArchive, FindingSeverity.Error, $"The zip archive cannot be read further: {e.Message}", Path));
                    return false;
                }

                if (!moved) return false;
                entry = entries.Current;
                if (entry.Name != null) entryNames.Add(entry.Name);
                try
                {
                    entryStream = entry.Open();
                    tokenizer = new RecordTokenizer(entryStream, options.MaxRecordLength, options.MaxFieldLength);
                    var encoding = tokenizer.DetectEncoding();
                    if (encoding == DetectedEncoding.Utf8WithBom) SawByteOrderMark = true;
                    if (encoding == DetectedEncoding.Utf16 || encoding == DetectedEncoding.Utf32)
                    {
                        // Damaged compressed data often inflates to zero bytes: read the entry to its end first, so
                        // its CRC check (which throws below) tells damage from real UTF-16 before the text is blamed.
                        // A failure within the first bytes (put off by the tokenizer) is not lost by stopping here.
                        tokenizer.ThrowDeferredFailure();
                        if (container.Format != ContainerFormat.Plain) Drain(entryStream);
                        string name = encoding == DetectedEncoding.Utf16 ? "UTF-16" : "UTF-32";
                        Add(FindingCode.UnsupportedEncoding,
                            $"The text is {name}, not UTF-8; nothing in it was read. Convert it with: Convert-OfflineDataFile -Path <file> -Destination <new file>.",
                            null);
                        CloseEntry();
                        continue;
                    }
                }
                catch (Exception e) when (e is CorruptInputException || e is SharpZipBaseException || e is InvalidDataException || e is EndOfStreamException)
                {
                    ReportCorruptStream(e);
                    CloseEntry();
                    continue;
                }

                firstRecordOfEntry = true;
                entryHasHeader = false;
                entryRows = 0;
                return true;
            }
        }

        private static void Drain(Stream stream)
        {
            var buffer = new byte[64 * 1024];
            while (stream.Read(buffer, 0, buffer.Length) > 0)
            {
            }
        }

        private void CloseEntry()
        {
            entryStream?.Dispose();
            entryStream = null;
            tokenizer = null;
        }

        private void ReportCorruptStream(Exception e)
        {
            var code = e is CorruptInputException damage ? damage.Code
                : container.Format == ContainerFormat.Zip ? FindingCode.CorruptArchive : FindingCode.CorruptCompressedStream;
            // Line 0 means no record was started yet: there is no line to name.
            long? line = tokenizer != null && tokenizer.Line > 0 ? tokenizer.Line : (long?)null;
            if (code == FindingCode.TrailingData)
            {
                Add(code, e.Message + (line != null ? $" The rows before them, up to line {line}, were read and checked." : string.Empty), line);
                return;
            }

            string where = line != null ? $"after line {line}" : "before its first line";

            string what = container.Format == ContainerFormat.Zip ? "The zip entry" : "The compressed stream";
            Add(code, $"{what} is corrupt or truncated {where}; the rest of it was not read: {e.Message}", line);
        }

        private bool IsHeader(RecordTokenizer t)
        {
            if (options.Header == HeaderMode.Present) return true;
            if (options.Header == HeaderMode.Absent) return false;
            if (FieldParsers.LooksLikeTimestamp(t.Field(0))) return false;
            if (OfflineDataSchema.HeaderMatches(t.DecodeField(0).AsSpan(), 1)) return true;

            // A misspelt first name still makes a header when the other names are there.
            int matches = 0;
            int named = Math.Min(t.FieldCount, OfflineDataSchema.NamedColumnCount);
            for (int i = 1; i < named; i++)
            {
                if (OfflineDataSchema.HeaderMatches(t.DecodeField(i).AsSpan(), i + 1)) matches++;
            }

            return matches >= 3;
        }

        private void CheckHeader(RecordTokenizer t)
        {
            ReportStructuralIssues(t, null);
            int named = Math.Min(t.FieldCount, OfflineDataSchema.NamedColumnCount);
            for (int i = 0; i < named; i++)
            {
                var cell = t.DecodeField(i);
                if (!OfflineDataSchema.HeaderMatches(cell.AsSpan(), i + 1))
                {
                    var expected = OfflineDataSchema.Columns[i].HeaderName;
                    Add(FindingCode.HeaderMismatch, $"Header column {i + 1} is '{Shown(cell)}'; expected '{expected}'.", t.Line, null, i, cell);
                }
            }

            if (t.FieldCount < OfflineDataSchema.MandatoryFieldCount)
            {
                Add(FindingCode.HeaderMismatch,
                    $"The header has {t.FieldCount} column(s); expected at least {OfflineDataSchema.MandatoryFieldCount}, starting '{OfflineDataSchema.Columns[t.FieldCount].HeaderName}'.",
                    t.Line, null, t.FieldCount, null);
            }
        }

        private void CheckRow(RecordTokenizer t)
        {
            ReportStructuralIssues(t, entryRows);
            if (t.IsTruncated) return;

            long line = t.Line;
            int count = t.FieldCount;
            if (count < OfflineDataSchema.MandatoryFieldCount)
            {
                Add(FindingCode.TooFewFields,
                    $"The row has {count} field(s); at least {OfflineDataSchema.MandatoryFieldCount} are needed (up to Num2). Missing from column {count + 1}, '{OfflineDataSchema.GetColumnName(count + 1)}'. Keep the ';' separators of empty optional columns.",
                    line, entryRows, count, t.DecodeRecord());
            }

            int mandatory = Math.Min(count, OfflineDataSchema.MandatoryFieldCount);
            for (int i = 0; i < mandatory; i++)
            {
                var column = OfflineDataSchema.Columns[i];
                var field = t.Field(i);
                if (field.Length == 0)
                {
                    if (column.IsMandatory)
                    {
                        Add(FindingCode.EmptyMandatoryField, $"{column.HeaderName} is mandatory and empty.", line, entryRows, i, string.Empty);
                    }

                    continue;
                }

                switch (column.Kind)
                {
                    case ColumnKind.Timestamp:
                        if (!FieldParsers.TryParseTimestamp(field, out var timestamp))
                        {
                            string value = t.DecodeField(i);
                            // An invisible byte order mark mid-file (files saved with a BOM, then joined) would
                            // otherwise show a raw value that looks exactly like a good timestamp.
                            string why = value.Length > 0 && value[0] == '\uFEFF'
                                ? "starts with an invisible byte order mark (U+FEFF), as when files saved with a BOM are joined; remove it"
                                : FieldParsers.LooksLikeTimestamp(field)
                                    ? "is not a real date and time"
                                    : "is not in the format yyyy-MM-dd HH:mm:ss (e.g. 2014-05-25 12:25:43)";
                            Add(FindingCode.InvalidTimestamp, $"Time Stamp '{Shown(value)}' {why}.", line, entryRows, i, value);
                        }
                        else if (timestamp > now)
                        {
                            Add(FindingCode.FutureTimestamp,
                                $"Time Stamp '{Shown(t.DecodeField(i))}' is in the future (now is {now.ToString(OfflineDataSchema.TimestampFormat, CultureInfo.InvariantCulture)}).",
                                line, entryRows, i, t.DecodeField(i));
                        }

                        break;
                    case ColumnKind.EventType:
                        if (!FieldParsers.TryParseEventType(field, out _))
                        {
                            string value = t.DecodeField(i);
                            Add(FindingCode.InvalidEventType, $"Event Type '{Shown(value)}' is not a non-negative whole number (7 is a purchase).", line, entryRows, i, value);
                        }

                        break;
                    case ColumnKind.Number:
                        if (!FieldParsers.IsNumber(field))
                        {
                            string value = t.DecodeField(i);
                            string hint = value.IndexOf(',') >= 0
                                ? " Use '.' as the decimal separator and no thousands separator (e.g. 1234.56)."
                                : " Use digits with an optional sign and '.' decimal separator (e.g. -12.50).";
                            Add(FindingCode.InvalidNumber, $"{column.HeaderName} '{Shown(value)}' is not a number.{hint}", line, entryRows, i, value);
                        }

                        break;
                }
            }

            if (duplicates != null)
            {
                // Reported on the first row the check could not remember, not on the last one it did.
                bool wasFull = duplicates.IsFull;
                if (duplicates.SeenBefore(t.Record))
                {
                    Add(FindingCode.DuplicateRow, "The row is an exact duplicate of an earlier row.", line, entryRows, null, t.DecodeRecord());
                }
                else if (wasFull && !duplicateLimitReported)
                {
                    duplicateLimitReported = true;
                    Add(FindingCode.DuplicateCheckLimited,
                        $"The duplicate check remembers at most {options.DuplicateCheckCapacity} distinct rows; rows from here on are compared with those but not remembered.",
                        line, entryRows, null, null);
                }
            }
        }

        private void ReportStructuralIssues(RecordTokenizer t, long? rowIndex)
        {
            foreach (var issue in t.Issues)
            {
                int? column = issue.FieldIndex >= 0 ? issue.FieldIndex : (int?)null;
                string? raw = column != null ? t.DecodeField(issue.FieldIndex) : t.DecodeRecord();
                switch (issue.Code)
                {
                    case FindingCode.StrayQuote:
                        Add(issue.Code, "A quote is misplaced: inside an unquoted field, or followed by text after its closing quote. Quote the whole field and double quotes inside it (\"\").", issue.Line, rowIndex, issue.FieldIndex, raw);
                        break;
                    case FindingCode.UnclosedQuote:
                        Add(issue.Code, "A quoted field is never closed; " + WhereUnclosedRowEnds(issue), issue.Line, rowIndex, column, raw);
                        break;
                    case FindingCode.FieldTooLong:
                        Add(issue.Code, $"The field is {t.Field(issue.FieldIndex).Length} bytes long; the limit is {options.MaxFieldLength}.", issue.Line, rowIndex, column, raw);
                        break;
                    case FindingCode.RecordTooLong:
                        Add(issue.Code, $"The row is longer than {options.MaxRecordLength} bytes" + WhereLongRowEnds(issue), issue.Line, rowIndex, null, raw);
                        break;
                }
            }

            if (t.IsTruncated) return;
            int bad = Utf8Validator.IndexOfInvalid(t.Record);
            if (bad >= 0)
            {
                int field = t.FieldAt(bad);
                // The physical line of the bad byte: a quoted field may have carried the row over several lines.
                long line = t.Line;
                var before = t.Record.Slice(0, bad);
                for (int i = before.IndexOf((byte)'\n'); i >= 0; i = before.IndexOf((byte)'\n'))
                {
                    line++;
                    before = before.Slice(i + 1);
                }

                Add(FindingCode.InvalidUtf8,
                    $"The field has bytes that are not valid UTF-8 (first at byte {bad + 1} of the row); the file may be in a legacy code page such as Windows-1252. Convert it with Convert-OfflineDataFile -Encoding.",
                    line, rowIndex, field, t.DecodeField(field));
            }
        }

        /// <summary>Which lines an over-long row took, all of them skipped without being held in memory.</summary>
        private static string WhereLongRowEnds(StructuralIssue issue)
        {
            const string Hint = " (a missing line break or an unclosed quote?); ";
            if (issue.ResumeLine == 0) return Hint + "it runs to the end of the file and was skipped.";
            if (issue.ResumeLine <= issue.Line + 1) return Hint + "it was skipped up to the next line break.";
            return $": it spans lines {issue.Line} to {issue.ResumeLine - 1} (a quoted field with line breaks) and was skipped; reading resumed on line {issue.ResumeLine}.";
        }

        /// <summary>Where the row of an unclosed quote was cut, so the user knows which lines it swallowed.</summary>
        private static string WhereUnclosedRowEnds(StructuralIssue issue)
        {
            if (issue.ResumeLine == 0) return "the row runs to the end of the file.";
            if (issue.ResumeLine == issue.Line + 1) return "the row was cut at the end of its first line and reading resumed on the next line.";
            return $"the row was cut at the end of line {issue.ResumeLine - 1} and reading resumed on line {issue.ResumeLine}, the next line that starts like a row (a timestamp and ';').";
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
            string what = run.Empty == run.Count ? "are empty" : run.Empty == 0 ? "hold only separators" : "are empty or hold only separators";
            string message;
            if (run.Count == 1)
            {
                message = run.Empty == 1
                    ? "The line is empty; remove blank lines between records."
                    : "The line holds only separators (an empty row, as spreadsheets export it); remove it.";
            }
            else
            {
                // A blank row never spans lines (it has no quoted line break), so a run is consecutive lines.
                message = string.Format(CultureInfo.InvariantCulture, "Lines {0} to {1} ({2:N0} lines) {3}; remove blank lines between records.", run.First, run.Last, run.Count, what);
            }

            Add(FindingCode.BlankRow, message, run.First);
        }

        private void Add(FindingCode code, string message, long? line) => Add(code, message, line, null, null, null);

        private void Add(FindingCode code, string message, long? line, long? rowIndex, int? fieldIndex, string? raw)
        {
            var severity = FindingCodeInfo.SeverityOf(code);
            if (severity == FindingSeverity.Error) RowHasErrors = true;
            int? number = fieldIndex + 1;
            findings.Add(new Finding(
                code,
                severity,
                message,
                Path,
                entry?.Name,
                line,
                rowIndex,
                number,
                number != null ? OfflineDataSchema.GetColumnName(number.Value) : null,
                raw != null ? Shorten(raw) : null));
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

        private static string? Optional(RecordTokenizer t, int index) => index < t.FieldCount && t.Field(index).Length > 0 ? t.DecodeField(index) : null;

        /// <summary>A raw value as shown inside a message: shortened when huge, control and invisible characters escaped.</summary>
        private static string Shown(string value) => DisplayText.Escape(Shorten(value));

        private static string Shorten(string value)
        {
            if (value.Length <= RawValueLimit) return value;

            // Never cut a surrogate pair in half: a lone surrogate breaks XML, JSON and console output.
            int length = char.IsHighSurrogate(value[RawValueLimit - 1]) ? RawValueLimit - 1 : RawValueLimit;
            return value.Substring(0, length) + "…";
        }
    }
}
