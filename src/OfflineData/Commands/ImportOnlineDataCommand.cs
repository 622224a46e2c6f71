using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using OfflineData.Commands.Base;
using OfflineData.Commands.Completion;
using OfflineData.Commands.Paths;
using OfflineData.Commands.Pipeline;
using OfflineData.Commands.Store;
using OfflineData.Core;
using OfflineData.Core.Findings;
using OfflineData.Core.Import;
using OfflineData.Core.Store;

namespace OfflineData.Commands
{
    /// <summary>
    /// <para type="synopsis">Records online activity (visitors, and transaction IDs with the visitor's state) so offline rows can be tied to it.</para>
    /// </summary>
    /// <remarks>
    /// Not a <see cref="FileInputCmdlet"/>: rows come from the pipeline by value (-InputObject), so -Path binds only by
    /// property name here, and -Store never binds from pipeline rows, whose Store column is data.
    /// </remarks>
    [Cmdlet(VerbsData.Import, "OnlineData", DefaultParameterSetName = PathParameterSet, SupportsShouldProcess = true)]
    [OutputType(typeof(OnlineImportResult))]
    public sealed class ImportOnlineDataCommand : OfflineDataCmdlet
    {
        private const string PathParameterSet = "Path";
        private const string LiteralPathParameterSet = FileSystemPathResolver.LiteralPathParameterSet;
        private const string InputObjectParameterSet = "InputObject";
        private const int MaxWarnings = 100;

        private PipelineStores? stores;
        private OnlineDataRecorder? pipelineBatch;
        private IOfflineDataStore? pipelineStore;
        private bool pipelineDeclined;
        private long pipelinePosition;
        private long warnings;

        /// <summary>Online activity CSV files (header: Timestamp, VisitorId, optional TransactionId, state columns); wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathParameterSet, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Online activity CSV files, taken exactly as written.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathParameterSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Objects with Timestamp, VisitorId, optional TransactionId and state properties (e.g. from Import-Csv).</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectParameterSet, ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>The report suite to record into.</summary>
        [Parameter(Mandatory = true)]
        [ValidatePattern(ReportSuiteId.Pattern)]
        [ArgumentCompleter(typeof(ReportSuiteCompleter))]
        public string ReportSuite { get; set; } = string.Empty;

        /// <summary>
        /// The store: an SQLite file's path, or a PostgreSQL URI or keyword connection string; default: OFFLINEDATA_STORE,
        /// else the per-user default. With -Path/-LiteralPath it binds from
        /// the Store property of piped objects; never from pipeline rows (-InputObject), whose Store column is data (a shop).
        /// </summary>
        [Parameter(ParameterSetName = PathParameterSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = LiteralPathParameterSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = InputObjectParameterSet)]
        [ValidateNotNullOrEmpty]
        public string? Store { get; set; }

        /// <summary>
        /// The user name and password for a PostgreSQL store (a user name alone prompts for the password); they take
        /// precedence over a user in -Store. Never echoed: not in messages, -WhatIf, verbose output or the ledger.
        /// Without it the password comes from PGPASSWORD or the pgpass file. An SQLite store does not use it.
        /// </summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            stores = new PipelineStores(this, Store, Credential);
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            IEnumerable<string> files;
            if (ParameterSetName != InputObjectParameterSet)
            {
                files = FileSystemPathResolver.ResolveInputFiles(this, Path, LiteralPath);
            }
            else if (InputObject != null && PipelineFileReference.TryGet(InputObject, IsRowField, out var piped, out var literal))
            {
                // Get-ChildItem output and path strings bind to -InputObject first; they name files, they are not rows.
                files = FileSystemPathResolver.ResolveExistingFiles(this, new[] { piped }, literal);
            }
            else
            {
                RecordPipelineObject();
                return;
            }

            var location = stores!.Locate(Store, null);
            if (location == null) return;

            foreach (var file in files)
            {
                bool dryRun;
                if (ShouldProcess($"Recording online activity from '{file}' into report suite '{ReportSuite}' of store '{location.DisplayName}'.", $"Record online activity from '{file}' into report suite '{ReportSuite}' of store '{location.DisplayName}'?", "Import-OnlineData", out var reason))
                {
                    dryRun = false;
                }
                else if (reason == ShouldProcessReason.WhatIf)
                {
                    // -WhatIf is a dry run, as in Import-OfflineData: read the file, predict the counts, write nothing.
                    dryRun = true;
                }
                else
                {
                    continue;
                }

                // Opened only now: a declined -Confirm creates no store file, and -WhatIf never creates it.
                RecordFile(file, location, stores.Open(location, create: !dryRun), dryRun);
            }
        }

        /// <inheritdoc />
        protected override string ProgressActivity => "Recording online activity";

        /// <inheritdoc />
        protected override void EndCommand()
        {
            if (pipelineBatch != null)
            {
                try
                {
                    WriteObject(Complete(pipelineBatch));
                    pipelineBatch.Dispose();
                    pipelineBatch = null;
                }
                catch (StoreException e)
                {
                    PipelineBatchFailed(e);
                }
            }
        }

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            // A pipeline stopped half-way (Ctrl+C, an error) records nothing of its batch.
            if (disposing)
            {
                pipelineBatch?.Dispose();
                stores?.Dispose();
            }

