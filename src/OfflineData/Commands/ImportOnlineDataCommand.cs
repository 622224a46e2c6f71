using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using OfflineData.Commands.Paths;
using OfflineData.Commands.Pipeline;
using OfflineData.Commands.Progress;
using OfflineData.Commands.Store;
using OfflineData.Core;
using OfflineData.Core.Import;
using OfflineData.Core.Store;

namespace OfflineData.Commands
{
    /// <summary>
    /// <para type="synopsis">Records online activity (visitors, and transaction IDs with the visitor's state) so offline rows can be tied to it.</para>
    /// </summary>
    [Cmdlet(VerbsData.Import, "OnlineData", DefaultParameterSetName = PathParameterSet, SupportsShouldProcess = true)]
    [OutputType(typeof(OnlineImportResult))]
    public sealed class ImportOnlineDataCommand : PSCmdlet, IDisposable
    {
        private const string PathParameterSet = "Path";
        private const string LiteralPathParameterSet = FileSystemPathResolver.LiteralPathParameterSet;
        private const string InputObjectParameterSet = "InputObject";
        private const int MaxWarnings = 100;

        private IOfflineDataStore? store;
        private OnlineDataRecorder? pipelineBatch;
        private bool pipelineDeclined;
        private long pipelinePosition;
        private long warnings;
        private ByteProgressReporter? progress;

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
        public string ReportSuite { get; set; } = string.Empty;

        /// <summary>The store file; default: OFFLINEDATA_STORE, else the per-user default.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Store { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            store = StoreOpener.Open(this, Store, create: !WhatIfMode.IsActive(this));
            progress = new ByteProgressReporter(this, 1, "Recording online activity");
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputObjectParameterSet)
            {
                RecordPipelineObject();
                return;
            }

            foreach (var file in FileSystemPathResolver.ResolveInputFiles(this, Path, LiteralPath))
            {
                if (!ShouldProcess(file, $"Record online activity into report suite '{ReportSuite}'")) continue;
                RecordFile(file);
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing()
        {
            if (pipelineBatch != null)
            {
                WriteObject(Complete(pipelineBatch));
                pipelineBatch.Dispose();
                pipelineBatch = null;
            }

            progress?.Complete();
        }

        /// <inheritdoc />
        public void Dispose()
        {
            // A pipeline stopped half-way (Ctrl+C, an error) records nothing of its batch.
            pipelineBatch?.Dispose();
            store?.Dispose();
        }

        private void RecordFile(string file)
        {
            progress!.Start(file);
            try
            {
                using var recorder = new OnlineDataRecorder(store!, ReportSuite, file);
                foreach (var row in OnlineActivityFileReader.Read(file, progress.Report))
                {
                    Report(recorder.Record(row), file);
                }

                WriteObject(Complete(recorder));
            }
            catch (StoreException e)
            {
                ThrowTerminatingError(StoreOpener.Unavailable(store!, e));
            }
            catch (Exception e) when (FileReadErrors.IsReadFailure(e))
            {
                WriteError(FileReadErrors.ReadFailed(file, e, "Nothing of it was recorded."));
            }
        }

        private void RecordPipelineObject()
        {
            if (InputObject == null || pipelineDeclined) return;
            if (pipelineBatch == null)
            {
                if (!ShouldProcess("pipeline input", $"Record online activity into report suite '{ReportSuite}'"))
                {
                    pipelineDeclined = true;
                    return;
                }

                try
                {
                    pipelineBatch = new OnlineDataRecorder(store!, ReportSuite, "pipeline");
                }
                catch (StoreException e)
                {
                    ThrowTerminatingError(StoreOpener.Unavailable(store!, e));
                }
            }

            pipelinePosition++;
            var activity = OnlineActivityFactory.Create("pipeline", pipelinePosition, InputObjectFields.Read(InputObject), out var error);
            Report(pipelineBatch!.Record(new OnlineInputRow(activity, error)), InputObject);
        }

        private OnlineImportResult Complete(OnlineDataRecorder recorder)
        {
            var result = recorder.Complete();
            if (warnings > MaxWarnings)
            {
                WriteWarning($"{warnings - MaxWarnings} more warning(s) were not shown; DuplicateTransactions in the result counts them all.");
            }

            warnings = 0;
            WriteVerbose($"{result.Source}: {result.Rows} row(s), {result.TransactionsRecorded} transaction(s) recorded, {result.DuplicateTransactions} duplicate(s), {result.Rejected} rejected.");
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
