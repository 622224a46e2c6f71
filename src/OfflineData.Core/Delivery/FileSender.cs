using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using ICSharpCode.SharpZipLib.Zip;
using OfflineData.Core.Consent;
using OfflineData.Core.Store;

namespace OfflineData.Core.Delivery
{
    /// <summary>
    /// Delivers files to one destination exactly once: per file the SHA-256 of its content is hashed and the delivery of
    /// that content to that destination is claimed in the store (<see cref="IDeliveryLedger.TryAcquireDelivery"/>; while
    /// another live run holds the claim the file waits, up to <see cref="FileSenderOptions.MaxWait"/>, then is decided
    /// again or fails as <see cref="DeliveryFailureKind.InProgress"/> — never sent twice). Holding the claim, the content is
    /// looked up in the delivery ledger (sent before: skipped unless forced; started by a killed run — its claim died with
    /// it —: recovered if the remote file is complete, else sent again under the same name, replacing the leftover
    /// temporary file), the start is recorded, the file is
    /// handed over safely (temporary name, size check, rename), an optional marker follows, and the end is recorded.
    /// Transient failures (<see cref="DeliveryFailureKind.Unavailable"/>, <see cref="DeliveryFailureKind.IO"/>) are
    /// retried with exponential back-off on a new connection; one connection serves consecutive files.
    /// </summary>
    public sealed class FileSender
    {
        /// <summary>The least time between two progress reports of a file.</summary>
        internal static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

        private readonly IDeliveryLedger ledger;
        private readonly FileSenderOptions options;
        private readonly Func<DeliveryDestination, IRemoteFolder> connect;
        private readonly RemoteNamePattern pattern;
        private readonly object folderLock = new object();
        private IRemoteFolder? folder;
        private bool folderBusy;

        /// <summary>Creates a sender that records in <paramref name="ledger"/> and connects with <see cref="RemoteFolders.Connect"/>.</summary>
        /// <exception cref="FormatException">The name pattern is not valid.</exception>
        public FileSender(IDeliveryLedger ledger, FileSenderOptions options)
            : this(ledger, options, d => RemoteFolders.Connect(d, options.Connect))
        {
        }

        internal FileSender(IDeliveryLedger ledger, FileSenderOptions options, Func<DeliveryDestination, IRemoteFolder> connect)
        {
            this.ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
            this.options = options ?? throw new ArgumentNullException(nameof(options));
            this.connect = connect ?? throw new ArgumentNullException(nameof(connect));
            if (string.IsNullOrEmpty(options.TemporarySuffix) || options.TemporarySuffix.IndexOfAny(new[] { '/', '\\' }) >= 0)
            {
                throw new FormatException("The temporary suffix must be a non-empty name part without '/' or '\\' (e.g. .part).");
            }

            pattern = new RemoteNamePattern(options.NamePattern, options.ReportSuite);
        }

        /// <summary>The clock (tests set it).</summary>
        internal Func<DateTime> UtcNow { get; set; } = () => DateTime.UtcNow;

        /// <summary>The destination as the ledger records it and messages show it: with the login's user, never a secret.</summary>
        public string DestinationName
        {
            get
            {
                var user = options.Connect.Credential?.UserName;
                return options.Destination.DisplayNameFor(string.IsNullOrEmpty(user) ? options.Destination.UserName : user);
            }
        }

        /// <summary>
        /// The remote names of <paramref name="paths"/> (full paths of local files), in the order they will be sent: the
        /// order given, or with <see cref="DeliveryMarker.Fin"/> by remote name (Adobe processes files alphanumerically;
        /// the sequence is then numbered in local-name order). Nothing is connected or read.
        /// </summary>
        /// <exception cref="FormatException">The pattern gives no plain file name for a file.</exception>
        /// <exception cref="InvalidOperationException">Two files (or a file and a marker) would get the same remote name.</exception>
        public IReadOnlyList<DeliveryPlanItem> Plan(IEnumerable<string> paths)
        {
            var files = paths.Distinct(StringComparer.Ordinal).ToList();
            if (options.Marker == DeliveryMarker.Fin)
            {
                files = files.OrderBy(Path.GetFileName, StringComparer.Ordinal).ThenBy(p => p, StringComparer.Ordinal).ToList();
            }

            var runStart = UtcNow();
            var items = new List<DeliveryPlanItem>();
            var taken = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var path in files)
            {
                var name = pattern.Apply(Path.GetFileName(path), runStart, items.Count + 1);
                string remote = name;
                string? entry = null;
                if (options.Compress)
                {
                    remote = Path.GetFileNameWithoutExtension(name) + ".zip";
                    entry = name;
                }

                var marker = options.Marker == DeliveryMarker.Fin ? Path.GetFileNameWithoutExtension(remote) + ".fin" : null;
                Claim(taken, remote, path);
                if (marker != null) Claim(taken, marker, path);
                items.Add(new DeliveryPlanItem(path, remote, marker, entry));
            }

