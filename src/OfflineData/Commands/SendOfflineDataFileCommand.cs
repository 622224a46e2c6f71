using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using OfflineData.Commands.Base;
using OfflineData.Commands.Completion;
using OfflineData.Commands.Paths;
using OfflineData.Commands.Pipeline;
using OfflineData.Commands.Store;
using OfflineData.Core.Consent;
using OfflineData.Core.Delivery;
using OfflineData.Core.Store;

namespace OfflineData.Commands
{
    /// <summary>
    /// <para type="synopsis">Sends files to an SFTP server (or another destination) exactly once: under a temporary name, renamed when complete, recorded in the store's delivery ledger.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "OfflineDataFile", DefaultParameterSetName = PathParameterSet, SupportsShouldProcess = true)]
    [OutputType(typeof(DeliveryResult))]
    public sealed class SendOfflineDataFileCommand : FileInputCmdlet
    {
        private static readonly Regex UriScheme = new Regex(@"^[A-Za-z][A-Za-z0-9+.\-]*://", RegexOptions.CultureInvariant);

        private readonly List<string> files = new List<string>();
        private readonly HashSet<string> seen = new HashSet<string>(StringComparer.Ordinal);
        private readonly HashSet<string> exportedUnderPolicy = new HashSet<string>(StringComparer.Ordinal);
        private Core.Store.ConsentPolicy? policy;
        private FileSenderOptions? senderOptions;

        /// <summary>Where to send: <c>sftp://[user@]host[:port]/folder</c>, or another destination a URI or folder names.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; } = string.Empty;

        /// <summary>The destination's login: user and password (with -KeyFilePath: the key's passphrase).</summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>An SSH private key file for an SFTP login (the passphrase is -Credential's password).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? KeyFilePath { get; set; }

        /// <summary>The SFTP server's trusted host key fingerprints (SHA256:..., as ssh-keygen -lf prints them).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? HostKeyFingerprint { get; set; }

        /// <summary>An OpenSSH known_hosts file listing the SFTP server's host key.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? KnownHostsPath { get; set; }

        /// <summary>Trusts any SFTP host key (a warning on every run).</summary>
        [Parameter]
        public SwitchParameter AcceptAnyHostKey { get; set; }

        /// <summary>
        /// The ftps:// server's trusted certificate fingerprints (SHA-256, as <c>openssl x509 -noout -fingerprint -sha256</c>
        /// prints them; several for load-balanced hosts), instead of the system's certificate chain.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? CertificateFingerprint { get; set; }

        /// <summary>Trusts any ftps:// server certificate (a warning on every run).</summary>
        [Parameter]
        public SwitchParameter AcceptAnyCertificate { get; set; }

        /// <summary>Sends content the ledger says was sent before, and replaces remote files of the same name.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The remote name: tokens {Name}, {BaseName}, {Extension}, {Timestamp}, {Timestamp:format}, {Sequence}, {Sequence:digits}, {ReportSuite}.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? NamePattern { get; set; }

        /// <summary>The value of the {ReportSuite} token of -NamePattern.</summary>
        [Parameter]
        [ValidatePattern(ReportSuiteId.Pattern)]
        [ArgumentCompleter(typeof(ReportSuiteCompleter))]
        public string? ReportSuite { get; set; }

        /// <summary>The suffix of the temporary name a file is uploaded under before its rename.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string TemporarySuffix { get; set; } = RemoteHandover.DefaultTemporarySuffix;

        /// <summary>Zips each file on the way; the remote name becomes basename.zip.</summary>
        [Parameter]
        public SwitchParameter Compress { get; set; }

        /// <summary>Fin: an empty basename.fin after each complete data file, files in name order, and the wait while the remote folder is full.</summary>
        [Parameter]
        public DeliveryMarker Marker { get; set; } = DeliveryMarker.None;

        /// <summary>How often a transient failure is retried, with exponential back-off.</summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int RetryCount { get; set; } = 3;

        /// <summary>The connect and per-operation timeout, in seconds.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 30;

