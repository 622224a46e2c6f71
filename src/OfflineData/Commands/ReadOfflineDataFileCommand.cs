using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using OfflineData.Commands.Paths;
using OfflineData.Commands.Progress;
using OfflineData.Core;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;
using OfflineData.Core.Reading;

namespace OfflineData.Commands
{
    /// <summary>
    /// <para type="synopsis">Streams the rows of offline data files to the pipeline as typed records; invalid rows become non-terminating errors.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Read, "OfflineDataFile", DefaultParameterSetName = PathParameterSet)]
    [OutputType(typeof(OfflineDataRecord))]
    public sealed class ReadOfflineDataFileCommand : PSCmdlet
    {
        private const string PathParameterSet = "Path";
        private const string LiteralPathParameterSet = FileSystemPathResolver.LiteralPathParameterSet;
        private const int ProgressEveryRows = 4096;

        /// <summary>ErrorId when a file cannot be read at all (locked, access denied, I/O error).</summary>
        public const string FileReadFailedErrorId = FileReadErrors.FileReadFailedErrorId;

        private ByteProgressReporter? progress;

        /// <summary>Files to read; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathParameterSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Files to read, taken exactly as written.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathParameterSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Whether the first row is a header: Auto (detect), Present or Absent.</summary>
        [Parameter]
        public HeaderMode Header { get; set; } = HeaderMode.Auto;

        /// <summary>Also reports exact duplicate rows as warnings (remembers row hashes: memory grows to a fixed cap).</summary>
        [Parameter]
        public SwitchParameter CheckDuplicates { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing() => progress = new ByteProgressReporter(this, 1, "Reading offline data");

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            foreach (var file in FileSystemPathResolver.ResolveInputFiles(this, Path, LiteralPath))
            {
                ReadFile(file);
            }
        }

        /// <inheritdoc />
        protected override void EndProcessing() => progress?.Complete();

        private void ReadFile(string file)
        {
            progress!.Start(file);
            OfflineDataReader reader;
            try
            {
                reader = OfflineDataReader.Open(file, new OfflineDataReaderOptions { Header = Header, CheckDuplicates = CheckDuplicates });
            }
            catch (Exception e) when (FileReadErrors.IsReadFailure(e))
            {
                WriteError(FileReadErrors.ReadFailed(file, e));
                return;
            }

            using (reader)
            {
                long rows = 0;
                long invalid = 0;
                try
                {
                    while (reader.Read())
                    {
                        rows++;
                        Report(reader.FileFindings);
                        Report(reader.RowFindings);
                        if (reader.RowHasErrors)
                        {
                            invalid++;
                        }
                        else
                        {
                            // Each record goes down the pipeline as soon as it is parsed: memory does not grow with the file.
                            WriteObject(reader.ToRecord());
                        }

                        if (rows % ProgressEveryRows == 0) progress.Report(reader.BytesRead, reader.TotalBytes);
                    }

                    Report(reader.FileFindings); // trailing, file-level findings
                }
                catch (Exception e) when (FileReadErrors.IsReadFailure(e))
                {
                    WriteError(FileReadErrors.ReadFailed(file, e, "The rows before the failure were written to the pipeline."));
                }

                WriteVerbose($"{file}: {rows} row(s), {rows - invalid} written to the pipeline, {invalid} invalid.");
            }
        }

        private void Report(IReadOnlyList<Finding> findings)
        {
            foreach (var finding in findings)
            {
                if (finding.SeverityValue == FindingSeverity.Warning)
                {
                    WriteWarning(finding.ToString());
                    continue;
                }

                // Same code as Test-OfflineDataFile; the finding (file, entry, line, column, raw value) is the target.
                var error = new ErrorRecord(new InvalidDataException(finding.ToString()), finding.Code.ToString(), ErrorCategory.InvalidData, finding);
                error.ErrorDetails = new ErrorDetails(finding.ToString())
                {
                    RecommendedAction = "Fix the row in the file, or convert the source again with Convert-OfflineDataFile.",
                };
                WriteError(error);
            }
        }
    }
}
