using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using OfflineData.Core.Containers;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;
using OfflineData.Core.Reading;
using OfflineData.Core.Writing;

namespace OfflineData.Core.Conversion
{
    /// <summary>
    /// Converts a source export (any delimiter, encoding, plain/zip/gzip) into an offline data file in one
    /// streaming pass. Rows that cannot become valid go, with their line and reason, to the reject file; the
    /// destination appears only when complete. One instance may convert many files, one at a time.
    /// </summary>
    public sealed class OfflineDataConverter
    {
        private const int ProgressEveryRows = 2048;
        private readonly ConversionOptions options;
        private readonly TimestampConverter timestamps;

        /// <summary>Creates a converter.</summary>
        /// <exception cref="ArgumentException">Inconsistent options (e.g. a target zone without a source zone).</exception>
        public OfflineDataConverter(ConversionOptions options)
        {
            this.options = options ?? throw new ArgumentNullException(nameof(options));
            timestamps = new TimestampConverter(options.TimestampFormats, options.Culture, options.SourceTimeZone, options.TargetTimeZone, options.AmbiguousTime);
            if (options.Encoding != null) SourceEncodings.EnsureCodePagesRegistered();
        }

        /// <summary>The reject file used when none is given: next to the destination, <c>name.rejects</c> plus the source's extension.</summary>
        public static string DefaultRejectPath(string source, string destination)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(destination)) ?? ".";
            var ext = Path.GetExtension(source);
            if (string.Equals(ext, ".zip", StringComparison.OrdinalIgnoreCase) || string.Equals(ext, ".gz", StringComparison.OrdinalIgnoreCase))
            {
                ext = Path.GetExtension(Path.GetFileNameWithoutExtension(source));
                if (string.IsNullOrEmpty(ext) || string.Equals(ext, ".tar", StringComparison.OrdinalIgnoreCase)) ext = ".csv";
            }