        /// <summary>How long each file waits at most for another run sending the same content, and with -Marker Fin for the remote folder to drain, in seconds.</summary>
        [Parameter]
        [Alias("MaxWait")]
        [ValidateRange(0, 86400)]
        public int MaxWaitSec { get; set; } = 1800;

        /// <summary>With -Marker Fin: a file waits while the remote folder's unprocessed .txt and .zip files total this many MB or more.</summary>
        [Parameter]
        [ValidateRange(1, 1048576)]
        public int PendingLimitMB { get; set; } = 50;

        /// <summary>A sub-folder of the destination listed after sending (Adobe: files_with_errors); each file of this run found there is a warning.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ErrorFolder { get; set; }

        /// <summary>The store whose delivery ledger records what was sent; default: OFFLINEDATA_STORE, else the per-user default.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Store { get; set; }

        /// <summary>The user name and password of a PostgreSQL store (-Credential is the destination's login here).</summary>
        [Parameter]
        [Credential]
        public PSCredential? StoreCredential { get; set; }

        /// <summary>Consent values that suppress a customer's rows (default n, an explicit opt-out; add p and u to hold back pending and unknown consent).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateConsentValue]
        [ArgumentCompleter(typeof(ConsentCompleter))]
        public string[] SuppressConsentValue { get; set; } = ConsentParameters.DefaultValues;

        /// <summary>Consent fields whose values count (default collect; e.g. collect,share).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ConsentCompleter))]
        public string[] ConsentScope { get; set; } = ConsentParameters.DefaultScopes;

        /// <summary>Send the files as they are, without checking them against the store's opt-outs (a warning on every run): only for files known to hold no opted-out customer.</summary>
        [Parameter]
        public SwitchParameter SkipConsentCheck { get; set; }

        /// <summary>
        /// Bound by property name from Export-OfflineData's and Export-AdobeDataSource's output: the consent policy the
        /// piped files were written under. When it is this run's policy (the same scopes and values, in any order), a file
        /// whose rows cannot be checked here (an Adobe transactionID file) is sent unchanged instead of refused; files of a
        /// known format are checked all the same. Hidden: typed on the command line it is honoured with a warning on every
        /// run, like -SkipConsentCheck, since nothing then shows the files were written under it.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        [AllowNull]
        [AllowEmptyString]
        public string? ConsentPolicy { get; set; }

