using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using OfflineData.Core.Conversion;
using OfflineData.Core.Store;

namespace OfflineData.Core.Exporting
{
    /// <summary>
    /// Exports a report suite's stored rows of a range (at most five years, <see cref="ExportRange"/>) to files in
    /// batches of days or rows. Each batch is written under a temporary name, moved into place, then recorded in the
    /// store's export ledger; a run killed mid-way resumes at the first batch the ledger does not have, and a finished
    /// export does nothing again unless <see cref="HistoryExportOptions.Force"/>. A batch without rows writes no file.
    /// </summary>
    public sealed class HistoryExporter
    {
        private readonly IExportStore store;
        private readonly HistoryExportOptions options;
        private readonly string folder;
        private readonly string prefix;

        /// <summary>Checks the options (range, batching, folder) and prepares the export.</summary>
        /// <exception cref="ExportException">The range is empty or longer than five years, or the folder is missing.</exception>
        public HistoryExporter(IExportStore store, HistoryExportOptions options)
        {
            this.store = store ?? throw new ArgumentNullException(nameof(store));
            this.options = options ?? throw new ArgumentNullException(nameof(options));
            if (string.IsNullOrEmpty(options.ReportSuite)) throw new ArgumentException("A report suite is required.", nameof(options));
            ExportRange.Check(options.From, options.To);
            if (options.BatchDays.HasValue && options.BatchRows.HasValue) throw new ArgumentException("Batches go by days or by rows, not both.", nameof(options));
            if (options.BatchDays <= 0 || options.BatchRows <= 0) throw new ArgumentException("A batch size must be positive.", nameof(options));
            folder = Path.GetFullPath(options.Folder);
            if (!Directory.Exists(folder)) throw new ExportException("ExportFolderNotFound", $"The folder '{folder}' does not exist; create it first.", folder);
            prefix = string.IsNullOrEmpty(options.Prefix)
                ? Safe(options.ReportSuite) + "_" + Stamp(options.From) + "-" + Stamp(options.To)
                : options.Prefix!;
            ExportKey = string.Join("|", options.ReportSuite, Stamp(options.From), Stamp(options.To),
                ByRows ? "rows=" + options.BatchRows!.Value.ToString(CultureInfo.InvariantCulture) : "days=" + Days.ToString(CultureInfo.InvariantCulture),
                options.Format.ToString(), Path.Combine(folder, prefix))
                // Hashed files differ from plain ones: an export with other hashing settings is another export.
                + (options.Hashing == null ? string.Empty : "|hash=" + options.Hashing);
        }

        /// <summary>Identifies this export in the ledger: report suite, range, batching, format and the files' folder and prefix.</summary>
        public string ExportKey { get; }

        private bool ByRows => options.BatchRows.HasValue;

        private string Policy => options.Suppression.Policy.ToString();

        private int Suppressed => options.Suppression.CustomerCount;

        private int Days => options.BatchDays ?? HistoryExportOptions.DefaultBatchDays;

        /// <summary>The batch plan (-WhatIf): counts rows, writes nothing.</summary>
        public ExportPlan Plan()
        {
            long rows = store.CountOfflineRows(options.ReportSuite, options.From, options.To);
            int written = store.GetExportBatches(ExportKey).Count(e => ByRows || IsFinished(e));
            if (options.Force) written = 0;
            if (ByRows)
            {
                int batches = (int)Math.Max(1, (rows + options.BatchRows!.Value - 1) / options.BatchRows.Value);
                return new ExportPlan(batches, options.From, options.To, options.From, options.To, rows, written, Policy, Suppressed);
            }

            var ranges = DayRanges();
            var last = ranges[ranges.Count - 1];
            return new ExportPlan(ranges.Count, ranges[0].From, ranges[0].To, last.From, last.To, rows, written, Policy, Suppressed);
        }

        /// <summary>
        /// Runs the export, yielding one result per batch with rows (and per batch skipped as already written), each as
        /// soon as its files are in place and recorded. <paramref name="progress"/> hears of every batch, empty ones too.
        /// </summary>
        public IEnumerable<ExportBatchResult> Run(Action<ExportProgress>? progress = null) => Run(progress, null);

        /// <summary>
        /// As <see cref="Run(Action{ExportProgress})"/>; <paramref name="withheld"/> hears of every batch that read rows
        /// but wrote none (all suppressed or rejected, status <see cref="ExportBatchStatus.Withheld"/>): such a batch
        /// writes no file, is not recorded and is not yielded, so its counts reach the caller only there.
        /// </summary>
        public IEnumerable<ExportBatchResult> Run(Action<ExportProgress>? progress, Action<ExportBatchResult>? withheld)
        {
            if (options.Force) store.ForgetExport(ExportKey);
            var done = store.GetExportBatches(ExportKey).ToDictionary(e => e.Batch);
            return ByRows ? RunByRows(done, progress, withheld) : RunByDays(done, progress, withheld);
        }

