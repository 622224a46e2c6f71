using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using OfflineData.Core.Matching;
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
            };
            var entry = new ImportLedgerEntry
            {
                ReportSuite = options.ReportSuite,
                FileName = Path.GetFileName(fullPath),
                Path = fullPath,
                StartedAt = DateTime.UtcNow,
                TransactionIdColumn = options.TransactionIdColumn.Name,
            };

            try
            {
                entry.Size = result.Size = new FileInfo(fullPath).Length;
                entry.Sha256 = result.Sha256 = ComputeSha256(fullPath, cancellationToken);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return Fail(result, clock, $"Cannot read '{fullPath}': {e.Message}", null, record: false);
            }

            var previous = store.FindCompletedImport(options.ReportSuite, entry.Sha256);
            if (previous != null)
            {
                if (!options.Force && !options.DryRun) return Skip(result, previous, clock, observer);
                result.PreviousImportId = previous.Id;
            }

            QuarantineWriter? quarantine = null;
            try
            {
                using var session = store.BeginImport(entry, options.DryRun);
                if (!options.DryRun && session.AlreadyImported != null && !options.Force)
                {
                    // Another process imported the same content while we waited for the lock.
                    return Skip(result, session.AlreadyImported, clock, observer);
                }

                if (options.DryRun && previous != null)
                {
                    observer.Warning($"'{fullPath}' was already imported into '{options.ReportSuite}' as import {previous.Id} on {previous.StartedAt.ToLocalTime():yyyy-MM-dd HH:mm}; a real run would skip it unless -Force (which replaces that import).");
                }

                result.ImportId = session.ImportId;
                if (!options.DryRun)
                {
                    var directory = options.RejectDirectory ?? DefaultQuarantineDirectory();
                    quarantine = new QuarantineWriter(Path.Combine(directory, $"{session.ImportId}-{entry.FileName}.rejected.csv"));
                }

                var matcher = new OfflineRowMatcher(session.Recording, session.FindTransaction, session.IsKnownVisitor, options.TransactionIdColumn);
                string? failure = ReadAndMatch(fullPath, options, observer, session, matcher, result, quarantine, cancellationToken);
                if (failure != null)
                {
                    // Leave the using block first so the session's transaction is rolled back before the ledger records the failure.
                    throw new FileLevelErrorException(failure);
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
                    // Named before the commit: a kill in between leaves an orphan quarantine file, never a ledger entry pointing nowhere.
                    quarantine.Complete();
                    result.QuarantinePath = quarantine.FinalPath;
                }

                CopyCounts(result, entry);
                entry.EndedAt = DateTime.UtcNow;
                session.Commit();
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
                return Fail(result, clock, e.Message, entry, record: !options.DryRun);
            }
            catch (StoreException e)
            {
                return Fail(result, clock, e.Message, null, record: false);
            }
            catch (Microsoft.Data.Sqlite.SqliteException e)
            {
                return Fail(result, clock, $"The store '{store.Location}' failed while importing '{fullPath}': {e.Message}. Nothing of the file was written.", entry, record: !options.DryRun);
            }
            finally
            {
                quarantine?.Dispose();
            }
        }

        /// <summary>Reads, validates, matches and adds every row; returns a failure message for a file-level error, else null.</summary>
        private static string? ReadAndMatch(string path, OfflineDataImportOptions options, IImportObserver observer, IImportSession session,
            OfflineRowMatcher matcher, ImportResult result, QuarantineWriter? quarantine, CancellationToken cancellationToken)
        {
            using var reader = OfflineDataReader.Open(path, options.ReaderOptions);
            observer.Progress(path, 0, reader.TotalBytes, 0);
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                result.Rows++;
                bool rowHasErrors = false;
                foreach (var finding in reader.Findings)
                {
                    bool ofThisRow = finding.RowIndex == reader.RowIndex && finding.Line != null;
                    if (!ofThisRow)
                    {
                        var failure = FileLevel(finding, observer, result);
                        if (failure != null) return failure;
                        continue;
                    }

                    if (finding.SeverityValue == FindingSeverity.Error)
                    {
                        rowHasErrors = true;
                        if (result.Findings.Count < MaxListedFindings) result.Findings.Add(finding);
                    }
                    else
                    {
                        result.Warnings++;
                        if (finding.CodeValue == FindingCode.DuplicateRow) result.Duplicates++;
                    }
                }

                if (rowHasErrors)
                {
                    result.Rejected++;
                    quarantine?.Write(reader.Line, reader.Entry, reader.RowIndex, reader.Findings.Where(f => f.SeverityValue == FindingSeverity.Error && f.RowIndex == reader.RowIndex), reader.RawRecord);
                }
                else
                {
                    var record = reader.ToRecord();
                    var match = matcher.Match(record);
                    session.AddRow(record, match);
                    Count(result, record, match);
                    if (observer.WantsRows) observer.RowMatched(new StoredOfflineRow(null, session.ImportId, options.ReportSuite, record, match));
                }

                if (result.Rows % ProgressEveryRows == 0) observer.Progress(path, reader.BytesRead, reader.TotalBytes, result.Rows);
            }

            foreach (var finding in reader.Findings)
            {
                var failure = FileLevel(finding, observer, result);
                if (failure != null) return failure;
            }

            observer.Progress(path, reader.TotalBytes, reader.TotalBytes, result.Rows);
            return null;
        }

        /// <summary>
        /// A finding not tied to a data row. An error there (unreadable or truncated container, UTF-16 text, wrong
        /// header) fails the whole file: importing the rows before it would import the file in part.
        /// </summary>
        private static string? FileLevel(Finding finding, IImportObserver observer, ImportResult result)
        {
            if (finding.SeverityValue == FindingSeverity.Error)
            {
                result.Findings.Add(finding);
                return $"{finding}. The file was not imported; nothing of it was written.";
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

        private static void CopyCounts(ImportResult result, ImportLedgerEntry entry)
        {
            entry.Rows = result.Rows;
            entry.Imported = result.Imported;
            entry.MatchedByTransactionId = result.MatchedByTransactionId;
            entry.MatchedByCustomerId = result.MatchedByCustomerId;
            entry.Unattributed = result.Unattributed;
            foreach (var pair in result.UnattributedByReason) entry.UnattributedByReason[pair.Key] = pair.Value;
            entry.Rejected = result.Rejected;
            entry.Duplicates = result.Duplicates;
            entry.Warnings = result.Warnings;
            entry.Revenue = result.Revenue;
            entry.DistinctCustomers = result.DistinctCustomers;
            entry.QuarantinePath = result.QuarantinePath;
        }

        private static ImportResult Skip(ImportResult result, ImportLedgerEntry previous, Stopwatch clock, IImportObserver observer)
        {
            result.StatusValue = ImportRunStatus.Skipped;
            result.PreviousImportId = previous.Id;
            result.ImportId = null;
            result.Duration = clock.Elapsed;
            result.Message = $"The same content (SHA-256 {previous.Sha256}) was already imported into '{previous.ReportSuite}' as import {previous.Id} from '{previous.Path}' on {previous.StartedAt.ToLocalTime():yyyy-MM-dd HH:mm:ss}; skipped. Use -Force to import it again (it replaces import {previous.Id}).";
            observer.Warning(result.Message);
            return result;
        }

        private ImportResult Fail(ImportResult result, Stopwatch clock, string message, ImportLedgerEntry? entry, bool record)
        {
            result.StatusValue = ImportRunStatus.Failed;
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
                        EndedAt = DateTime.UtcNow,
                        TransactionIdColumn = entry.TransactionIdColumn,
                        Rows = result.Rows,
                        Message = message,
                    };
                    store.RecordFailedImport(failed);
                    result.ImportId = failed.Id;
                }
                catch (Exception e) when (e is StoreException || e is Microsoft.Data.Sqlite.SqliteException)
                {
                    result.Message += $" (The failure could not be written to the ledger either: {e.Message})";
                }
            }

            return result;
        }

        private string DefaultQuarantineDirectory()
        {
            var directory = Path.IsPathRooted(store.Location) ? Path.GetDirectoryName(store.Location) : null;
            return Path.Combine(directory ?? Path.GetTempPath(), "quarantine");
        }

        /// <summary>Carries a file-level error out of the session's using block.</summary>
        private sealed class FileLevelErrorException : Exception
        {
            public FileLevelErrorException(string message)
                : base(message)
            {
            }
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