        /// <inheritdoc />
        protected override string ProgressActivity => "Sending files";

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(ConsentPolicy)) && !SkipConsentCheck)
            {
                // Only command-line parameters are bound before the first input: a piped object's policy is not seen here.
                WriteWarning(TypedPolicyWarning);
            }

            var destination = ParseDestination();
            // Certificate options first: with an sftp:// destination, the error then says what trusts an SFTP server instead.
            var certificates = CertificateTrustFor(destination);
            var hostKeyPolicy = HostKeyPolicyFor(destination);
            RefuseCredentialForFolder(destination);
            var connect = new DeliveryConnectOptions
            {
                HostKeyPolicy = hostKeyPolicy,
                TrustedCertificateFingerprints = certificates,
                AcceptAnyCertificate = AcceptAnyCertificate,
                Credential = StoreOpener.ToNetworkCredential(Credential),
                KeyFilePath = KeyFilePath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(KeyFilePath),
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
            };
            if (connect.KeyFilePath != null && !File.Exists(connect.KeyFilePath))
            {
                // Found here, once, like a missing known_hosts file: not as one failed login per file after connecting.
                ThrowTerminatingError(new ErrorRecord(
                    new ItemNotFoundException($"The key file '{connect.KeyFilePath}' does not exist (or is a folder); nothing was read or sent."),
                    ErrorIds.KeyFileNotFound,
                    ErrorCategory.ObjectNotFound,
                    KeyFilePath));
            }

            senderOptions = new FileSenderOptions(destination, connect)
            {
                Force = Force,
                NamePattern = NamePattern,
                ReportSuite = ReportSuite,
                TemporarySuffix = TemporarySuffix,
                Compress = Compress,
                Marker = Marker,
                RetryCount = RetryCount,
                MaxWait = TimeSpan.FromSeconds(MaxWaitSec),
                PendingLimitBytes = PendingLimitMB * 1024L * 1024L,
                ErrorFolder = ErrorFolder,
            };
            // A bad pattern or suffix is found before any file is read.
            try
            {
                _ = new FileSender(NoLedger.Instance, senderOptions);
            }
            catch (FormatException e)
            {
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException(e.Message, e), ErrorIds.InvalidNamePattern, ErrorCategory.InvalidArgument, NamePattern ?? TemporarySuffix));
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            // Collected, not sent yet: names must be unique over the whole call, and -Marker Fin sends in name order.
            policy ??= ConsentParameters.PolicyOrFail(this, SuppressConsentValue, ConsentScope);
            // Compared as sets: 'collect = p|n' from -SuppressConsentValue p,n is the policy of -SuppressConsentValue n,p.
            bool exported = Core.Store.ConsentPolicy.TryParse(ConsentPolicy, out var given) && policy.IsSameAs(given);
            foreach (var file in InputFiles())
            {
                if (seen.Add(file)) files.Add(file);
                if (exported) exportedUnderPolicy.Add(file);
            }
        }

        /// <inheritdoc />
        protected override void EndCommand()
        {
            if (files.Count == 0) return;
            var planner = new FileSender(NoLedger.Instance, senderOptions!);
            IReadOnlyList<DeliveryPlanItem> plan;
            try
            {
                plan = planner.Plan(files);
            }
            catch (FormatException e)
            {
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException(e.Message, e), ErrorIds.InvalidNamePattern, ErrorCategory.InvalidArgument, NamePattern));
                return;
            }
            catch (InvalidOperationException e)
            {
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException(e.Message, e), ErrorIds.RemoteNameNotUnique, ErrorCategory.InvalidArgument, NamePattern ?? RemoteNamePatternDefault));
                return;
            }

            var target = StoreOpener.Resolve(this, Store);
            var suppression = LoadConsent(target);
            var whatIf = WhatIfMode.IsActive(this);
            var approved = new List<DeliveryPlanItem>();
            foreach (var item in plan)
            {
                var what = $"'{item.RemoteName}'" + (item.MarkerName != null ? $" then '{item.MarkerName}'" : string.Empty);
                // -WhatIf counts what consent would hold back (no customer ID is shown); a real run decides per file as it sends.
                var consent = whatIf ? ConsentPlan(item.SourcePath, suppression) : string.Empty;
                if (ShouldProcess($"Sending '{item.SourcePath}' to {planner.DestinationName} as {what}{consent}.", $"Send '{item.SourcePath}' to {planner.DestinationName} as {what}?", "Send-OfflineDataFile"))
                {
                    approved.Add(item);
                }
            }

            // -WhatIf (or every file declined): no store opened, no connection, no ledger entry.
            if (approved.Count == 0) return;

            WarnAboutTrust(senderOptions!.Destination, planner.DestinationName);
            senderOptions!.Suppression = suppression;
            foreach (var file in exportedUnderPolicy) senderOptions.ConsentAppliedPaths.Add(file);
            using var store = StoreOpener.Open(this, target, create: true, StoreOpener.ToNetworkCredential(StoreCredential), null);
            senderOptions!.StoreName = store.DisplayName;
            Run(new FileSender(store, senderOptions), approved);
        }

        private const string RemoteNamePatternDefault = "{Name}";

        /// <summary>The warning of a run with -ConsentPolicy typed on the command line (every run says it).</summary>
        internal const string TypedPolicyWarning =
            "-ConsentPolicy given on the command line: files whose rows cannot be checked against the store's opt-outs (Adobe transactionID files) are sent unchecked when it matches this run's policy; rows of opted-out customers may leave the machine. Pipe the files from Export-OfflineData or Export-AdobeDataSource instead, which set it for the files they wrote.";

        /// <summary>The opt-outs of the ledger's store, read once per run (read only: -WhatIf creates no store).</summary>
        private ConsentSuppression LoadConsent(StoreTarget target)
        {
            policy ??= ConsentParameters.PolicyOrFail(this, SuppressConsentValue, ConsentScope);
            if (SkipConsentCheck)
            {
                WriteWarning(ConsentParameters.SkipWarning("the files are"));
                return ConsentSuppression.None;
            }

            using var store = StoreOpener.Open(this, target, create: false, StoreOpener.ToNetworkCredential(StoreCredential), null);
            return ConsentParameters.Load(this, store, policy!);
        }

        /// <summary>The -WhatIf words on consent for one file: how many rows would be left out, or that it would be refused.</summary>
        private string ConsentPlan(string path, ConsentSuppression suppression)
        {
            if (SkipConsentCheck) return " (consent not checked: -SkipConsentCheck)";
            if (suppression.IsEmpty) return $" (consent: no opted-out customer ({suppression.Policy}); sent unchanged)";
            try
            {
                var scan = ConsentFileFilter.Scan(path, suppression, StopToken);
                if (!scan.IsVerifiable && exportedUnderPolicy.Contains(path)) return $" (consent: exported under the same policy ({suppression.Policy}); sent unchanged)";
                if (!scan.IsVerifiable) return $" — would be refused: {suppression.CustomerCount} customer(s) opted out and the file's rows cannot be checked ({scan.Reason})";
                return scan.SuppressedRows == 0
                    ? $" (consent: none of its {scan.Rows} row(s) is of an opted-out customer; sent unchanged)"
                    : $" (consent: {scan.SuppressedRows} of {scan.Rows} row(s) would be suppressed ({suppression.Policy}); a filtered copy is sent)";
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ICSharpCode.SharpZipLib.SharpZipBaseException)
            {
                return $" — would be refused: it cannot be checked against the opt-outs ({e.Message})";
            }
        }

        /// <summary>
        /// Runs the sender on a worker thread and writes what it reports on this one: a transfer's progress comes from
        /// its own thread, and PowerShell takes output only from the pipeline thread.
        /// </summary>
        private void Run(FileSender sender, IReadOnlyList<DeliveryPlanItem> plan)
        {
            using var queue = new BlockingCollection<Action>();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(StopToken);
            var reporter = new QueueReporter(this, queue, plan.Count);
            var worker = Task.Run(() =>
            {
                try
                {
                    foreach (var result in sender.Send(plan, reporter, stop.Token))
                    {
                        // The next file starts only once this result has reached the pipeline: when downstream
                        // stops it (Select-Object -First 1), no further file is sent behind the user's back.
                        using var emitted = new ManualResetEventSlim();
                        queue.Add(() =>
                        {
                            Emit(result);
                            emitted.Set();
                        });
                        emitted.Wait(stop.Token);
                    }
                }
                finally
                {
                    queue.CompleteAdding();
                }
            });

            try
            {
                foreach (var action in queue.GetConsumingEnumerable()) action();
            }
            catch
            {
                // Downstream stopped the pipeline (Select-Object -First) or writing failed: stop the transfer too.
                stop.Cancel();
                try
                {
                    worker.Wait();
                }
                catch (AggregateException)
                {
                    // the worker's cancellation; the exception that stopped us is the one to throw
                }

                throw;
            }

            try
            {
                worker.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            reporter.Complete();
        }

        private void Emit(DeliveryResult result)
        {
            if (result.StatusValue == DeliveryResultStatus.Failed && result.Error != null) WriteError(ErrorFor(result));
            WriteObject(result);
        }

        private ErrorRecord ErrorFor(DeliveryResult result)
        {
            var d = senderOptions!.Destination;
            var user = senderOptions.Connect.Credential?.UserName is string u && u.Length > 0 ? u : d.UserName;
            // A folder has no host, port or login: its path is the whole story.
            var where = d.IsFolder ? result.Destination : $"{result.Destination} (host {d.Host}, port {d.Port}" + (string.IsNullOrEmpty(user) ? ")" : $", user {user})");
            switch (result.Error)
            {
                case DeliveryException e:
                    var record = DeliveryErrors.ToErrorRecord(e, result.SourcePath, d);
                    if (e.Kind == DeliveryFailureKind.ConsentUnverifiable)
                    {
                        // Nothing was connected: the message names the file and why, no server.
                        record.ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = "Send an offline data file or an Adobe Data Sources file with a VisitorID column (Export-OfflineData and Export-AdobeDataSource write them with the opt-outs applied), or use -SkipConsentCheck for a file known to hold no opted-out customer." };
                        return record;
                    }

                    // The message names host, port and user (the core's connection messages do; others get them here).
                    var named = d.IsFolder || e.Message.IndexOf($"port {d.Port}", StringComparison.Ordinal) >= 0 ? e.Message : $"{where}: {e.Message}";
                    var presented = e.PresentedFingerprint != null && e.Message.IndexOf(e.PresentedFingerprint, StringComparison.Ordinal) < 0 ? $" (presented host key: {e.PresentedFingerprint})" : string.Empty;
                    record.ErrorDetails = new ErrorDetails($"'{result.SourcePath}' was not sent: {named}{presented}");
                    return record;
                case StoreException e:
                    return new ErrorRecord(e, ErrorIds.StoreUnavailable, StoreOpener.Category(e.Kind), result.SourcePath)
                    {
                        ErrorDetails = new ErrorDetails($"'{result.SourcePath}' was not sent to {where}: the delivery ledger of '{result.Store}' failed: {e.Message}"),
                    };
                default:
                    return FileReadErrors.ReadFailed(result.SourcePath, result.Error!, $"Nothing was sent to {where}.");
            }
        }

        private DeliveryDestination ParseDestination()
        {
            var value = Destination.Trim();
            if (!UriScheme.IsMatch(value))
            {
                // A folder: relative to the PowerShell location, not the process's.
                try
                {
                    value = SessionState.Path.GetUnresolvedProviderPathFromPSPath(value);
                }
                catch (Exception e) when (e is SessionStateException || e is NotSupportedException || e is ArgumentException || e is ProviderInvocationException)
                {
                    ThrowTerminatingError(new ErrorRecord(new PSArgumentException($"The destination '{Destination}' is not a usable folder: {e.Message}", e), ErrorIds.InvalidDestination, ErrorCategory.InvalidArgument, Destination));
                }
            }

            if (!DeliveryDestination.TryParse(value, out var destination, out var problem))
            {
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException(problem), ErrorIds.InvalidDestination, ErrorCategory.InvalidArgument, DeliveryDestination.Redact(Destination)));
            }

            return destination!;
        }

        /// <summary>The host-key trust the parameters ask for: exactly one way for SFTP (no implicit trust), none for other destinations.</summary>
        private HostKeyPolicy? HostKeyPolicyFor(DeliveryDestination destination)
        {
            var given = new List<string>();
            if (HostKeyFingerprint != null) given.Add("-HostKeyFingerprint");
            if (KnownHostsPath != null) given.Add("-KnownHostsPath");
            if (AcceptAnyHostKey) given.Add("-AcceptAnyHostKey");
            var isSftp = string.Equals(destination.Scheme, "sftp", StringComparison.Ordinal);
            string? problem = null;
            if (!isSftp && (given.Count > 0 || KeyFilePath != null))
            {
                problem = $"{string.Join(", ", given.Concat(KeyFilePath != null ? new[] { "-KeyFilePath" } : Array.Empty<string>()))} applies to sftp:// destinations only; {destination.DisplayName} is not one." +
                    (destination.Scheme == "ftps" && KeyFilePath == null ? " An FTPS server is trusted by its certificate: -CertificateFingerprint (Get-OfflineDataHostKey reads it), the system's chain (the default), or -AcceptAnyCertificate." : string.Empty);
            }
            else if (isSftp && given.Count == 0)
            {
                problem = $"{destination.DisplayName}: say which host key to trust before anything is sent: -HostKeyFingerprint 'SHA256:...' (Get-OfflineDataHostKey -Uri {destination.DisplayName} reads it; compare it with the server's administrator's), -KnownHostsPath <file>, or, explicitly and with a warning on every run, -AcceptAnyHostKey.";
            }
            else if (given.Count > 1)
            {
                problem = $"Give one of {string.Join(", ", given)}, not several.";
            }

            if (problem != null)
            {
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException(problem), ErrorIds.HostKeyPolicyRequired, ErrorCategory.InvalidArgument, destination.DisplayName));
            }

            if (!isSftp) return null;
            try
            {
                if (HostKeyFingerprint != null) return HostKeyPolicy.Pinned(HostKeyFingerprint);
                if (KnownHostsPath != null) return HostKeyPolicy.KnownHosts(SessionState.Path.GetUnresolvedProviderPathFromPSPath(KnownHostsPath));
            }
            catch (Exception e) when (e is FormatException || e is IOException || e is UnauthorizedAccessException || e is ArgumentException)
            {
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException(e.Message, e), ErrorIds.HostKeyPolicyRequired, ErrorCategory.InvalidArgument, (object?)HostKeyFingerprint ?? KnownHostsPath));
            }

            return HostKeyPolicy.AcceptAny();
        }

        /// <summary>
        /// The certificate trust the parameters ask for: for ftps:// pinned fingerprints, any certificate, or (neither)
        /// the system's chain; for any other destination neither parameter. Checked before anything is read.
        /// </summary>
        private IList<string> CertificateTrustFor(DeliveryDestination destination)
        {
            var given = new List<string>();
            if (CertificateFingerprint != null) given.Add("-CertificateFingerprint");
            if (AcceptAnyCertificate) given.Add("-AcceptAnyCertificate");
            string? problem = null;
            if (given.Count > 0 && destination.Scheme != "ftps")
            {
                var instead = destination.Scheme == "sftp"
                    ? " An SFTP server is trusted by its host key: -HostKeyFingerprint, -KnownHostsPath or -AcceptAnyHostKey."
                    : destination.Scheme == "ftp" ? " Plain FTP has no certificate: use ftps:// for an encrypted connection." : string.Empty;
                problem = $"{string.Join(" and ", given)} applies to ftps:// destinations only; {destination.DisplayName} is not one.{instead}";
            }
            else if (given.Count > 1)
            {
                problem = "Give -CertificateFingerprint or -AcceptAnyCertificate, not both: a pinned certificate is trusted, and no other.";
            }

            if (problem != null)
            {
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException(problem), ErrorIds.InvalidCertificateTrust, ErrorCategory.InvalidArgument, destination.DisplayName));
            }

            var pins = new List<string>();
            foreach (var fingerprint in CertificateFingerprint ?? Array.Empty<string>())
            {
                try
                {
                    // Normalized here, so a typo stops the call before any file is read, not at the first connection.
                    pins.Add(FtpsCertificateReader.NormalizeFingerprint(fingerprint));
                }
                catch (FormatException e)
                {
                    ThrowTerminatingError(new ErrorRecord(new PSArgumentException(e.Message, e), ErrorIds.InvalidCertificateTrust, ErrorCategory.InvalidArgument, fingerprint));
                }
            }

            return pins;
        }

        /// <summary>
        /// A folder is written with the identity of the process (on Windows a UNC share too): a credential would not be
        /// used, and silently going on with another identity than the one the user gave would mislead.
        /// </summary>
        private void RefuseCredentialForFolder(DeliveryDestination destination)
        {
            if (!destination.IsFolder || Credential == null) return;
            var message = $"-Credential does not apply to the folder {destination.DisplayName}: a local or UNC folder is written with the identity this PowerShell runs as"
                + " (on Windows, map the share with that account's rights, or run the task as an account that has them). Leave -Credential out for a folder.";
            ThrowTerminatingError(new ErrorRecord(new PSArgumentException(message), ErrorIds.CredentialNotApplicable, ErrorCategory.InvalidArgument, destination.DisplayName));
        }

        /// <summary>The warnings of a run that really connects: any certificate trusted, or a password sent in clear.</summary>
        private void WarnAboutTrust(DeliveryDestination destination, string shown)
        {
            if (AcceptAnyCertificate)
            {
                WriteWarning($"{shown}: any server certificate is accepted (-AcceptAnyCertificate): the connection is encrypted, but nothing proves this is the server you meant. Pin its fingerprint (-CertificateFingerprint; Get-OfflineDataHostKey reads it) instead.");
            }

            if (destination.Scheme == "ftp" && Credential != null)
            {
                WriteWarning($"{shown}: plain FTP sends the password and the files unencrypted; anyone on the network path can read them. Use ftps:// (explicit TLS) or sftp:// where the server offers it.");
            }
        }

        /// <summary>Turns the sender's reports into actions the pipeline thread runs.</summary>
        private sealed class QueueReporter : IDeliveryReporter
        {
            private const int RunActivity = 1;
            private const int FileActivity = 2;
            private readonly SendOfflineDataFileCommand cmdlet;
            private readonly BlockingCollection<Action> queue;
            private readonly int count;
            private string? currentFile;
            private int fileNumber;
            private bool started;

            public QueueReporter(SendOfflineDataFileCommand cmdlet, BlockingCollection<Action> queue, int count)
            {
                this.cmdlet = cmdlet;
                this.queue = queue;
                this.count = count;
            }

            public void Progress(string sourcePath, string remoteName, long fileDone, long fileTotal, long runDone, long runTotal)
            {
                if (sourcePath != currentFile)
                {
                    currentFile = sourcePath;
                    fileNumber++;
                }

                var number = fileNumber;
                queue.Add(() =>
                {
                    started = true;
                    cmdlet.WriteProgress(new ProgressRecord(RunActivity, "Sending files", $"File {number} of {count}: {Mb(runDone)} of {Mb(runTotal)}")
                    {
                        PercentComplete = Percent(runDone, runTotal),
                    });
                    cmdlet.WriteProgress(new ProgressRecord(FileActivity, $"Sending {System.IO.Path.GetFileName(sourcePath)} as {remoteName}", $"{Mb(fileDone)} of {Mb(fileTotal)}")
                    {
                        ParentActivityId = RunActivity,
                        PercentComplete = Percent(fileDone, fileTotal),
                        CurrentOperation = sourcePath,
                    });
                });
            }

            public void Waiting(string message, TimeSpan waited, TimeSpan maxWait) => queue.Add(() =>
            {
                started = true;
                cmdlet.WriteVerbose(message);
                cmdlet.WriteProgress(new ProgressRecord(RunActivity, "Sending files", "Waiting")
                {
                    CurrentOperation = message,
                    PercentComplete = Percent(waited.Ticks, maxWait.Ticks),
                    SecondsRemaining = (int)Math.Max(0, (maxWait - waited).TotalSeconds),
                });
            });

            public void Warning(string message) => queue.Add(() => cmdlet.WriteWarning(message));

            public void Verbose(string message) => queue.Add(() => cmdlet.WriteVerbose(message));

            public void Complete()
            {
                if (!started) return;
                cmdlet.WriteProgress(new ProgressRecord(FileActivity, "Sending", "Done") { ParentActivityId = RunActivity, RecordType = ProgressRecordType.Completed });
                cmdlet.WriteProgress(new ProgressRecord(RunActivity, "Sending files", "Done") { RecordType = ProgressRecordType.Completed });
            }

            private static int Percent(long done, long total) => total <= 0 ? 0 : (int)Math.Min(100, done * 100 / total);

            private static string Mb(long bytes) => (bytes / 1048576.0).ToString("N1", System.Globalization.CultureInfo.CurrentCulture) + " MB";
        }

        /// <summary>For planning only (names, -WhatIf): a sender that must never reach a ledger.</summary>
        private sealed class NoLedger : IDeliveryLedger
        {
            public static readonly NoLedger Instance = new NoLedger();

            public DeliveryLedgerEntry RecordDeliveryStart(DeliveryLedgerEntry entry) => throw new InvalidOperationException("planning only");

            public DeliveryLedgerEntry RecordDeliveryEnd(DeliveryLedgerEntry entry) => throw new InvalidOperationException("planning only");

            public DeliveryLedgerEntry? FindDelivery(string destination, string sha256) => throw new InvalidOperationException("planning only");

            public IEnumerable<DeliveryLedgerEntry> GetDeliveries(DeliveryLedgerQuery query) => throw new InvalidOperationException("planning only");

            public IDisposable? TryAcquireDelivery(string destination, string sha256) => throw new InvalidOperationException("planning only");
        }
    }
}