        /// <summary>The batches by days: From, From + n days, …, the last ending at To.</summary>
        internal IReadOnlyList<(DateTime From, DateTime To)> DayRanges()
        {
            var result = new List<(DateTime, DateTime)>();
            for (var start = options.From; start < options.To;)
            {
                var end = start.AddDays(Days);
                if (end > options.To) end = options.To;
                result.Add((start, end));
                start = end;
            }

            return result;
        }

        private IEnumerable<ExportBatchResult> RunByDays(Dictionary<int, ExportLedgerEntry> done, Action<ExportProgress>? progress, Action<ExportBatchResult>? withheld)
        {
            var ranges = DayRanges();
            long total = 0;
            for (int i = 0; i < ranges.Count; i++)
            {
                int number = i + 1;
                ExportBatchResult? result;
                if (done.TryGetValue(number, out var entry) && IsFinished(entry))
                {
                    result = entry.Rows == 0 && entry.SuppressedRows == 0 ? null : Skipped(entry);
                    total += entry.Rows;
                }
                else
                {
                    var rows = store.GetOfflineRowsInTimeOrder(options.ReportSuite, ranges[i].From, ranges[i].To, null, null);
                    result = WriteBatch(number, ranges[i].From, ranges[i].To, rows, out _);
                    total += result?.Rows ?? 0;
                }

                progress?.Invoke(new ExportProgress(number, ranges.Count, ranges[i].From, ranges[i].To, total, result?.StatusValue));
                if (result?.StatusValue == ExportBatchStatus.Withheld) withheld?.Invoke(result);
                else if (result != null) yield return result;
            }
        }

        private IEnumerable<ExportBatchResult> RunByRows(Dictionary<int, ExportLedgerEntry> done, Action<ExportProgress>? progress, Action<ExportBatchResult>? withheld)
        {
            int size = options.BatchRows!.Value;
            int estimated = (int)Math.Max(1, (store.CountOfflineRows(options.ReportSuite, options.From, options.To) + size - 1) / size);
            var cursor = options.From;
            long? afterId = null;
            long total = 0;
            int number = 1;
            // Batches by rows are cut where the rows fall: the ledger's contiguous batches from 1 say where the last ended.
            for (; done.TryGetValue(number, out var entry); number++)
            {
                cursor = entry.LastTimestamp ?? cursor;
                afterId = entry.LastRowId ?? afterId;
                total += entry.Rows;
                var skipped = Skipped(entry);
                progress?.Invoke(new ExportProgress(number, Math.Max(estimated, number), entry.From, entry.To, total, ExportBatchStatus.Skipped));
                // An entry without files (an all-suppressed batch recorded by an older version) has nothing to send.
                if (entry.Files.Count > 0) yield return skipped;
            }

            while (true)
            {
                // At most one batch of rows per query: the connection is free again before the batch is recorded.
                var rows = store.GetOfflineRowsInTimeOrder(options.ReportSuite, cursor, options.To, afterId, size);
                var result = WriteBatch(number, null, null, rows, out var last);
                if (result == null) yield break;
                total += result.Rows;
                progress?.Invoke(new ExportProgress(number, Math.Max(estimated, number), result.From, result.To, total, result.StatusValue));
                if (result.StatusValue == ExportBatchStatus.Withheld)
                {
                    // Not recorded, so the number is not used up: the next batch with rows takes it (the ledger's batches
                    // stay contiguous from 1, and that batch's end moves the resume point past these rows).
                    withheld?.Invoke(result);
                }
                else
                {
                    yield return result;
                    number++;
                }

                // Suppressed and rejected rows were read too: a batch that read fewer than asked was the last.
                if (result.Rows + result.Rejected + result.SuppressedRows < size) yield break;
                cursor = last!.Timestamp;
                afterId = last.Id;
            }
        }