            return options.Marker == DeliveryMarker.Fin ? items.OrderBy(i => i.RemoteName, StringComparer.Ordinal).ToList() : items;
        }

        private void Claim(Dictionary<string, string> taken, string name, string path)
        {
            if (taken.TryGetValue(name, out var other))
            {
                throw new InvalidOperationException(
                    $"The remote name '{name}' would be used for both '{other}' and '{path}'" +
                    (string.IsNullOrWhiteSpace(options.NamePattern) ? "" : $" (name pattern '{options.NamePattern}')") +
                    ": add {Sequence} or {Name} to the name pattern so every file gets its own name. Nothing was sent.");
            }

            taken[name] = path;
        }

        /// <summary>
        /// Sends the planned files in order, yielding one result per file as it ends. A failed file does not stop the
        /// others. Cancelling <paramref name="cancel"/> drops the connection and throws <see cref="OperationCanceledException"/>;
        /// the file being sent then stays Started in the ledger (as for a killed run) and the next run takes it up.
        /// </summary>
        public IEnumerable<DeliveryResult> Send(IReadOnlyList<DeliveryPlanItem> plan, IDeliveryReporter reporter, CancellationToken cancel)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            if (reporter == null) throw new ArgumentNullException(nameof(reporter));
            if (options.Connect.HostKeyPolicy?.AcceptsAny == true)
            {
                reporter.Warning($"{DestinationName}: any host key is accepted (-AcceptAnyHostKey): nothing proves this is the server you meant. Pin its fingerprint (Get-OfflineDataHostKey) instead.");
            }

