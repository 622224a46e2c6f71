using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;
using OfflineData.Core.Matching;
using OfflineData.Core.Reading;
using OfflineData.Core.Store;

namespace OfflineData.Core.Import
{
    /// <summary>
    /// Imports offline data files: validates every row with the shared reader, matches every valid row
    /// (DOMAIN.md §2), writes a file's rows in one transaction with its ledger entry, quarantines rejected rows,
    /// and skips content already imported unless forced. A dry run does all the reading and matching and
    /// writes nothing.
    /// </summary>
    public sealed class OfflineDataImporter
    {
        private const int MaxListedFindings = 100;
        private const int ProgressEveryRows = 4096;

        /// <summary>
        /// Valid rows are matched this many at a time: the session is told each chunk's transaction and customer IDs
        /// first (one round trip for a server store), and memory holds one chunk, whatever the file's size. Small
        /// enough that a chunk's records die young: 10,000 (about 6 MB of records) outlived most gen-0 collections, so
        /// nearly every one became a gen-1 collection, in the dry run too. A server store buffers its COPY separately,
        /// in chunks of its own of at least 10,000 rows.
        /// </summary>
        internal const int ChunkRows = 2_000;

        private readonly IOfflineDataStore store;

        /// <summary>Creates an importer writing to <paramref name="store"/>.</summary>
        public OfflineDataImporter(IOfflineDataStore store)
        {
            this.store = store ?? throw new ArgumentNullException(nameof(store));
        }

        /// <summary>Imports one file. Never throws for a bad file: the result says Failed and why; nothing of it is written.</summary>
        /// <exception cref="OperationCanceledException">Cancelled; nothing of the file was written.</exception>
        public ImportResult Import(string path, OfflineDataImportOptions options, IImportObserver observer, CancellationToken cancellationToken = default)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (observer == null) throw new ArgumentNullException(nameof(observer));
            ReportSuiteId.Validate(options.ReportSuite, nameof(options));

            var clock = Stopwatch.StartNew();
            var fullPath = Path.GetFullPath(path);
            var result = new ImportResult
            {
                Path = fullPath,
                ReportSuite = options.ReportSuite,
                TransactionIdColumn = options.TransactionIdColumn.Name,
                Store = store.Location,
            };
            var entry = new ImportLedgerEntry
            {
                ReportSuite = options.ReportSuite,
                FileName = Path.GetFileName(fullPath),
                Path = fullPath,
                StartedAt = DateTimeOffset.UtcNow,
                TransactionIdColumn = options.TransactionIdColumn.Name,
            };

            try
            {
                entry.Size = result.Size = new FileInfo(fullPath).Length;
                entry.Sha256 = result.Sha256 = ComputeSha256(fullPath, cancellationToken);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                result.ReadFailure = e;
                return Fail(result, clock, $"Cannot read '{fullPath}': {e.Message}", null, record: false, ImportFailureCause.Unreadable);
            }

            ImportLedgerEntry? previous;
            try
            {
                previous = store.FindCompletedImport(options.ReportSuite, entry.Sha256);
            }
            catch (StoreException e)
            {
                return StoreFailed(result, clock, e);
            }

            if (previous != null)
            {
                if (!options.Force && !options.DryRun) return Skip(result, previous, clock, observer);
                result.PreviousImportId = previous.Id;
            }