            base.Dispose(disposing);
        }

        private void RecordFile(string file, StoreTarget location, IOfflineDataStore store, bool dryRun)
        {
            Observer.StartFile(file);
            try
            {
                using var recorder = new OnlineDataRecorder(store, ReportSuite, file, dryRun);
                stores!.EndWaiting();
                foreach (var row in OnlineActivityFileReader.Read(file, Observer.Progress))
                {
                    Report(recorder.Record(row), file);
                }

                WriteObject(Complete(recorder));
            }
            catch (StoreException e)
            {
                // The file's batch was rolled back whole; the other files are still tried.
                WriteError(StoreOpener.Unavailable(store, new StoreException($"{e.Message} Nothing of '{file}' was recorded.", e.Kind, e)));
                // As in Import-OfflineData: a server lost mid-file leaves a broken connection; the next file connects again.
                if (location.IsServer && e.Kind == StoreFailureKind.Unavailable) stores!.Close(location);
            }
            catch (Exception e) when (FileReadErrors.IsReadFailure(e))
            {
                WriteError(FileReadErrors.ReadFailed(file, e, "Nothing of it was recorded."));
            }
            finally
            {
                stores!.EndWaiting();
            }
        }

        private void RecordPipelineObject()
        {
            if (InputObject == null || pipelineDeclined) return;
            if (pipelineBatch == null)
            {
                // -Store does not bind from pipeline rows, so it is the command line's (or the default) for the whole batch.
                var location = stores!.Locate(Store, null)!;
                var dryRun = false;
                if (!ShouldProcess($"Recording online activity from the pipeline into report suite '{ReportSuite}' of store '{location.DisplayName}'.", $"Record online activity from the pipeline into report suite '{ReportSuite}' of store '{location.DisplayName}'?", "Import-OnlineData", out var reason))
                {
                    // -WhatIf is a dry run of the batch; a declined -Confirm records nothing of the pipeline.
                    if (reason != ShouldProcessReason.WhatIf)
                    {
                        pipelineDeclined = true;
                        return;
                    }

                    dryRun = true;
                }

                pipelineStore = stores.Open(location, create: !dryRun);
                try
                {
                    pipelineBatch = new OnlineDataRecorder(pipelineStore, ReportSuite, "pipeline", dryRun);
                }
                catch (StoreException e)
                {
                    PipelineBatchFailed(e);
                    return;
                }
                finally
                {
                    stores.EndWaiting();
                }
            }

            pipelinePosition++;
            var activity = OnlineActivityFactory.Create("pipeline", pipelinePosition, InputObjectFields.Read(InputObject), out var error);
            Finding? finding;
            try
            {
                finding = pipelineBatch!.Record(new OnlineInputRow(activity, error));
            }
            catch (StoreException e)
            {
                PipelineBatchFailed(e);
                return;
            }

            Report(finding, InputObject);
        }

        /// <summary>
        /// The store failed under the pipeline batch (disk full, read-only, damaged): one non-terminating error, the
        /// batch is rolled back whole and the rest of the pipeline input is ignored, as it would go to the same batch.
        /// </summary>
        private void PipelineBatchFailed(StoreException e)
        {
            WriteError(StoreOpener.Unavailable(pipelineStore!, new StoreException(e.Message + " Nothing of the pipeline input was recorded.", e.Kind, e)));
            pipelineBatch?.Dispose();
            pipelineBatch = null;
            pipelineDeclined = true;
        }

        private static bool IsRowField(string name) => OnlineActivityFactory.RoleOf(name) != OnlineFieldRole.State;

        private OnlineImportResult Complete(OnlineDataRecorder recorder)
        {
            var result = recorder.Complete();
            if (warnings > MaxWarnings)
            {
                WriteWarning($"{warnings - MaxWarnings} more warning(s) were not shown; DuplicateTransactions in the result counts them all.");
            }

            warnings = 0;
            WriteVerbose($"{result.Source}: {result.Rows} row(s), {result.TransactionsRecorded} transaction(s) {(result.WhatIf ? "would be recorded (dry run)" : "recorded")}, {result.DuplicateTransactions} duplicate(s), {result.Rejected} rejected.");
            return result;
        }

        /// <summary>A rejected row is a non-terminating error (target: the input object or the file); a duplicate a warning.</summary>
        private void Report(Finding? finding, object target)
        {
            if (finding == null) return;
            if (finding.SeverityValue == FindingSeverity.Warning)
            {
                if (++warnings <= MaxWarnings) WriteWarning(finding.ToString());
                return;
            }

            var category = finding.CodeValue == FindingCode.RecordingDisabled ? ErrorCategory.InvalidOperation : ErrorCategory.InvalidData;
            WriteError(new ErrorRecord(new InvalidDataException(finding.ToString()), finding.Code.ToString(), category, target is string ? (object)finding : target));
        }
    }
}