            var runTotal = plan.Sum(i => SizeOf(i.SourcePath));
            long runDone = 0;
            var sent = new List<DeliveryResult>();
            using (cancel.Register(DropConnection))
            {
                try
                {
                    foreach (var item in plan)
                    {
                        cancel.ThrowIfCancellationRequested();
                        var result = SendOne(item, reporter, runDone, runTotal, cancel);
                        runDone += result.Size;
                        sent.Add(result);
                        yield return result;
                    }

                    if (options.ErrorFolder != null) ReportErrorFolder(sent, reporter, cancel);
                }
                finally
                {
                    DropConnection();
                }
            }
        }

        private static long SizeOf(string path)
        {
            try
            {
                return new FileInfo(path).Length;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return 0;
            }
        }

        private DeliveryResult SendOne(DeliveryPlanItem item, IDeliveryReporter reporter, long runDone, long runTotal, CancellationToken cancel)
        {
            var clock = Stopwatch.StartNew();
            var result = new DeliveryResult
            {
                SourcePath = item.SourcePath,
                FileName = Path.GetFileName(item.SourcePath),
                Destination = DestinationName,
                RemoteName = item.RemoteName,
                MarkerName = item.MarkerName,
                Store = options.StoreName,
            };
            string? zip = null;
            string? filtered = null;
            try
            {
                try
                {
                    var (sha, size) = Hash(item.SourcePath, cancel);
                    result.Sha256 = sha;
                    result.Size = size;
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    return Failed(result, e, $"Cannot read '{item.SourcePath}': {e.Message} Nothing was sent.");
                }

                // Decided and sent while holding the claim: a live run's Started entry is never taken for a killed one.
                using var lease = ClaimDelivery(item, result, reporter, cancel);
                if (lease == null)
                {
                    var waited = options.MaxWait.TotalSeconds;
                    // Worded like the folder wait's message: the cmdlet puts "'<file>' was not sent: <host, port, user>: " before it.
                    var message = $"{DestinationName}: another run is sending the same content there right now " +
                                  $"(it holds the delivery's claim in the store{(string.IsNullOrEmpty(options.StoreName) ? "" : " '" + options.StoreName + "'")}); " +
                                  $"'{item.SourcePath}' was not sent after waiting {waited:0} s (-MaxWaitSec {waited:0}), so that it is not sent twice. " +
                                  "Run again when that run has ended: the file is then skipped if it arrived, or sent if that run failed or was killed.";
                    return Failed(result, new DeliveryException(message, DeliveryFailureKind.InProgress), message);
                }

                var previous = ledger.FindDelivery(DestinationName, result.Sha256);
                DeliveryLedgerEntry? interrupted = null;
                if (previous != null && !options.Force)
                {
                    if (previous.StatusValue == DeliveryStatus.Sent)
                    {
                        result.StatusValue = DeliveryResultStatus.Skipped;
                        result.LedgerId = previous.Id;
                        result.RemoteName = previous.RemoteName;
                        result.MarkerName = previous.MarkerName;
                        result.SuppressedRows = previous.SuppressedRows;
                        result.Message = $"The same content was sent to {DestinationName} as '{previous.RemoteName}'" +
                                         (previous.EndedAt is DateTimeOffset at ? " at " + at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "") +
                                         $" (delivery ledger entry {previous.Id}); not sent again. Use -Force to send it again.";
                        reporter.Warning($"'{item.SourcePath}': {result.Message}");
                        return Done(result, clock);
                    }

                    // Started, and its claim was free: the run was killed. Same names, so the leftover temporary file is replaced.
                    interrupted = previous;
                    result.RemoteName = previous.RemoteName;
                    result.MarkerName = previous.MarkerName;
                }

                if (previous != null && options.Force && previous.StatusValue == DeliveryStatus.Started)
                {
                    // A killed run's entry would otherwise stay Started for ever: the forced send supersedes it.
                    previous.StatusValue = DeliveryStatus.Failed;
                    previous.EndedAt = Now();
                    previous.Message = "Interrupted: the run ended before the upload completed; superseded by a forced send.";
                    ledger.RecordDeliveryEnd(previous);
                }

                var content = item.SourcePath;
                if (!options.Suppression.IsEmpty)
                {
                    // After the ledger's decision (the exactly-once key is the source's hash), before compressing.
                    var refused = ApplyConsent(item, result, reporter, cancel, out filtered);
                    if (refused != null) return refused;
                    content = filtered ?? content;
                }

                if (options.Compress)
                {
                    zip = Compress(item, content, cancel);
                    content = zip;
                }

                var bytesToSend = new FileInfo(content).Length;
                return Deliver(item, result, content, bytesToSend, interrupted, reporter, runDone, runTotal, clock, cancel);
            }
            catch (StoreException e)
            {
                // Without the ledger exactly-once cannot be kept: the file is not sent (or, sent, is reported by the message).
                return Failed(result, e, e.Message);
            }
            finally
            {
                if (zip != null) TryDelete(zip);
                if (filtered != null) TryDelete(filtered);
                result.Duration = clock.Elapsed;
            }
        }

        /// <summary>
        /// Checks the file against the opt-outs: counts its suppressed rows and, when there are any, writes a filtered copy
        /// (same format) to a temporary file to send instead; the original bytes go when nothing is suppressed. Returns the
        /// failed result when the file's rows cannot be checked (nothing is recorded in the ledger, nothing is sent).
        /// </summary>
        private DeliveryResult? ApplyConsent(DeliveryPlanItem item, DeliveryResult result, IDeliveryReporter reporter, CancellationToken cancel, out string? filtered)
        {
            filtered = null;
            ConsentFileScan scan;
            try
            {
                // Counted first (reading only): most files hold no opted-out customer and then go unchanged.
                scan = ConsentFileFilter.Scan(item.SourcePath, options.Suppression, cancel);
                if (scan.IsVerifiable && scan.SuppressedRows > 0)
                {
                    filtered = Path.Combine(Path.GetTempPath(), "offlinedata-consent-" + Guid.NewGuid().ToString("N") + Path.GetExtension(item.SourcePath));
                    scan = ConsentFileFilter.Filter(item.SourcePath, options.Suppression, filtered, cancel);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ZipException)
            {
                if (filtered != null) TryDelete(filtered);
                filtered = null;
                return Failed(result, new DeliveryException($"'{item.SourcePath}' could not be checked against the opt-outs ({e.Message}); it was not sent.", DeliveryFailureKind.ConsentUnverifiable, e), $"'{item.SourcePath}' could not be checked against the opt-outs: {e.Message} Nothing was sent.");
            }

            if (!scan.IsVerifiable && options.ConsentAppliedPaths.Contains(item.SourcePath))
            {
                reporter.Verbose($"'{item.SourcePath}': its rows cannot be checked here ({scan.Reason}), but it was exported under the same consent policy ({options.Suppression.Policy}); sent unchanged.");
                return null;
            }

            if (!scan.IsVerifiable)
            {
                var message = $"'{item.SourcePath}' was not sent: {options.Suppression.CustomerCount} customer(s) opted out ({options.Suppression.Policy}), and the file's rows cannot be checked against them ({scan.Reason}). " +
                              "Send an offline data file or an Adobe Data Sources file with a VisitorID column, or, for a file known to hold no opted-out customer, use -SkipConsentCheck.";
                return Failed(result, new DeliveryException(message, DeliveryFailureKind.ConsentUnverifiable), message);
            }

            result.SuppressedRows = scan.SuppressedRows;
            if (scan.SuppressedRows > 0)
            {
                reporter.Verbose($"'{item.SourcePath}': {scan.SuppressedRows} of {scan.Rows} row(s) left out (their customers opted out: {options.Suppression.Policy}); sending a filtered copy.");
            }

            return null;
        }

        /// <summary>
        /// Claims the delivery of the file's content to the destination, waiting while another live run holds it (polled
        /// after <see cref="FileSenderOptions.PollInterval"/>, doubling up to <see cref="FileSenderOptions.MaxPollInterval"/>,
        /// for at most <see cref="FileSenderOptions.MaxWait"/>); null when the other run still holds it after the wait.
        /// </summary>
        private IDisposable? ClaimDelivery(DeliveryPlanItem item, DeliveryResult result, IDeliveryReporter reporter, CancellationToken cancel)
        {
            var waited = Stopwatch.StartNew();
            var interval = options.PollInterval;
            var waiting = false;
            while (true)
            {
                var lease = ledger.TryAcquireDelivery(DestinationName, result.Sha256);
                if (lease != null)
                {
                    if (waiting) reporter.Verbose($"'{item.SourcePath}': the other run sending the same content to {DestinationName} has ended; deciding again after waiting {waited.Elapsed.TotalSeconds:0} s.");
                    return lease;
                }

                if (waited.Elapsed >= options.MaxWait) return null;
                waiting = true;
                var pause = TimeSpan.FromTicks(Math.Max(0, Math.Min(interval.Ticks, (options.MaxWait - waited.Elapsed).Ticks)));
                reporter.Waiting($"'{item.SourcePath}': another run is sending the same content to {DestinationName} right now; waiting {pause.TotalSeconds:0.#} s for it to end (at most {options.MaxWait.TotalSeconds:0} s in all).", waited.Elapsed, options.MaxWait);
                if (cancel.WaitHandle.WaitOne(pause)) throw new OperationCanceledException(cancel);
                interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, options.MaxPollInterval.Ticks));
            }
        }

        private DeliveryResult Deliver(DeliveryPlanItem item, DeliveryResult result, string content, long bytesToSend, DeliveryLedgerEntry? interrupted, IDeliveryReporter reporter, long runDone, long runTotal, Stopwatch clock, CancellationToken cancel)
        {
            DeliveryLedgerEntry? entry = null;
            var attempts = 0;
            var dataDone = false;
            var uploading = false;
            var delay = options.RetryDelay;

            DeliveryLedgerEntry Start()
            {
                var started = ledger.RecordDeliveryStart(new DeliveryLedgerEntry
                {
                    Destination = DestinationName,
                    SourcePath = item.SourcePath,
                    FileName = result.FileName,
                    RemoteName = result.RemoteName,
                    MarkerName = result.MarkerName,
                    Sha256 = result.Sha256,
                    Size = bytesToSend,
                    SuppressedRows = result.SuppressedRows,
                    StartedAt = Now(),
                    StatusValue = DeliveryStatus.Started,
                });
                result.LedgerId = started.Id;
                return started;
            }

            // Recorded before connecting, so a server that cannot be reached leaves a Failed entry saying why. (A
            // killed run's entry is first checked against the server: its file may be complete.)
            if (interrupted == null) entry = Start();
            while (true)
            {
                attempts++;
                result.Attempts = attempts;
                try
                {
                    var remote = Connected(reporter);
                    if (interrupted != null)
                    {
                        var found = remote.Size(result.RemoteName);
                        if (found != null && found.Value == interrupted.Size && interrupted.Size == bytesToSend)
                        {
                            // The killed run had renamed the file: it is complete. Only the marker may be missing.
                            if (result.MarkerName != null && !remote.Exists(result.MarkerName)) SendMarker(remote, result.MarkerName);
                            interrupted.StatusValue = DeliveryStatus.Sent;
                            interrupted.EndedAt = Now();
                            interrupted.Attempts = Math.Max(1, interrupted.Attempts) + attempts;
                            interrupted.Message = "Recovered: an interrupted run had completed the upload; found complete under its final name, not sent again.";
                            var recorded = ledger.RecordDeliveryEnd(interrupted);
                            result.StatusValue = DeliveryResultStatus.Recovered;
                            result.LedgerId = recorded.Id;
                            result.Bytes = found.Value;
                            result.Message = recorded.Message;
                            reporter.Verbose($"'{item.SourcePath}': '{result.RemoteName}' on {DestinationName} is complete ({found.Value} bytes) from an interrupted run; recorded as sent.");
                            return Done(result, clock);
                        }

                        interrupted.StatusValue = DeliveryStatus.Failed;
                        interrupted.EndedAt = Now();
                        interrupted.Message = "Interrupted: the run ended before the upload completed; sent again by a later run.";
                        ledger.RecordDeliveryEnd(interrupted);
                        reporter.Verbose($"'{item.SourcePath}': an interrupted run (ledger entry {interrupted.Id}) left no complete '{result.RemoteName}'; sending it again under that name.");
                        interrupted = null;
                    }

                    entry ??= Start();
                    if (options.Marker == DeliveryMarker.Fin && !dataDone) WaitForRoom(remote, item, reporter, cancel);
                    if (!dataDone)
                    {
                        // Checked before the data goes: a marker of the same name must not be replaced unasked either.
                        if (result.MarkerName != null && !options.Force && remote.Exists(result.MarkerName))
                        {
                            throw new DeliveryException($"{DestinationName}: the remote marker '{result.MarkerName}' already exists; '{result.RemoteName}' was not sent (use -Force to replace both).", DeliveryFailureKind.RemoteExists);
                        }

                        reporter.Verbose($"Sending '{item.SourcePath}' to {DestinationName} as '{result.RemoteName}' ({bytesToSend} bytes, attempt {attempts}).");
                        uploading = true;
                        var throttle = new ProgressThrottle(reporter, item.SourcePath, result.RemoteName, bytesToSend, runDone, runTotal, result.Size);
                        using (var stream = new FileStream(content, FileMode.Open, FileAccess.Read, FileShare.Read, 81920))
                        {
                            result.Bytes = RemoteHandover.Send(remote, stream, result.RemoteName, options.Force, options.TemporarySuffix, throttle.Report);
                        }

                        throttle.Finish(result.Bytes);
                        dataDone = true;
                    }

                    if (result.MarkerName != null) SendMarker(remote, result.MarkerName);
                    break;
                }
                catch (DeliveryException e) when (!cancel.IsCancellationRequested && IsTransient(e.Kind) && attempts <= options.RetryCount)
                {
                    DropConnection();
                    reporter.Verbose($"'{item.SourcePath}': attempt {attempts} failed ({e.Message}); trying again in {delay.TotalSeconds:0.#} s.");
                    if (cancel.WaitHandle.WaitOne(delay)) throw new OperationCanceledException(cancel);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxRetryDelay.Ticks));
                }
                catch (Exception e) when (cancel.IsCancellationRequested && !(e is StoreException))
                {
                    // The connection was dropped to stop the upload: the entry stays Started, as after a killed run.
                    throw new OperationCanceledException("The delivery was stopped.", e, cancel);
                }
                catch (DeliveryException e)
                {
                    if (uploading && !dataDone && e.Kind == DeliveryFailureKind.IO) RemoveTemporary(result.RemoteName + options.TemporarySuffix, reporter);
                    DropConnection();
                    if (e.Kind == DeliveryFailureKind.Busy) folderBusy = true;
                    return Failed(result, e, e.Message, entry);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    // the local file, read while sending
                    return Failed(result, e, $"Cannot read '{item.SourcePath}': {e.Message} Nothing is under the final name '{result.RemoteName}'.", entry);
                }
            }

            result.StatusValue = DeliveryResultStatus.Sent;
            entry!.StatusValue = DeliveryStatus.Sent;
            entry.EndedAt = Now();
            entry.Attempts = attempts;
            entry.Size = result.Bytes;
            entry.MarkerName = result.MarkerName;
            ledger.RecordDeliveryEnd(entry);
            reporter.Verbose($"Sent '{item.SourcePath}' to {DestinationName} as '{result.RemoteName}'" + (result.MarkerName != null ? $", then '{result.MarkerName}'" : "") + $" ({result.Bytes} bytes, {attempts} attempt(s)).");
            return Done(result, clock);
        }

        /// <summary>
        /// After a failed write (a full disk, a short file), removes the partial temporary file on the connection still
        /// open, so it holds no space on the server; if that fails too, the next run replaces it.
        /// </summary>
        private void RemoveTemporary(string temporary, IDeliveryReporter reporter)
        {
            IRemoteFolder? open;
            lock (folderLock)
            {
                open = folder;
            }

            if (open == null) return;
            try
            {
                open.Delete(temporary);
                reporter.Verbose($"{DestinationName}: removed the partial '{temporary}'.");
            }
            catch (DeliveryException e)
            {
                reporter.Verbose($"{DestinationName}: the partial '{temporary}' could not be removed ({e.Message}); the next run replaces it.");
            }
        }

        private void SendMarker(IRemoteFolder remote, string marker)
        {
            // Empty, uploaded only now that the data file is complete under its final name: a .fin sent early makes
            // Adobe take a partial file. Replaced if present (checked before the data went, or left by this delivery).
            using var empty = new MemoryStream(Array.Empty<byte>());
            RemoteHandover.Send(remote, empty, marker, true, options.TemporarySuffix);
        }

        /// <summary>Which failures are worth another attempt: an unreachable or lost server, a failed read or write. Never a refusal (login, host key, algorithms, an existing file) or a full folder after the wait.</summary>
        internal static bool IsTransient(DeliveryFailureKind kind) => kind == DeliveryFailureKind.Unavailable || kind == DeliveryFailureKind.IO;

        /// <summary>Waits while the remote folder holds <see cref="FileSenderOptions.PendingLimitBytes"/> or more of unprocessed data files.</summary>
        private void WaitForRoom(IRemoteFolder remote, DeliveryPlanItem item, IDeliveryReporter reporter, CancellationToken cancel)
        {
            var waited = Stopwatch.StartNew();
            var interval = options.PollInterval;
            while (true)
            {
                var pending = remote.List().Where(f => IsPendingData(f.Name)).Sum(f => f.Size);
                if (pending < options.PendingLimitBytes)
                {
                    if (waited.Elapsed > options.PollInterval) reporter.Verbose($"{DestinationName}: the remote folder holds {Mb(pending)} of unprocessed data now; sending '{item.SourcePath}' after waiting {waited.Elapsed.TotalSeconds:0} s.");
                    return;
                }

                if (folderBusy || waited.Elapsed >= options.MaxWait)
                {
                    throw new DeliveryException(
                        $"{DestinationName}: the remote folder still holds {Mb(pending)} of unprocessed .txt/.zip files (the limit is {Mb(options.PendingLimitBytes)}: Adobe pauses processing above it) after waiting {waited.Elapsed.TotalSeconds:0} s (-MaxWait {options.MaxWait.TotalSeconds:0} s); '{Path.GetFileName(item.SourcePath)}' was not sent.",
                        DeliveryFailureKind.Busy);
                }

                var pause = TimeSpan.FromTicks(Math.Min(interval.Ticks, (options.MaxWait - waited.Elapsed).Ticks));
                reporter.Waiting($"{DestinationName}: the remote folder holds {Mb(pending)} of unprocessed .txt/.zip files (limit {Mb(options.PendingLimitBytes)}); waiting {pause.TotalSeconds:0.#} s before '{item.RemoteName}'.", waited.Elapsed, options.MaxWait);
                if (cancel.WaitHandle.WaitOne(pause)) throw new OperationCanceledException(cancel);
                interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, options.MaxPollInterval.Ticks));
            }
        }

        private bool IsPendingData(string name) =>
            !name.EndsWith(options.TemporarySuffix, StringComparison.Ordinal)
            && (name.EndsWith(".txt", StringComparison.Ordinal) || name.EndsWith(".zip", StringComparison.Ordinal));

        private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

        /// <summary>Lists the error sub-folder (Adobe's files_with_errors) and warns for every file of this run found there.</summary>
        private void ReportErrorFolder(List<DeliveryResult> results, IDeliveryReporter reporter, CancellationToken cancel)
        {
            var names = new HashSet<string>(results.Where(r => r.StatusValue != DeliveryResultStatus.Failed).Select(r => r.RemoteName), StringComparer.Ordinal);
            if (names.Count == 0) return;
            cancel.ThrowIfCancellationRequested();
            var directory = options.Destination.PathOf(options.ErrorFolder!.Trim('/'));
            try
            {
                var sub = DeliveryDestination.Parse(options.Destination.DisplayName.Substring(0, options.Destination.DisplayName.Length - options.Destination.Directory.Length) + Uri.EscapeUriString(directory));
                using var errors = connect(sub);
                var found = errors.List().Where(f => names.Contains(f.Name)).ToList();
                foreach (var file in found)
                {
                    var result = results.First(r => r.RemoteName == file.Name);
                    reporter.Warning($"'{file.Name}' ({result.SourcePath}) is in '{directory}' on {DestinationName}: the receiver could not process it. Fix the file and send it again with -Force.");
                }

                reporter.Verbose($"{DestinationName}: {found.Count} file(s) of this run in '{directory}'.");
            }
            catch (DeliveryException e)
            {
                reporter.Verbose($"{DestinationName}: '{directory}' could not be listed ({e.Message}); no file of this run is known to be there.");
            }
            catch (FormatException e)
            {
                reporter.Verbose($"{DestinationName}: '{directory}' could not be listed ({e.Message}).");
            }
        }

        private IRemoteFolder Connected(IDeliveryReporter reporter)
        {
            lock (folderLock)
            {
                if (folder != null) return folder;
            }

            reporter.Verbose($"Connecting to {DestinationName} (host {options.Destination.Host}, port {options.Destination.Port}).");
            var opened = connect(options.Destination);
            lock (folderLock)
            {
                folder = opened;
            }

            return opened;
        }

        private void DropConnection()
        {
            IRemoteFolder? old;
            lock (folderLock)
            {
                old = folder;
                folder = null;
            }

            try
            {
                old?.Dispose();
            }
            catch (Exception e) when (e is DeliveryException || e is IOException || e is ObjectDisposedException || e is InvalidOperationException)
            {
                // the connection is being dropped after a failure or a stop: its goodbye does not matter
            }
        }

        private DateTimeOffset Now() => new DateTimeOffset(DateTime.SpecifyKind(UtcNow(), DateTimeKind.Utc));

        private DeliveryResult Failed(DeliveryResult result, Exception e, string message, DeliveryLedgerEntry? entry = null)
        {
            result.StatusValue = DeliveryResultStatus.Failed;
            result.Message = message;
            result.Error = e;
            if (entry != null)
            {
                entry.StatusValue = DeliveryStatus.Failed;
                entry.EndedAt = Now();
                entry.Attempts = result.Attempts;
                entry.Message = message;
                try
                {
                    ledger.RecordDeliveryEnd(entry);
                }
                catch (StoreException)
                {
                    // the delivery's own error is the one to report; the entry stays Started and the next run sends again
                }
            }

            return result;
        }

        private static DeliveryResult Done(DeliveryResult result, Stopwatch clock)
        {
            result.Duration = clock.Elapsed;
            return result;
        }

        /// <summary>SHA-256 of the file (lowercase hex) and its length, read in one pass.</summary>
        internal static (string Sha256, long Size) Hash(string path, CancellationToken cancel)
        {
            using var sha = SHA256.Create();
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920);
            var buffer = new byte[81920];
            long size = 0;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                cancel.ThrowIfCancellationRequested();
                sha.TransformBlock(buffer, 0, read, null, 0);
                size += read;
            }

            sha.TransformFinalBlock(buffer, 0, 0);
            return (string.Concat(sha.Hash!.Select(b => b.ToString("x2", CultureInfo.InvariantCulture))), size);
        }

        /// <summary>
        /// Zips the file into a temporary file, streamed (bounded memory). The entry's time is the file's, so the same
        /// content gives the same zip: a run taking up an interrupted one compares sizes.
        /// </summary>
        private static string Compress(DeliveryPlanItem item, string content, CancellationToken cancel)
        {
            var zip = Path.Combine(Path.GetTempPath(), "offlinedata-send-" + Guid.NewGuid().ToString("N") + ".zip");
            try
            {
                using var output = new ZipOutputStream(new FileStream(zip, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920));
                output.SetLevel(6);
                // The source's time, the content's size: a filtered copy zips like its source would.
                var info = new FileInfo(item.SourcePath);
                output.PutNextEntry(new ZipEntry(ZipEntry.CleanName(item.EntryName!)) { DateTime = info.LastWriteTime, Size = new FileInfo(content).Length, IsUnicodeText = true });
                using (var input = new FileStream(content, FileMode.Open, FileAccess.Read, FileShare.Read, 81920))
                {
                    var buffer = new byte[81920];
                    int read;
                    while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        cancel.ThrowIfCancellationRequested();
                        output.Write(buffer, 0, read);
                    }
                }

                output.CloseEntry();
                output.Finish();
            }
            catch
            {
                TryDelete(zip);
                throw;
            }

            return zip;
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // a temporary zip left in the temp folder is harmless
            }
        }

        /// <summary>Passes upload progress on at most every <see cref="ProgressInterval"/> (callbacks come per packet, from the transfer's thread).</summary>
        private sealed class ProgressThrottle
        {
            private readonly IDeliveryReporter reporter;
            private readonly string source;
            private readonly string remote;
            private readonly long total;
            private readonly long runDone;
            private readonly long runTotal;
            private readonly double scale;
            private readonly Stopwatch since = Stopwatch.StartNew();
            private int reporting;

            public ProgressThrottle(IDeliveryReporter reporter, string source, string remote, long total, long runDone, long runTotal, long localSize)
            {
                this.reporter = reporter;
                this.source = source;
                this.remote = remote;
                this.total = total;
                this.runDone = runDone;
                this.runTotal = runTotal;
                // the run's total counts local sizes; a zip is smaller: scale its bytes to the file's share of the run
                scale = total > 0 ? (double)localSize / total : 1;
            }

            public void Report(long done)
            {
                if (since.Elapsed < ProgressInterval || Interlocked.Exchange(ref reporting, 1) == 1) return;
                try
                {
                    since.Restart();
                    reporter.Progress(source, remote, done, total, runDone + (long)(done * scale), runTotal);
                }
                finally
                {
                    Volatile.Write(ref reporting, 0);
                }
            }

            public void Finish(long done) => reporter.Progress(source, remote, done, total, runDone + (long)(done * scale), runTotal);
        }
    }
}