            QuarantineWriter? quarantine = null;
            try
            {
                using var session = store.BeginImport(entry, options.DryRun);
                if (!options.DryRun)
                {
                    // Under the write lock: what another import committed while we waited is what this one replaces (or skips).
                    if (session.AlreadyImported != null && !options.Force)
                    {
                        return Skip(result, session.AlreadyImported, clock, observer);
                    }

                    result.PreviousImportId = session.AlreadyImported?.Id;
                }

                if (options.DryRun && previous != null)
                {
                    observer.Warning($"'{fullPath}' was already imported into '{options.ReportSuite}' as import {previous.Id} on {previous.StartedAt.ToLocalTime():yyyy-MM-dd HH:mm zzz}; a real run would skip it unless -Force (which replaces that import).");
                }

                result.ImportId = session.ImportId;
                if (!options.DryRun)
                {
                    var directory = options.RejectDirectory ?? FallbackQuarantineDirectory;
                    quarantine = new QuarantineWriter(directory, QuarantineWriter.NameFor(session.ImportId!.Value, options.QuarantineStoreName, entry.StartedAt.UtcDateTime, entry.FileName), options.OpenQuarantineFile);
                }

                var matcher = new OfflineRowMatcher(session.Recording, session.FindTransaction, session.IsKnownVisitor, options.TransactionIdColumn);
                var failure = ReadAndMatch(fullPath, options, observer, session, matcher, result, quarantine, cancellationToken);
                if (failure != null)
                {
                    // Leave the using block first so the session's transaction is rolled back before the ledger records the failure.
                    throw failure;
                }

                result.DistinctCustomers = session.CountDistinctCustomers();
                result.Duration = clock.Elapsed;
                if (options.DryRun)
                {
                    result.StatusValue = ImportRunStatus.DryRun;
                    return result;
                }

                if (quarantine != null && quarantine.HasRows)
                {
                    // Named before the commit: a kill in between leaves an orphan quarantine file (its name carries
                    // the start time, so the next import that gets the same id never collides with it), never a
                    // ledger entry pointing nowhere.
                    quarantine.Complete();
                    result.QuarantinePath = quarantine.FinalPath;
                }

                // The store returns what it stored; the importer's own figures are the file's, the stored ones the store's.
                var stored = session.Commit(new ImportFileCounts
                {
                    Rows = result.Rows,
                    Rejected = result.Rejected,
                    Duplicates = result.Duplicates,
                    Warnings = result.Warnings,
                    QuarantinePath = result.QuarantinePath,
                })!;
                result.ImportId = stored.Id;
                quarantine?.Keep();
                result.StatusValue = ImportRunStatus.Imported;
                result.Duration = clock.Elapsed;
                if (result.Rejected > 0)
                {
                    observer.Warning($"{result.Rejected} row(s) of '{fullPath}' have errors and were not imported; they are in '{result.QuarantinePath}' with their codes and lines.");
                }

                return result;
            }
            catch (FileLevelErrorException e)
            {
                return Fail(result, clock, e.Message, entry, record: !options.DryRun, e.Cause);
            }
            catch (QuarantineException e)
            {
                return Fail(result, clock, $"{e.Message}. '{fullPath}' was not imported; nothing of it was written.", entry, record: true, ImportFailureCause.QuarantineFailed);
            }
            catch (StoreException e)
            {
                return StoreFailed(result, clock, e);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // The source went away or failed while it was read (a lost share, a bad sector): FileReadFailed.
                result.ReadFailure = e;
                return Fail(result, clock, $"Cannot read '{fullPath}': {e.Message} The file was not imported; nothing of it was written.", entry, record: !options.DryRun, ImportFailureCause.Unreadable);
            }
            finally
            {
                // Removes the partial file, or the named one when the commit failed after naming it.
                quarantine?.Dispose();
            }
        }

        private ImportResult StoreFailed(ImportResult result, Stopwatch clock, StoreException e)
        {
            result.StoreFailureKindValue = e.Kind;
            return Fail(result, clock, $"{e.Message} Nothing of the file was written, and the failure is not in the ledger.", null, record: false, ImportFailureCause.StoreFailed);
        }

        /// <summary>
        /// Reads, validates, matches and adds every row; returns the failure for a file-level error or for a file
        /// without one importable row, else null.
        /// </summary>
        private static FileLevelErrorException? ReadAndMatch(string path, OfflineDataImportOptions options, IImportObserver observer, IImportSession session,
            OfflineRowMatcher matcher, ImportResult result, QuarantineWriter? quarantine, CancellationToken cancellationToken)
        {
            var rejectedByCode = new SortedDictionary<FindingCode, long>();
            var emptyEntries = new List<Finding>();
            var chunk = new List<OfflineDataRecord>(ChunkRows);
            using var reader = OfflineDataReader.Open(path, options.ReaderOptions);
            observer.Progress(path, 0, reader.TotalBytes, 0);
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                result.Rows++;
                foreach (var finding in reader.FileFindings)
                {
                    var failure = FileLevel(finding, observer, result, emptyEntries);
                    if (failure != null) return failure;
                }

                foreach (var finding in reader.RowFindings)
                {
                    if (finding.SeverityValue == FindingSeverity.Error)
                    {
                        if (result.Findings.Count < MaxListedFindings) result.Findings.Add(finding);
                    }
                    else
                    {
                        result.Warnings++;
                        if (finding.CodeValue == FindingCode.DuplicateRow) result.Duplicates++;
                    }
                }

                if (reader.RowHasErrors)
                {
                    result.Rejected++;
                    foreach (var code in reader.RowFindings.Where(f => f.SeverityValue == FindingSeverity.Error).Select(f => f.CodeValue).Distinct())
                    {
                        rejectedByCode.TryGetValue(code, out var n);
                        rejectedByCode[code] = n + 1;
                    }

                    quarantine?.Write(reader.Line, reader.Entry, reader.RowIndex, reader.RowFindings.Where(f => f.SeverityValue == FindingSeverity.Error), reader.RawRecord);
                }
                else
                {
                    chunk.Add(reader.ToRecord());
                    if (chunk.Count == ChunkRows) MatchAndAdd(chunk, options, observer, session, matcher, result, cancellationToken);
                }

                if (result.Rows % ProgressEveryRows == 0) observer.Progress(path, reader.BytesRead, reader.TotalBytes, result.Rows);
            }

