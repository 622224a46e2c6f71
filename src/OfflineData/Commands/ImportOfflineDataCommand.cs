using System;
using System.Management.Automation;
using OfflineData.Commands.Arguments;
using OfflineData.Commands.Base;
using OfflineData.Commands.Completion;
using OfflineData.Commands.Paths;
using OfflineData.Commands.Pipeline;
using OfflineData.Commands.Store;
using OfflineData.Core;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;
using OfflineData.Core.Import;
using OfflineData.Core.Matching;
using OfflineData.Core.Reading;
using OfflineData.Core.Store;

namespace OfflineData.Commands
{
    /// <summary>
    /// <para type="synopsis">Validates, matches and imports offline data files into the store, each file whole or not at all.</para>
    /// </summary>
    [Cmdlet(VerbsData.Import, "OfflineData", DefaultParameterSetName = PathParameterSet, SupportsShouldProcess = true)]
    [OutputType(typeof(ImportResult))]
    [OutputType(typeof(StoredOfflineRow))]
    public sealed class ImportOfflineDataCommand : FileInputCmdlet
    {
        private PipelineStores? stores;
        private string? rejectDirectory;

        /// <summary>The report suite to import into.</summary>
        [Parameter(Mandatory = true)]
        [ValidatePattern(ReportSuiteId.Pattern)]
        [ArgumentCompleter(typeof(ReportSuiteCompleter))]
        public string ReportSuite { get; set; } = string.Empty;

        /// <summary>
        /// The store: an SQLite file's path, or a PostgreSQL URI or keyword connection string; default (also when empty):
        /// OFFLINEDATA_STORE, else the per-user default. Binds from the Store
        /// property of piped store objects. Declared here as in <see cref="StoreCmdlet"/>: this cmdlet reads files too.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyString]
        public string? Store { get; set; }

        /// <summary>
        /// The user name and password for a PostgreSQL store (a user name alone prompts for the password); they take
        /// precedence over a user in -Store. Never echoed: not in messages, -WhatIf, verbose output or the ledger.
        /// Without it the password comes from PGPASSWORD or the pgpass file. An SQLite store does not use it.
        /// </summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>
        /// The piped object itself (hidden): it binds to -Path or by its properties; this only lets the cmdlet tell
        /// when an explicit -Store disagrees with the object's store.
        /// </summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>The folder for quarantine files of rejected rows; default: 'quarantine' beside the store.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? RejectPath { get; set; }

        /// <summary>Imports content that was already imported into the report suite; the new import replaces the old one.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Streams the per-row match results instead of one result per file.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The column holding the transaction ID: a number (23) or a name ('EventTransaction Attr1', the default).</summary>
        [Parameter]
        [ValidateNotNull]
        [TransactionIdColumnTransformation]
        [ArgumentCompleter(typeof(TransactionIdColumnCompleter))]
        public TransactionIdColumn TransactionIdColumn { get; set; } = TransactionIdColumn.Default;

        /// <summary>Whether the first row is a header: Auto (detect), Present or Absent.</summary>
        [Parameter]
        public HeaderMode Header { get; set; } = HeaderMode.Auto;

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            if (RejectPath != null)
            {
                // One terminating error naming why -RejectPath cannot be used (NotFileSystemPath, InvalidPath ...).
                rejectDirectory = FileSystemPathResolver.ResolveRequiredDestination(this, RejectPath, ErrorIds.InvalidRejectPath);
                if (System.IO.File.Exists(rejectDirectory))
                {
                    // Found here, before any file: creating the quarantine folder under it failed mid-import with a raw IOException.
                    ThrowTerminatingError(new ErrorRecord(new PSArgumentException($"-RejectPath '{DisplayText.Escape(RejectPath!)}' is a file; give the folder the quarantine files go to."), ErrorIds.InvalidRejectPath, ErrorCategory.InvalidArgument, RejectPath));
                }
            }

