using System;
using System.IO;
using System.Management.Automation;
using OfflineData.Commands.Base;
using OfflineData.Commands.Paths;
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
    public sealed class TestOfflineDataFileCommand : FileInputCmdlet
    {
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
                    ErrorIds.InvalidLimits,
                    ErrorCategory.InvalidArgument,
                    MaxRecordLength));
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var files = InputFiles(onFailure: _ =>
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
        protected override string ProgressActivity => "Validating offline data";

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
            Observer.StartFile(file);
            try
            {
                return UntilStopped(stopping => validator.Validate(file, Observer.Progress, stopping));
            }
            catch (Exception e) when (FileReadErrors.IsReadFailure(e))
            {
                WriteError(FileReadErrors.ReadFailed(file, e));
            }

            return null;
        }
    }
}