            foreach (var finding in reader.FileFindings)
            {
                var failure = FileLevel(finding, observer, result, emptyEntries);
                if (failure != null) return failure;
            }

            MatchAndAdd(chunk, options, observer, session, matcher, result, cancellationToken);
            observer.Progress(path, reader.TotalBytes, reader.TotalBytes, result.Rows);
            if (result.Imported == 0)
            {
                // Recorded as imported, an empty or wholly rejected file would be skipped as "already imported" by
                // every later run, also once fixed: it fails, so the fixed file (or the same content) imports later.
                foreach (var empty in emptyEntries) result.Findings.Add(empty);
                return new FileLevelErrorException(NothingImportable(path, result, rejectedByCode), ImportFailureCause.NoImportableRows);
            }

            // An empty zip entry beside entries with rows is worth a warning, not a failure.
            foreach (var empty in emptyEntries)
            {
                result.Warnings++;
                observer.Warning(empty.ToString());
            }

            return null;
        }

        /// <summary>
        /// Matches and adds one chunk of valid rows in file order, after telling the session which transaction and
        /// customer IDs they will look up; empties the chunk.
        /// </summary>
        private static void MatchAndAdd(List<OfflineDataRecord> chunk, OfflineDataImportOptions options, IImportObserver observer, IImportSession session,
            OfflineRowMatcher matcher, ImportResult result, CancellationToken cancellationToken)
        {
            if (chunk.Count == 0) return;
            var transactionIds = new HashSet<string>(StringComparer.Ordinal);
            var customerIds = new HashSet<string>(StringComparer.Ordinal);
            foreach (var record in chunk)
            {
                var transactionId = matcher.TransactionIdToLookUp(record);
                if (transactionId != null) transactionIds.Add(transactionId);
                customerIds.Add(record.CustomerId);
            }

            session.PrepareLookups(transactionIds, customerIds);
            foreach (var record in chunk)
            {
                // Checked per row here too: the last chunk is matched after the file has been read to its end.
                cancellationToken.ThrowIfCancellationRequested();
                var match = matcher.Match(record);
                session.AddRow(record, match);
                Count(result, record, match);
                if (observer.WantsRows) observer.RowMatched(new StoredOfflineRow(null, session.ImportId, options.ReportSuite, record, match, result.Store));
            }

            chunk.Clear();
        }

        private static string NothingImportable(string path, ImportResult result, IDictionary<FindingCode, long> rejectedByCode)
        {
            if (result.Rows == 0)
            {
                return $"'{path}' holds no data row (it is empty, has only a header, or only blank lines), so it was not imported. An empty nightly file usually means the export failed or ran too early; once the file has rows, the next run imports it.";
            }

            var codes = string.Join(", ", rejectedByCode.OrderByDescending(p => p.Value).Take(3)
                .Select(p => $"{p.Key} (OD{(int)p.Key}) in {p.Value} row(s)"));
            var hint = rejectedByCode.ContainsKey(FindingCode.InvalidUtf8)
                ? " The text is not UTF-8 (a Windows-1252 till export?): convert it first, e.g. Convert-OfflineDataFile -Path <file> -Destination <new file> -Encoding Windows-1252."
                : string.Empty;
            return $"None of the {result.Rows} row(s) of '{path}' can be imported: every row has errors ({codes}), so the file was not imported; nothing of it was written.{hint} Test-OfflineDataFile lists every finding with its line.";
        }

        /// <summary>
        /// A finding not tied to a data row. An error there (unreadable or truncated container, UTF-16 text, wrong
        /// header) fails the whole file: importing the rows before it would import the file in part.
        /// </summary>
        private static FileLevelErrorException? FileLevel(Finding finding, IImportObserver observer, ImportResult result, List<Finding> emptyEntries)
        {
            if (finding.SeverityValue == FindingSeverity.Error)
            {
                result.Findings.Add(finding);
                return new FileLevelErrorException($"{DisplayText.EndSentence(finding.ToString())} The file was not imported; nothing of it was written.", ImportFailureCause.InvalidFile);
            }

            if (finding.CodeValue == FindingCode.NoDataRows)
            {
                // Decided at the end: the reason the file fails when no entry has rows, else a warning.
                emptyEntries.Add(finding);
                return null;
            }

            result.Warnings++;
            observer.Warning(finding.ToString());
            return null;
        }

        private static void Count(ImportResult result, OfflineDataRecord record, MatchResult match)
        {
            result.Imported++;
            result.Revenue += record.Num2;
            switch (match.OutcomeValue)
            {
                case MatchOutcome.TransactionId: result.MatchedByTransactionId++; break;
                case MatchOutcome.CustomerId: result.MatchedByCustomerId++; break;
                default:
                    result.Unattributed++;
                    result.UnattributedByReason.TryGetValue(match.Reason, out var n);
                    result.UnattributedByReason[match.Reason] = n + 1;
                    break;
            }
        }

        private static ImportResult Skip(ImportResult result, ImportLedgerEntry previous, Stopwatch clock, IImportObserver observer)
        {
            result.StatusValue = ImportRunStatus.Skipped;
            result.PreviousImportId = previous.Id;
            result.ImportId = null;
            result.Duration = clock.Elapsed;
            result.Message = $"The same content (SHA-256 {previous.Sha256}) was already imported into '{previous.ReportSuite}' as import {previous.Id} from '{previous.Path}' on {previous.StartedAt.ToLocalTime():yyyy-MM-dd HH:mm:ss zzz}; skipped. Use -Force to import it again (it replaces import {previous.Id}).";
            observer.Warning(result.Message);
            return result;
        }

        private ImportResult Fail(ImportResult result, Stopwatch clock, string message, ImportLedgerEntry? entry, bool record, ImportFailureCause cause)
        {
            result.StatusValue = ImportRunStatus.Failed;
            result.FailureCauseValue = cause;
            result.Message = message;
            // Nothing of the file is in the store: the counts of what was written go back to zero (Rows and Rejected say what was read).
            result.Imported = result.MatchedByTransactionId = result.MatchedByCustomerId = result.Unattributed = result.DistinctCustomers = 0;
            result.UnattributedByReason.Clear();
            result.Revenue = 0;
            result.ImportId = null;
            result.QuarantinePath = null;
            result.Duration = clock.Elapsed;
            if (record && entry != null)
            {
                try
                {
                    var failed = new ImportLedgerEntry
                    {
                        ReportSuite = entry.ReportSuite,
                        FileName = entry.FileName,
                        Path = entry.Path,
                        Size = entry.Size,
                        Sha256 = entry.Sha256,
                        StartedAt = entry.StartedAt,
                        EndedAt = DateTimeOffset.UtcNow,
                        TransactionIdColumn = entry.TransactionIdColumn,
                        Rows = result.Rows,
                        Rejected = result.Rejected,
                        Message = message,
                    };
                    result.ImportId = store.RecordFailedImport(failed).Id;
                }
                catch (StoreException e)
                {
                    result.Message += $" (The failure could not be written to the ledger either: {e.Message})";
                }
            }

            return result;
        }

        // Where rejected rows go when the caller names no folder: not derived from the store, whose location need not
        // be a file (the cmdlets always pass a folder).
        private static string FallbackQuarantineDirectory => Path.Combine(Path.GetTempPath(), "OfflineData", "quarantine");

        /// <summary>Carries a file-level error out of the session's using block.</summary>
        private sealed class FileLevelErrorException : Exception
        {
            public FileLevelErrorException(string message, ImportFailureCause cause)
                : base(message)
            {
                Cause = cause;
            }

            public ImportFailureCause Cause { get; }
        }

        /// <summary>SHA-256 of the file's bytes, lowercase hex.</summary>
        public static string ComputeSha256(string path, CancellationToken cancellationToken = default)
        {
            using var sha = SHA256.Create();
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var buffer = new byte[1 << 16];
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                sha.TransformBlock(buffer, 0, read, null, 0);
            }

            sha.TransformFinalBlock(buffer, 0, 0);
            return BitConverter.ToString(sha.Hash!).Replace("-", string.Empty).ToLowerInvariant();
        }
    }
}
