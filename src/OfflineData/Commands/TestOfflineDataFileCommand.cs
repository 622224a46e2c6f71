using System;
using System.IO;
using System.Management.Automation;
using System.Threading;
using OfflineData.Commands.Paths;
using OfflineData.Commands.Progress;
using OfflineData.Core;
using OfflineData.Core.Format;
using OfflineData.Core.Reading;
using OfflineData.Core.Validation;

namespace OfflineData.Commands
{
    /// <summary>
    /// <para type="synopsis">Validates offline data files and reports every finding with its line, column and raw value.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "OfflineDataFile", DefaultParameterSetName = PathParameterSet)]
    [OutputType(typeof(ValidationReport))]
    [OutputType(typeof(bool))]
    public sealed class TestOfflineDataFileCommand : PSCmdlet, IDisposable
    {
        private const string PathParameterSet = "Path";
        private const string LiteralPathParameterSet = FileSystemPathResolver.LiteralPathParameterSet;

        /// <summary>ErrorId when a file cannot be read at all (locked, access denied, I/O error).</summary>
        public const string FileReadFailedErrorId = FileReadErrors.FileReadFailedErrorId;

        private readonly CancellationTokenSource stopping = new CancellationTokenSource();
        private ByteProgressReporter? progress;

        /// <summary>Files to validate; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathParameterSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Files to validate, taken exactly as written (no wildcards).</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathParameterSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Whether the first row is a header: Auto (detect), Present or Absent.</summary>
        [Parameter]
        public HeaderMode Header { get; set; } = HeaderMode.Auto;

        /// <summary>Returns only $true (no errors) or $false per file.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        /// <summary>How many findings a report lists at most; counts stay exact.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int MaxFindings { get; set; } = OfflineDataValidator.DefaultMaxListedFindings;

        /// <summary>Field size limit in bytes; when only -MaxRecordLength is given, at most that.</summary>
        [Parameter]
        [ValidateRange(16, 256 * 1024 * 1024)]
        public int MaxFieldLength { get; set; } = OfflineDataReaderOptions.DefaultMaxFieldLength;

        /// <summary>Record size limit in bytes.</summary>
        [Parameter]
        [ValidateRange(16, 256 * 1024 * 1024)]
        public int MaxRecordLength { get; set; } = OfflineDataReaderOptions.DefaultMaxRecordLength;

        /// <summary>Skips the duplicate-row check.</summary>
        [Parameter]
        public SwitchParameter NoDuplicateCheck { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            // A record limit below the default field limit alone is a coherent request: the field limit follows it.
            if (MyInvocation.BoundParameters.ContainsKey(nameof(MaxRecordLength)) && !MyInvocation.BoundParameters.ContainsKey(nameof(MaxFieldLength)))
            {
                MaxFieldLength = Math.Min(OfflineDataReaderOptions.DefaultMaxFieldLength, MaxRecordLength);
            }

            if (MaxRecordLength < MaxFieldLength)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new PSArgumentException($"-MaxRecordLength ({MaxRecordLength}) must be at least -MaxFieldLength ({MaxFieldLength})."),
                    "InvalidLimits",
                    ErrorCategory.InvalidArgument,
                    MaxRecordLength));
            }

            progress = new ByteProgressReporter(this, 1, "Validating offline data");
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var files = FileSystemPathResolver.ResolveInputFiles(
                this,
                Path,
                LiteralPath,
                onFailure: _ =>
                {
                    if (Quiet) WriteObject(false);
                });

            foreach (var file in files)
            {
                var report = ValidateFile(file);
                if (report == null)
                {
                    if (Quiet) WriteObject(false);
                    continue;
                }

                WriteVerbose($"{file}: {report.RowCount} row(s), {report.ErrorCount} error(s), {report.WarningCount} warning(s) in {report.Elapsed.TotalSeconds:N2} s.");
                WriteObject(Quiet ? (object)report.IsValid : report);
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing() => progress?.Complete();

        /// <inheritdoc />
        protected override void StopProcessing() => stopping.Cancel();

        /// <summary>Releases the cancellation source.</summary>
        public void Dispose() => stopping.Dispose();

        private ValidationReport? ValidateFile(string file)
        {
            var options = new OfflineDataReaderOptions
            {
                Header = Header,
                MaxFieldLength = MaxFieldLength,
                MaxRecordLength = MaxRecordLength,
                CheckDuplicates = !NoDuplicateCheck,
            };
            var validator = new OfflineDataValidator(options, MaxFindings);
            progress!.Start(file);
            try
            {
                return validator.Validate(file, progress.Report, stopping.Token);
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception e) when (FileReadErrors.IsReadFailure(e))
            {
                WriteError(FileReadErrors.ReadFailed(file, e));
            }

            return null;
        }
    }
}