            stores = new PipelineStores(this, Store, Credential);
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var location = stores!.Locate(Store, InputObject);
            if (location == null) return;
            foreach (var file in InputFiles())
            {
                bool dryRun;
                if (ShouldProcess($"Importing '{file}' into report suite '{ReportSuite}' of store '{location.DisplayName}'.", $"Import '{file}' into report suite '{ReportSuite}' of store '{location.DisplayName}'?", "Import-OfflineData", out var reason))
                {
                    dryRun = false;
                }
                else if (reason == ShouldProcessReason.WhatIf)
                {
                    // -WhatIf is a dry run: read and match the file, predict the counts, write nothing.
                    dryRun = true;
                }
                else
                {
                    continue;
                }

                // Opened only now: a declined -Confirm creates no store file, and -WhatIf never creates it.
                ImportFile(file, dryRun, location, stores.Open(location, create: !dryRun));
            }
        }

        /// <inheritdoc />
        protected override string ProgressActivity => $"Importing offline data into '{ReportSuite}'";

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            if (disposing) stores?.Dispose();
            base.Dispose(disposing);
        }

        /// <summary>The error category of a failed file: what went wrong, the file, the store or the quarantine folder.</summary>
        private static ErrorCategory FailureCategory(ImportResult result) => result.FailureCauseValue switch
        {
            ImportFailureCause.Unreadable => ErrorCategory.ReadError,
            ImportFailureCause.StoreFailed => StoreOpener.Category(result.StoreFailureKindValue ?? StoreFailureKind.Other),
            ImportFailureCause.QuarantineFailed => ErrorCategory.WriteError,
            _ => ErrorCategory.InvalidData,
        };

        private void ImportFile(string file, bool dryRun, StoreTarget target, IOfflineDataStore store)
        {
            var quarantine = StoreOpener.QuarantineDefaults(target);
            var options = new OfflineDataImportOptions
            {
                ReportSuite = ReportSuite,
                TransactionIdColumn = TransactionIdColumn,
                RejectDirectory = rejectDirectory ?? quarantine.Directory,
                QuarantineStoreName = quarantine.StoreName,
                Force = Force,
                DryRun = dryRun,
                ReaderOptions = new OfflineDataReaderOptions { Header = Header },
            };
            Observer.StartFile(file);
            Observer.WantsRows = PassThru;
            ImportResult result;
            try
            {
                result = UntilStopped(stopping => new OfflineDataImporter(store).Import(file, options, Observer, stopping));
            }
            finally
            {
                stores!.EndWaiting();
            }

            WriteVerbose($"{file}: {result.Status}; {result.Rows} row(s), {result.Imported} imported ({result.MatchedByTransactionId} by transaction ID, {result.MatchedByCustomerId} by customer ID, {result.Unattributed} unattributed), {result.Rejected} rejected, revenue {result.Revenue}, in {result.Duration.TotalSeconds:N2} s.");
            if (result.StatusValue == ImportRunStatus.Failed && result.ReadFailure != null)
            {
                // Unreadable is the same error in every cmdlet (FileReadFailed, PermissionDenied or ReadError).
                WriteError(FileReadErrors.ReadFailed(file, result.ReadFailure, "Nothing of it was imported."));
            }
            else if (result.StatusValue == ImportRunStatus.Failed)
            {
                WriteError(new ErrorRecord(new InvalidOperationException(result.Message), ErrorIds.ImportFailed, FailureCategory(result), file));
                // A server that could not be reached mid-file (restarted, failed over, the session killed) leaves the
                // connection broken: the next file connects again instead of failing on it ("Connection is not open").
                if (target.IsServer && result.FailureCauseValue == ImportFailureCause.StoreFailed && result.StoreFailureKindValue == StoreFailureKind.Unavailable) stores!.Close(target);
            }

            if (!PassThru) WriteObject(result);
        }
    }
}
