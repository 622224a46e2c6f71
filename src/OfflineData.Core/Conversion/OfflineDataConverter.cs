using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using CsvHelper;
using CsvHelper.Configuration;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;
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
                using (var file = SourceFile.Open(source))
                {
                    result.ContainerValue = file.Container;
                    char? delimiter = options.Delimiter;
                    foreach (var entry in file.Entries())
                    {
                        using (var text = SourceText.Open(entry.Stream, options.Encoding, options.MaxSourceRecordChars, source, entry.Name))
                        {
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
                            text.Delimiter = delimiter.Value;
                            bool badData = false;
                            var config = new CsvConfiguration(CultureInfo.InvariantCulture)
                            {
                                Delimiter = delimiter.Value.ToString(),
                                HasHeaderRecord = false,
                                IgnoreBlankLines = true,
                                DetectColumnCountChanges = false,
                                BadDataFound = _ => badData = true,
                                Mode = CsvMode.RFC4180,
                            };

                            using (var parser = new CsvParser(text, config))
                            {
                                ColumnPlan? plan = null;
                                RowConverter? rows = null;
                                bool first = true;
                                long nextLine = 1;
                                while (true)
                                {
                                    cancellationToken.ThrowIfCancellationRequested();
                                    badData = false;
                                    bool more;
                                    try
                                    {
                                        more = parser.Read();
                                    }
                                    catch (CsvHelperException e)
                                    {
                                        throw new ConversionException(
                                            ConversionFailure.SourceUnreadable,
                                            $"{Where(source, entry.Name)} cannot be parsed after line {nextLine - 1}: {e.Message}",
                                            source,
                                            entry.Name,
                                            nextLine,
                                            e);
                                    }
                                    catch (ConversionException e) when (e.Line == null && e.InnerException is Containers.CorruptInputException)
                                    {
                                        // Damaged compressed data: say how far the source was read, as the reader's findings do.
                                        long reached = nextLine - 1;
                                        throw new ConversionException(
                                            e.Failure,
                                            e.Message + (reached > 0 ? $" The source was read up to line {reached}; nothing was written." : " Nothing was written."),
                                            e.Path,
                                            e.Entry,
                                            reached > 0 ? reached : (long?)null,
                                            e.InnerException);
                                    }

                                    if (!more) break;
                                    var fields = parser.Record ?? Array.Empty<string>();
                                    var raw = parser.RawRecord ?? string.Empty;
                                    long line = StartLine(parser.RawRow, raw);
                                    var cut = text.TakeSkipped(parser.CharCount);
                                    nextLine = parser.RawRow + (cut?.DroppedLineBreaks ?? 0) + 1;

                                    if (first && sepHint != null && line == 1 && raw.StartsWith("sep=", StringComparison.OrdinalIgnoreCase))
                                    {
                                        continue;
                                    }

                                    // A line of separators only (";;;;;;", as spreadsheets export an empty row) is a blank row, as
                                    // Test-OfflineDataFile calls it (BlankRow): skipped like an empty line, never a rejected row nor the header.
                                    if (cut == null && !badData && IsSeparatorsOnly(fields))
                                    {
                                        continue;
                                    }

                                    // A record past the limit is rejected before anything else looks at it; it does not decide the header.
                                    if (first && cut == null)
                                    {
                                        first = false;
                                        if (sourceWidth == 0) sourceWidth = fields.Length;
                                        bool header = options.SourceHasHeader ?? DecideHeader(fields);
                                        var headerCells = header ? fields : null;
                                        plan = ColumnPlan.Build(options.Mapping, headerCells, fields.Length, options.UnmappedToTransactionAttributes, source, entry.Name);
                                        rows = new RowConverter(plan, timestamps, options.Culture, options.MaxFieldBytes, options.MaxRecordBytes);
                                        if (output == null)
                                        {
                                            result.SourceHadHeader = header;
                                            foreach (var u in plan.Unmapped) result.UnmappedColumns.Add(u);
                                            output = OfflineDataFileWriter.Create(destination, options.Overwrite, options.Compress, options.WriteHeader, plan.Positional ? 0 : plan.Attributes.Count, dryRun);
                                        }

                                        if (header)
                                        {
                                            rejectHeader = rejectHeader ?? fields;
                                            continue;
                                        }
                                    }

                                    result.RowsRead++;
                                    OfflineDataRecord? record = null;
                                    RowConverter.Failure failure = default;
                                    bool ok;
                                    if (cut != null)
                                    {
                                        ok = false;
                                        failure = TooLong(cut, line, nextLine - (cut.EndsInLineBreak ? 2 : 1), raw);
                                    }
                                    else if (badData || CountQuotes(raw) % 2 != 0)
                                    {
                                        ok = false;
                                        failure = new RowConverter.Failure
                                        {
                                            Reason = ConversionRejectReason.MalformedRow,
                                            Message = CountQuotes(raw) % 2 != 0
                                                ? "A quoted field is never closed; the rest of the source was taken into it."
                                                : "A quote inside an unquoted field, or text after a closing quote; quote the whole field and double inner quotes.",
                                            RawValue = Shorten(raw.TrimEnd('\r', '\n')),
                                        };
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
                                        var reject = new RejectedRow(source, entry.Name, line, failure.Reason, failure.Message, failure.Column, failure.RawValue);
                                        result.RowsRejected++;
                                        result.RejectReasons[failure.Reason] = result.RejectReasons.TryGetValue(failure.Reason, out var c) ? c + 1 : 1;
                                        if (rejects == null)
                                        {
                                            if (!dryRun) rejectFile = AtomicFileWriter.Create(rejectPath, options.Overwrite);
                                            rejects = new RejectWriter(rejectFile?.Stream ?? Stream.Null, text.Encoding, text.HadBom, delimiter.Value, rejectHeader?.Count ?? sourceWidth);
                                            if (rejectHeader != null) rejects.WriteHeader(rejectHeader);
                                        }

                                        rejects.Write(fields, reject);
                                        observer?.OnRejected(reject);
                                    }

                                    if (result.RowsRead % ProgressEveryRows == 0)
                                    {
                                        observer?.OnProgress(source, file.BytesRead, file.TotalBytes, result.RowsRead);
                                    }
                                }
                            }
                        }
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

        private static char? SepHint(string sample)
        {
            if (sample.Length < 5 || !sample.StartsWith("sep=", StringComparison.OrdinalIgnoreCase)) return null;
            if (sample.Length > 5 && sample[5] != '\r' && sample[5] != '\n') return null;
            char c = sample[4];
            return c == '"' || c == '\r' || c == '\n' ? (char?)null : c;
        }

        /// <summary>Why a record past the source record limit was rejected; only its start reached the parser (and the reject file).</summary>
        private RowConverter.Failure TooLong(SkippedRecord cut, long firstLine, long lastLine, string raw)
        {
            string lines = lastLine > firstLine ? $"lines {firstLine} to {lastLine}" : $"line {firstLine}";
            string limit = $"{options.MaxSourceRecordChars:N0} characters, the most one source record may span";
            return new RowConverter.Failure
            {
                Reason = cut.UnclosedQuote ? ConversionRejectReason.MalformedRow : ConversionRejectReason.ValueTooLong,
                Message = cut.UnclosedQuote
                    ? $"A quoted field is never closed: the record took in the rest of the source ({lines}, {cut.Length:N0} characters), past {limit}. Only its start is in the reject file."
                    : $"The record ({lines}) is {cut.Length:N0} characters long{(cut.RunsToEnd ? " and runs to the end of the source" : string.Empty)}, past {limit}; it was skipped to its end without being read into memory, and only its start is in the reject file.",
                RawValue = Shorten(raw.TrimEnd('\r', '\n')),
            };
        }

        private static long StartLine(long endLine, string raw)
        {
            int end = raw.Length;
            if (end > 0 && raw[end - 1] == '\n') end--;
            if (end > 0 && raw[end - 1] == '\r') end--;
            long breaks = 0;
            for (int i = 0; i < end; i++)
            {
                if (raw[i] == '\n') breaks++;
                else if (raw[i] == '\r' && (i + 1 >= end || raw[i + 1] != '\n')) breaks++;
            }

            return endLine - breaks;
        }

        /// <summary>Whether every field of a record is empty (a row of separators, or of empty quoted fields).</summary>
        private static bool IsSeparatorsOnly(string[] fields)
        {
            foreach (var f in fields)
            {
                if (f.Length != 0) return false;
            }

            return true;
        }

        private static int CountQuotes(string raw)
        {
            int n = 0;
            foreach (char c in raw) if (c == '"') n++;
            return n;
        }

        private static string Shorten(string s) => s.Length <= 200 ? s : s.Substring(0, 200) + "...";

        private static string Where(string path, string? entry) => entry == null ? $"'{path}'" : $"zip entry '{DisplayText.Escape(entry)}' in '{path}'";
    }
}
