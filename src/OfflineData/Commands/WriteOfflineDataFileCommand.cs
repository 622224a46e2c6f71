using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using OfflineData.Commands.Completion;
using OfflineData.Commands.Conversion;
using OfflineData.Commands.Base;
using OfflineData.Commands.Paths;
using OfflineData.Commands.Pipeline;
using OfflineData.Core;
using OfflineData.Core.Conversion;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;
using OfflineData.Core.Writing;

namespace OfflineData.Commands
{
    /// <summary>
    /// <para type="synopsis">Writes records or any objects with matching property names from the pipeline to a valid offline data file, atomically.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Write, "OfflineDataFile", DefaultParameterSetName = PathParameterSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(FileInfo))]
    public sealed class WriteOfflineDataFileCommand : OfflineDataCmdlet
    {
        private const string PathParameterSet = "Path";
        private const string LiteralPathParameterSet = "LiteralPath";

        // The session's culture: Import-Csv gives back dates and numbers as Export-Csv wrote them in it.
        private readonly OfflineDataRecordBuilder builder = new OfflineDataRecordBuilder(System.Globalization.CultureInfo.CurrentCulture);
        private OfflineDataFileWriter? writer;
        private string? destination;
        private long received;
        private long rejected;

        /// <summary>The offline data file to write; wildcards must resolve to exactly one path.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathParameterSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The offline data file to write, taken exactly as written.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathParameterSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string LiteralPath { get; set; } = string.Empty;

        /// <summary>Records, or objects whose property names are the format's columns (Timestamp, CustomerId, ...).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary>Writes no header row.</summary>
        [Parameter]
        public SwitchParameter NoHeader { get; set; }

        /// <summary>Writes a zip archive (also implied by a .zip path).</summary>
        [Parameter]
        public SwitchParameter Compress { get; set; }

        /// <summary>Replaces an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Returns the written file's FileInfo.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            var requested = ParameterSetName == LiteralPathParameterSet ? LiteralPath : Path;
            // A destination that cannot be used (NotFileSystemPath, PathNotFound, InvalidPath) stops the command with that one error.
            // -Path resolves wildcards to one path, as Out-File's does; -LiteralPath is taken as written.
            destination = FileSystemPathResolver.ResolveRequiredWriteDestination(this, requested, ParameterSetName == LiteralPathParameterSet);

            if (!ShouldProcess(destination, "Write offline data file")) return;
            try
            {
                // Rows go to a temporary file as they arrive; it is moved into place only at the end.
                writer = OfflineDataFileWriter.Create(destination!, Force, Compress, !NoHeader, OfflineDataFileWriter.AttributesFromRows, dryRun: false);
            }
            catch (ConversionException e)
            {
                ThrowTerminatingError(ConversionErrors.ToErrorRecord(e, destination!));
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (InputObject == null) return;

            // -InputObject $rows (not piped) arrives as one collection: write its items, as the pipeline would.
            if (InputObject.BaseObject is IEnumerable items && !(InputObject.BaseObject is string) && !(InputObject.BaseObject is IDictionary))
            {
                foreach (var item in items)
                {
                    if (item != null) WriteOne(PSObject.AsPSObject(item));
                }

                return;
            }

            WriteOne(InputObject);
        }

        private void WriteOne(PSObject input)
        {
            received++;
            if (writer == null) return; // -WhatIf or declined

            OfflineDataRecord? record = input.BaseObject as OfflineDataRecord;
            if (record == null && PipelineFileReference.TryGet(input, name => ColumnMapping.TryResolveTarget(name) > 0, out var file, out _))
            {
                // Not a row with no fields: say what to do with a file rather than "no Timestamp property".
                rejected++;
                // A FileInfo's PSPath is provider-qualified (Microsoft.PowerShell.Core\FileSystem::...): show its plain path.
                if (input.BaseObject is FileSystemInfo item) file = item.FullName;
                WriteError(new ErrorRecord(
                    new ArgumentException($"Input object {received} is a file or path ('{DisplayText.Escape(file)}'), not a row; Write-OfflineDataFile writes rows. To copy a file's rows, read them first: Read-OfflineDataFile -LiteralPath {CompletionValues.Quote(DisplayText.Escape(file), '\'')} | Write-OfflineDataFile ..."),
                    ErrorIds.InputIsFile,
                    ErrorCategory.InvalidArgument,
                    input));
                return;
            }

            ConversionRejectReason reason;
            string message;
            bool ok = record != null
                ? builder.TryValidate(record, out reason, out message) // a record may have been changed in the pipeline
                : builder.TryBuild(InputObjectFields.Read(input), out record, out reason, out message);
            if (!ok)
            {
                rejected++;
                WriteError(new ErrorRecord(
                    new InvalidDataException($"Input object {received} was not written: {message}"),
                    reason.ToString(),
                    ErrorCategory.InvalidData,
                    input));
                return;
            }

            try
            {
                writer.Write(record!);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                // The temporary file is removed in Dispose; the destination is left as it was.
                ThrowTerminatingError(new ErrorRecord(
                    new IOException($"Writing '{destination}' failed: {e.Message} Nothing was written to it.", e),
                    ErrorIds.FileIOFailed,
                    ErrorCategory.WriteError,
                    destination));
            }
        }

        /// <inheritdoc />
        protected override void EndCommand()
        {
            if (writer == null)
            {
                return;
            }

            if (writer.RowsWritten == 0)
            {
                writer.Dispose();
                writer = null;
                WriteError(new ErrorRecord(
                    new InvalidOperationException($"Nothing was written to '{destination}': {(received == 0 ? "no input objects arrived" : "none of the " + received + " input objects could be written")}. An offline data file needs at least one row."),
                    ErrorIds.NoRowsWritten,
                    ErrorCategory.InvalidData,
                    destination));
                return;
            }

            long written = writer.RowsWritten;
            try
            {
                writer.Commit();
            }
            catch (ConversionException e)
            {
                ThrowTerminatingError(ConversionErrors.ToErrorRecord(e, destination!));
            }
            finally
            {
                writer.Dispose();
                writer = null;
            }

            WriteVerbose($"{destination}: {written} row(s) written, {rejected} input object(s) rejected.");
            if (rejected > 0)
            {
                WriteWarning($"{rejected} of {received} input object(s) were not written to '{destination}'; each was reported as an error.");
            }

            if (PassThru) FileSystemItems.WriteItem(this, SessionState, destination!);
        }

        /// <summary>Removes the temporary file when the pipeline stops or fails before the end.</summary>
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                writer?.Dispose();
                writer = null;
            }

            base.Dispose(disposing);
        }
    }
}