        /// <summary>Writes, moves into place and records one batch; null when it has no rows, Withheld when none was written (neither recorded nor a file).</summary>
        private ExportBatchResult? WriteBatch(int number, DateTime? from, DateTime? to, IEnumerable<StoredOfflineRow> rows, out StoredOfflineRow? last)
        {
            last = null;
            StoredOfflineRow? first = null;
            IBatchWriter? writer = null;
            long suppressed = 0;
            try
            {
                foreach (var row in rows)
                {
                    first ??= row;
                    last = row;
                    // An opted-out customer's row is read (the keyset moves past it) but never written.
                    if (options.Suppression.IsSuppressed(row.CustomerId))
                    {
                        suppressed++;
                        continue;
                    }

                    writer ??= Open(number);
                    writer.Write(row);
                }

                // Nothing read: an empty batch is not recorded, so rows imported later into its range (a late or a
                // history import) are written by the next run without -Force; reading an empty range again is one index seek.
                if (first == null) return null;

                if (writer == null || writer.Rows == 0)
                {
                    // Rows read but none written (all suppressed or rejected): no file (a header-only file would be sent
                    // as data) and not recorded, like an empty batch, so a customer who opts back in or a corrected row is
                    // written by a later run without -Force. The caller hears of it (counts), the pipeline does not.
                    return new ExportBatchResult(options.ReportSuite, number, from ?? first.Timestamp, to ?? last!.Timestamp.AddSeconds(1), 0, writer?.Rejected ?? 0, Array.Empty<string>(), 0, ExportBatchStatus.Withheld, options.Format, suppressed)
                    {
                        ConsentPolicy = Policy,
                        RejectCounts = Counts(writer),
                    };
                }

                var files = writer.Commit();
                long bytes = files.Sum(f => new FileInfo(f).Length);
                var entry = new ExportLedgerEntry
                {
                    ExportKey = ExportKey,
                    Batch = number,
                    From = from ?? first!.Timestamp,
                    To = to ?? last!.Timestamp.AddSeconds(1),
                    Rows = writer.Rows,
                    SuppressedRows = suppressed,
                    Files = files,
                    Bytes = bytes,
                    LastTimestamp = last!.Timestamp,
                    LastRowId = last.Id,
                    WrittenAt = DateTimeOffset.UtcNow,
                };
                store.RecordExportBatch(entry);
                return new ExportBatchResult(options.ReportSuite, number, entry.From, entry.To, writer.Rows, writer.Rejected, files, bytes, ExportBatchStatus.Written, options.Format, suppressed) { ConsentPolicy = Policy, RejectCounts = Counts(writer) };
            }
            catch (ConversionException e)
            {
                throw new ExportException("ExportWriteFailed", $"Batch {number} could not be written: {e.Message}", e.Path ?? folder, e);
            }
            catch (IOException e)
            {
                throw new ExportException("ExportWriteFailed", $"Batch {number} could not be written: {e.Message}", folder, e);
            }
            finally
            {
                writer?.Dispose();
            }
        }

        /// <summary>
        /// Whether a recorded batch by days is finished, so a re-run skips it: it wrote rows, and its range had ended at
        /// least <see cref="OpenMargin"/> before it was written. A range that reached today or the future when it was
        /// written is still open (tonight's import brings rows into it), so the next run writes it again with the rows
        /// that arrived; an entry without rows (recorded by an older version) is read again too.
        /// </summary>
        internal static bool IsFinished(ExportLedgerEntry entry) => entry.Rows > 0 && entry.To <= entry.WrittenAt.UtcDateTime - OpenMargin;

        /// <summary>
        /// How long after a batch's end rows may still arrive: stored times are the tills' local times (UTC-12 to
        /// UTC+14, the store does not know the zone) and a nightly import brings the day before, so one day.
        /// </summary>
        internal static readonly TimeSpan OpenMargin = TimeSpan.FromDays(1);

        private ExportBatchResult Skipped(ExportLedgerEntry entry) =>
            new ExportBatchResult(options.ReportSuite, entry.Batch, entry.From, entry.To, entry.Rows, 0, entry.Files, entry.Bytes, ExportBatchStatus.Skipped, options.Format, entry.SuppressedRows) { ConsentPolicy = Policy };

        private static IReadOnlyDictionary<string, long> Counts(IBatchWriter? writer) =>
            new SortedDictionary<string, long>(writer == null ? new Dictionary<string, long>() : writer.RejectCounts.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);

        private IBatchWriter Open(int number)
        {
            var writer = OpenFormat(number);
            return options.Hashing == null ? writer : new HashingBatchWriter(writer, options.Hashing);
        }

        private IBatchWriter OpenFormat(int number)
        {
            string name = prefix + "_" + number.ToString("D4", CultureInfo.InvariantCulture);
            return options.Format switch
            {
                ExportFormat.OfflineData => new OfflineDataBatchWriter(Path.Combine(folder, name + ".csv")),
                ExportFormat.Csv => new TableBatchWriter(Path.Combine(folder, name + ".csv"), jsonLines: false),
                ExportFormat.JsonLines => new TableBatchWriter(Path.Combine(folder, name + ".jsonl"), jsonLines: true),
                ExportFormat.AdobeDataSources => new AdobeBatchWriter(folder, name, options.Adobe),
                _ => throw new ArgumentOutOfRangeException(nameof(options)),
            };
        }

        private static string Stamp(DateTime value) =>
            value.ToString(value.TimeOfDay == TimeSpan.Zero ? "yyyyMMdd" : "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

        private static string Safe(string text)
        {
            var invalid = Path.GetInvalidFileNameChars();
            return new string(text.Select(c => Array.IndexOf(invalid, c) >= 0 || c == '*' || c == '?' ? '_' : c).ToArray());
        }
    }
}