            if (string.IsNullOrEmpty(ext)) ext = ".csv";
            return Path.Combine(folder, Path.GetFileNameWithoutExtension(destination) + ".rejects" + ext);
        }

        /// <summary>Whether two paths name the same file (case-insensitively on Windows and macOS).</summary>
        public static bool SamePath(string a, string b)
        {
            var comparison = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
            return string.Equals(Path.GetFullPath(a).TrimEnd('/', '\\'), Path.GetFullPath(b).TrimEnd('/', '\\'), comparison);
        }

        /// <summary>
        /// Converts <paramref name="source"/> into <paramref name="destination"/>. With <paramref name="dryRun"/> the
        /// source is read and counted but nothing is written (-WhatIf).
        /// </summary>
        /// <exception cref="ConversionException">The file as a whole cannot be converted; the destination is untouched.</exception>
        /// <exception cref="OperationCanceledException">Cancelled; the destination is untouched.</exception>
        public ConversionResult Convert(string source, string destination, IConversionObserver? observer = null, bool dryRun = false, CancellationToken cancellationToken = default)
        {
            var clock = Stopwatch.StartNew();
            source = Path.GetFullPath(source);
            destination = Path.GetFullPath(destination);
            var rejectPath = Path.GetFullPath(options.RejectPath ?? DefaultRejectPath(source, destination));
            if (SamePath(source, destination))
            {
                throw new ConversionException(ConversionFailure.SameSourceAndDestination, $"The destination '{destination}' is the source itself; write to another file.", destination);
            }

            if (SamePath(rejectPath, source) || SamePath(rejectPath, destination))
            {
                throw new ConversionException(ConversionFailure.SameSourceAndDestination, $"The reject file '{rejectPath}' is the source or the destination; give another -RejectPath.", rejectPath);
            }

            AtomicFileWriter.ThrowIfExists(destination, options.Overwrite);
            AtomicFileWriter.ThrowIfExists(rejectPath, options.Overwrite);

            var result = new ConversionResult { Source = source, Destination = destination, WhatIf = dryRun };
            OfflineDataFileWriter? output = null;
            AtomicFileWriter? rejectFile = null;
            RejectWriter? rejects = null;
            IReadOnlyList<string>? rejectHeader = null;
            int sourceWidth = 0;

            try
            {
                using (var file = OpenSource(source))
                {
                    result.ContainerValue = file.Format;
                    char? delimiter = options.Delimiter;
                    // A conversion is all or nothing: the first problem the container reports fails the file.
                    Finding? problem = null;
                    foreach (var entry in file.GetEntries(f => problem = problem ?? f))
                    {
                        if (problem != null) break;
                        using (var stream = OpenEntry(file, entry))
                        {
                            var text = SourceText.Open(stream, options.Encoding, source, entry.Name);
                            if (result.Encoding.Length == 0) result.Encoding = SourceEncodings.Describe(text.Encoding, text.HadBom);
                            // Excel writes a "sep=;" first line to name the delimiter; honour it and skip the line.
                            char? sepHint = SepHint(text.Sample);
                            delimiter = delimiter ?? sepHint ?? DelimiterDetector.Detect(text.Sample, text.SampleIsWhole);
                            if (delimiter == null)
                            {
                                if (text.Sample.Trim().Length == 0) continue; // an empty entry has no rows to lose
                                throw new ConversionException(ConversionFailure.DelimiterNotDetected, $"Cannot tell the delimiter of {Where(source, entry.Name)}: none of , ; tab | splits its rows evenly. Give -Delimiter.", source, entry.Name);
                            }

                            result.Delimiter = delimiter.Value == '\t' ? "`t" : delimiter.Value.ToString();

                            // The reader's tokenizer, with the source's delimiter: the same record and quote rules (an unclosed
                            // quote ends at the next line that starts like a record, or at its own line end), the same lines.
                            var tokenizer = new RecordTokenizer(text.Utf8, RecordLimit, RecordLimit, (byte)delimiter.Value);
                            ColumnPlan? plan = null;
                            RowConverter? rows = null;
                            RejectMask? mask = null;
                            bool first = true;
                            var fields = new List<string>(32);
                            while (true)
                            {
                                cancellationToken.ThrowIfCancellationRequested();
                                bool more;
                                try
                                {
                                    more = tokenizer.ReadRecord();
                                }
                                catch (ConversionException e) when (e.Line == null && e.InnerException is CorruptInputException)
                                {
                                    // Damaged compressed data: say how far the source was read, as the reader's findings do.
                                    long reached = tokenizer.Line;
                                    throw new ConversionException(
                                        e.Failure,
                                        e.Message + (reached > 0 ? $" The source was read up to line {reached}; nothing was written." : " Nothing was written."),
                                        e.Path,
                                        e.Entry,
                                        reached > 0 ? reached : (long?)null,
                                        e.InnerException);
                                }

                                if (!more) break;
                                long line = tokenizer.Line;
                                var issue = Issue(tokenizer);
                                fields.Clear();
                                if (tokenizer.IsTruncated)
                                {
                                    fields.Add(tokenizer.DecodeRecord()); // only its start was kept
                                }
                                else
                                {
                                    for (int i = 0; i < tokenizer.FieldCount; i++) fields.Add(tokenizer.DecodeField(i));
                                }

                                if (first && sepHint != null && line == 1 && fields.Count > 0 && fields[0].StartsWith("sep=", StringComparison.OrdinalIgnoreCase))
                                {
                                    continue;
                                }

                                // An empty line, or a line of separators only (";;;;;;", as spreadsheets export an empty row), is a blank
                                // row, as Test-OfflineDataFile calls it (BlankRow): skipped, never a rejected row nor the header.
                                if (issue == null && IsSeparatorsOnly(fields))
                                {
                                    continue;
                                }

                                // A record past the limit is rejected before anything else looks at it; it does not decide the header.
                                if (first && !tokenizer.IsTruncated)
                                {
                                    first = false;
                                    var cells = fields.ToArray();
                                    if (sourceWidth == 0) sourceWidth = cells.Length;
                                    bool header = options.SourceHasHeader ?? DecideHeader(cells);
                                    var headerCells = header ? cells : null;
                                    plan = ColumnPlan.Build(options.Mapping, headerCells, cells.Length, options.UnmappedToTransactionAttributes, source, entry.Name);
                                    rows = new RowConverter(plan, timestamps, options.Culture, options.MaxFieldBytes, options.MaxRecordBytes, options.Hashing);
                                    mask = RejectMask.For(options.Hashing, plan);
                                    if (output == null)
                                    {
                                        result.SourceHadHeader = header;
                                        foreach (var u in plan.Unmapped) result.UnmappedColumns.Add(u);
                                        output = OfflineDataFileWriter.Create(destination, options.Overwrite, options.Compress, options.WriteHeader, plan.Positional ? 0 : plan.Attributes.Count, dryRun);
                                    }

                                    if (header)
                                    {
                                        rejectHeader = rejectHeader ?? cells;
                                        continue;
                                    }
                                }

                                result.RowsRead++;
                                OfflineDataRecord? record = null;
                                RowConverter.Failure failure = default;
                                bool ok;
                                if (issue != null)
                                {
                                    ok = false;
                                    failure = Malformed(tokenizer, issue.Value);
                                }
                                else
                                {
                                    ok = rows!.TryConvert(fields, out record, out failure);
                                }

                                if (ok)
                                {
                                    output!.Write(record!);
                                    result.RowsWritten++;
                                }
                                else
                                {
                                    bool masking = options.Hashing != null && !options.Hashing.IncludeRawValue;
                                    if (masking && (issue != null || failure.Column == null || options.Hashing!.IsHashed(failure.Column)))
                                    {
                                        // The raw value of a hashed column never reaches a message or the result.
                                        failure.RawValue = null;
                                    }

                                    var reject = new RejectedRow(source, entry.Name, line, failure.Reason, failure.Message, failure.Column, failure.RawValue);
                                    result.RowsRejected++;
                                    result.RejectReasons[failure.Reason] = result.RejectReasons.TryGetValue(failure.Reason, out var c) ? c + 1 : 1;
                                    if (rejects == null)
                                    {
                                        if (!dryRun) rejectFile = AtomicFileWriter.Create(rejectPath, options.Overwrite);
                                        rejects = new RejectWriter(rejectFile?.Stream ?? Stream.Null, text.Encoding, text.HadBom, delimiter.Value, rejectHeader?.Count ?? sourceWidth);
                                        if (rejectHeader != null) rejects.WriteHeader(rejectHeader);
                                    }

                                    rejects.Write(!masking ? fields : issue != null || mask == null ? RejectMask.MaskAll(fields) : mask.Apply(fields), reject);
                                    observer?.OnRejected(reject);
                                }

                                if (result.RowsRead % ProgressEveryRows == 0)
                                {
                                    observer?.OnProgress(source, file.BytesRead, file.TotalBytes, result.RowsRead);
                                }
                            }
                        }
                    }

                    if (problem != null)
                    {
                        throw new ConversionException(ContainerFailure(problem.CodeValue), $"{Where(source, problem.Entry)}: {problem.Message}", source, problem.Entry);
                    }

                    observer?.OnProgress(source, file.TotalBytes, file.TotalBytes, result.RowsRead);
                }

                if (rejects != null)
                {
                    rejects.Dispose();
                    rejectFile?.Commit();
                    result.RejectPath = rejectPath;
                }
                else if (!dryRun && options.Overwrite && File.Exists(rejectPath) && options.RejectPath == null)
                {
                    // A stale default reject file from an earlier run would describe rows this run did not reject.
                    File.Delete(rejectPath);
                }

                if (result.RowsWritten == 0)
                {
                    var why = result.RowsRead == 0
                        ? $"{Where(source, null)} holds no data rows"
                        : dryRun
                            ? $"none of the {result.RowsRead} rows of '{source}' could be converted (a real run would write them to '{rejectPath}')"
                            : $"none of the {result.RowsRead} rows of '{source}' could be converted (see '{rejectPath}')";
                    throw new ConversionException(ConversionFailure.NoRowsConverted, $"Nothing was written to '{destination}': {why}. An offline data file needs at least one row.", source);
                }

                if (!dryRun) output!.Commit();
                result.Duration = clock.Elapsed;
                return result;
            }
            finally
            {
                output?.Dispose();
                rejects?.Dispose();
                rejectFile?.Dispose();
            }
        }

        private bool DecideHeader(string[] first)
        {
            var mapping = options.Mapping;
            if (mapping == null || mapping.Sources.Values.All(s => s.IsConstant)) return ColumnPlan.LooksLikeTargetHeader(first);
            if (mapping.UsesNames) return true;

            // Numbers only: a header is there when the timestamp (or Num1) column of the first row is not a value.
            if (mapping.Sources.TryGetValue(1, out var ts) && ts.Index != null)
            {
                int i = ts.Index.Value - 1;
                if (i >= first.Length) return true;
                return !timestamps.TryConvert(first[i], out _, out var reason, out _) && reason == ConversionRejectReason.InvalidTimestamp;
            }

            if (mapping.Sources.TryGetValue(6, out var num) && num.Index != null)
            {
                int i = num.Index.Value - 1;
                return i >= first.Length || !NumberParser.TryParse(first[i], options.Culture, out _);
            }

            return false;
        }

        internal static char? SepHint(string sample)
        {
            if (sample.Length < 5 || !sample.StartsWith("sep=", StringComparison.OrdinalIgnoreCase)) return null;
            if (sample.Length > 5 && sample[5] != '\r' && sample[5] != '\n') return null;
            char c = sample[4];
            return c == '"' || c == '\r' || c == '\n' ? (char?)null : c;
        }

        /// <summary>The source record limit in UTF-8 bytes, as the tokenizer counts it.</summary>
        private int RecordLimit => (int)Math.Max(64, Math.Min(options.MaxSourceRecordChars, int.MaxValue / 2));

        /// <summary>The structural problem that makes a record a malformed row: cut at the limit, a quote never closed, or a stray quote.</summary>
        private static StructuralIssue? Issue(RecordTokenizer t)
        {
            var issues = t.Issues;
            if (issues.Count == 0) return null; // nearly every record; and no enumerator for it
            StructuralIssue? found = null;
            foreach (var issue in issues)
            {
                if (issue.Code == FindingCode.RecordTooLong) return issue;
                if (found == null && (issue.Code == FindingCode.UnclosedQuote || issue.Code == FindingCode.StrayQuote)) found = issue;
            }

            return found;
        }

        /// <summary>Why a record with a structural problem was rejected, located as the reader locates it.</summary>
        private RowConverter.Failure Malformed(RecordTokenizer t, StructuralIssue issue)
        {
            var raw = Shorten(t.DecodeRecord());
            bool unclosed = false;
            foreach (var i in t.Issues) unclosed |= i.Code == FindingCode.UnclosedQuote;
            if (issue.Code == FindingCode.RecordTooLong)
            {
                long lastLine = issue.ResumeLine > 0 ? issue.ResumeLine - 1 : 0;
                string lines = lastLine > t.Line ? $"lines {t.Line} to {lastLine}" : $"line {t.Line}";
                string limit = $"{RecordLimit:N0} bytes (UTF-8), the most one source record may span";
                return new RowConverter.Failure
                {
                    Reason = unclosed ? ConversionRejectReason.MalformedRow : ConversionRejectReason.ValueTooLong,
                    Message = unclosed
                        ? $"A quoted field is never closed: the record ({lines}) grew past {limit}. Only its start is in the reject file."
                        : $"The record ({lines}) is longer than {limit}{(issue.ResumeLine == 0 ? " and runs to the end of the source" : string.Empty)}; it was skipped to its end without being read into memory, and only its start is in the reject file.",
                    RawValue = raw,
                };
            }

            return new RowConverter.Failure
            {
                Reason = ConversionRejectReason.MalformedRow,
                Message = issue.Code == FindingCode.UnclosedQuote
                    ? $"A quoted field is never closed; the row ends at the end of line {(issue.ResumeLine > 0 ? issue.ResumeLine - 1 : t.Line)} and reading went on with the next line, as Test-OfflineDataFile does."
                    : "A quote inside an unquoted field, or text after a closing quote; quote the whole field and double inner quotes.",
                RawValue = raw,
            };
        }

        private static InputContainer OpenSource(string path)
        {
            try
            {
                return InputContainer.Open(path);
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
        private static ConversionException Unreadable(string path, Exception e)
        {
            return new ConversionException(ConversionFailure.SourceUnreadable, $"Cannot read '{path}': {e.Message}", path, inner: e);
        }

        private static Stream OpenEntry(InputContainer file, InputEntry entry)
        {
            try
            {
                return new GuardedStream(entry.Open(), file.Path, entry.Name);
            }
            catch (CorruptInputException e)
            {
                throw Damaged(e, file.Path, entry.Name);
            }
        }

        /// <summary>The container's code as the conversion failure of the same name and number.</summary>
        private static ConversionFailure ContainerFailure(FindingCode code)
        {
            var failure = (ConversionFailure)(int)code;
            return Enum.IsDefined(typeof(ConversionFailure), failure) ? failure : ConversionFailure.CorruptArchive;
        }

        private static ConversionException Damaged(CorruptInputException e, string path, string? entry)
        {
            string what = e.Code == FindingCode.TrailingData
                ? $"{Where(path, entry)} has bytes after its compressed data"
                : $"The compressed data of {Where(path, entry)} is corrupt or truncated";
            return new ConversionException(ContainerFailure(e.Code), $"{what}: {e.Message}", path, entry, inner: e);
        }

        /// <summary>Turns the container's damage exception into a located <see cref="ConversionException"/>.</summary>
        private sealed class GuardedStream : ForwardReadStream
        {
            private readonly Stream inner;
            private readonly string path;
            private readonly string? entry;

            public GuardedStream(Stream inner, string path, string? entry)
            {
                this.inner = inner;
                this.path = path;
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
                    throw Damaged(e, path, entry);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    // The disk, not the data: without this a read error would look like a write failure of the destination.
                    throw Unreadable(path, e);
                }
            }

            protected override void Dispose(bool disposing)
            {
                if (disposing) inner.Dispose();
                base.Dispose(disposing);
            }
        }

        /// <summary>Whether every field of a record is empty (a row of separators, or of empty quoted fields).</summary>
        private static bool IsSeparatorsOnly(List<string> fields)
        {
            foreach (var f in fields)
            {
                if (f.Length != 0) return false;
            }

            return true;
        }

        private static string Shorten(string s) => s.Length <= 200 ? s : s.Substring(0, 200) + "...";

        private static string Where(string path, string? entry) => entry == null ? $"'{path}'" : $"zip entry '{DisplayText.Escape(entry)}' in '{path}'";
    }
}
