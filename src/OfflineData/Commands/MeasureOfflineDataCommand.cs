using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OfflineData.Commands.Base;
using OfflineData.Commands.Completion;
using OfflineData.Commands.Paths;
using OfflineData.Commands.Store;
using OfflineData.Core.Format;
using OfflineData.Core.Measuring;
using OfflineData.Core.Reading;
using OfflineData.Core.Store;

namespace OfflineData.Commands
{
    /// <summary>
    /// <para type="synopsis">Summarises offline data from files (before import) or from the store (after import) in one shape: rows, Num1, Num2 (revenue), distinct customers, credited visitors and rejected rows per group, a totals row and a checksum.</para>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "OfflineData", DefaultParameterSetName = StoreParameterSet)]
    [OutputType(typeof(OfflineDataSummaryRow))]
    public sealed class MeasureOfflineDataCommand : StoreCmdlet
    {
        private const string StoreParameterSet = "Store";
        private const string PathParameterSet = "Path";
        private IReadOnlyList<SummaryDimension> dimensions = Array.Empty<SummaryDimension>();

        /// <summary>Offline data files to summarise (before import); wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathParameterSet, ValueFromPipeline = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Offline data files to summarise, taken exactly as written; binds from Get-ChildItem output.</summary>
        [Parameter(Mandatory = true, ParameterSetName = FileSystemPathResolver.LiteralPathParameterSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>
        /// What to group by: Day, Week (ISO), Month, EventType, Var1…Var5 (files and store); Outcome, Reason,
        /// ReportSuite, Import and State.&lt;name&gt; (credited online state, e.g. State.Campaign) only from the store.
        /// </summary>
        [Parameter]
        [ArgumentCompleter(typeof(SummaryDimensionCompleter))]
        [ValidateNotNull]
        public string[] GroupBy { get; set; } = Array.Empty<string>();

        /// <summary>Whether the first row of a file is a header: Auto (detect), Present or Absent.</summary>
        [Parameter(ParameterSetName = PathParameterSet)]
        [Parameter(ParameterSetName = FileSystemPathResolver.LiteralPathParameterSet)]
        public HeaderMode Header { get; set; } = HeaderMode.Auto;

        /// <summary>Report suite IDs (store); wildcards allowed. Binds from piped ledger entries and rows.</summary>
        [Parameter(ParameterSetName = StoreParameterSet, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [AllowNull]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ReportSuiteCompleter))]
        public string? ReportSuite { get; set; }

        /// <summary>Only stored rows whose offline time is at or after this time.</summary>
        [Parameter(ParameterSetName = StoreParameterSet)]
        [DateTimeOffsetToLocal]
        public DateTime? From { get; set; }

        /// <summary>Only stored rows whose offline time is at or before this time.</summary>
        [Parameter(ParameterSetName = StoreParameterSet)]
        [DateTimeOffsetToLocal]
        public DateTime? To { get; set; }

        /// <summary>Only the rows of this import (ledger ID); binds from Get-OfflineDataImport and Import-OfflineData output.</summary>
        [Parameter(ParameterSetName = StoreParameterSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        public long? ImportId { get; set; }

        /// <summary>
        /// The Status of a piped import result or ledger entry (hidden): a file skipped as already imported stands for
        /// the import holding its content, and a dry run or failed import without an ImportId summarises nothing. No
        /// by-value pipeline parameter here, so a piped file (Get-ChildItem) or path string binds to the file sets.
        /// </summary>
        [Parameter(ParameterSetName = StoreParameterSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
        [AllowNull]
        [AllowEmptyString]
        public string? Status { get; set; }

        /// <summary>The PreviousImportId of a piped result of a skipped file (hidden): the import that holds its content.</summary>
        [Parameter(ParameterSetName = StoreParameterSet, ValueFromPipelineByPropertyName = true, DontShow = true)]
        [AllowNull]
        public long? PreviousImportId { get; set; }

        /// <summary>
        /// The piped object itself (hidden; store summaries only): its properties bind to the parameters above; this
        /// only lets the cmdlet tell when an explicit -Store disagrees with the object's store. It binds only objects
        /// that name a store, so a piped path or file still summarises the file.
        /// </summary>
        [Parameter(ParameterSetName = StoreParameterSet, ValueFromPipeline = true, DontShow = true)]
        public PipedStoreObject? InputObject { get; set; }

        /// <inheritdoc />
        protected override string ProgressActivity => "Summarising offline data";

        /// <inheritdoc />
        protected override void BeginCommand()
        {
            var parsed = new List<SummaryDimension>();
            foreach (var name in GroupBy)
            {
                if (!SummaryDimension.TryParse(name, out var dimension))
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new PSArgumentException($"'{name}' is not a summary dimension. Use one of {string.Join(", ", SummaryDimension.FixedNames)} or State.<name> (e.g. State.Campaign)."),
                        ErrorIds.InvalidSummaryDimension, ErrorCategory.InvalidArgument, name));
                }

                parsed.Add(dimension!);
            }

            try
            {
                SummaryDimension.CheckList(parsed);
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException(e.Message), ErrorIds.InvalidSummaryDimension, ErrorCategory.InvalidArgument, string.Join(",", GroupBy)));
            }

            var storeOnly = parsed.Where(d => d.NeedsStore).Select(d => d.Name).ToList();
            if (ParameterSetName != StoreParameterSet && storeOnly.Count > 0)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new PSArgumentException($"A file summary cannot group by {string.Join(", ", storeOnly)}: outcome, reason, credited state, report suite and import exist only in the store after import. Summarise the store instead (-Store, -ImportId)."),
                    ErrorIds.SummaryDimensionNeedsStore, ErrorCategory.InvalidArgument, string.Join(",", storeOnly)));
            }

            dimensions = parsed;
            if (ParameterSetName == StoreParameterSet) TimeRange.Check(this, From, To);
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (ParameterSetName == StoreParameterSet) MeasureStore();
            else MeasureFiles();
        }

        private void MeasureFiles()
        {
            var options = new OfflineDataReaderOptions { Header = Header };
            foreach (var file in FileSystemPathResolver.ResolveInputFiles(this, Path, LiteralPath))
            {
                Observer.StartFile(file);
                OfflineDataSummary summary;
                try
                {
                    summary = UntilStopped(stopping => OfflineDataSummarizer.SummarizeFile(file, dimensions, options, Observer.Progress, stopping));
                }
                catch (Exception e) when (FileReadErrors.IsReadFailure(e))
                {
                    WriteError(FileReadErrors.ReadFailed(file, e));
                    continue;
                }

                WriteVerbose($"{file}: {summary.Totals.Rows} row(s) in {summary.Groups.Count} group(s), {summary.Totals.Rejected} rejected; checksum {summary.Checksum}.");
                foreach (var row in summary.Rows()) WriteObject(row);
            }
        }

        private void MeasureStore()
        {
            var importId = ImportId;
            var piped = MyInvocation.ExpectingInput && !string.IsNullOrEmpty(Status);
            if (piped && importId == null)
            {
                if (string.Equals(Status, "Skipped", StringComparison.OrdinalIgnoreCase) && PreviousImportId.HasValue)
                {
                    importId = PreviousImportId;
                }
                else
                {
                    // Without an import a piped result would summarise the whole report suite instead.
                    WriteWarning($"The piped result (Status {Status}) has no ImportId (a dry run or a failed import names no stored import); nothing was summarised for it.");
                    return;
                }
            }

            // A piped object from another store than an explicit -Store names is an error for that object (StoreMismatch).
            var location = Stores.Locate(Store, MyInvocation.ExpectingInput ? InputObject?.Value : null);
            if (location == null) return;
            var store = Stores.Open(location, create: false);
            var query = new OfflineRowQuery { ReportSuite = ReportSuite, From = From, To = To, ImportId = importId };
            try
            {
                var summary = OfflineDataSummarizer.SummarizeStore(store!, query, dimensions);
                WriteVerbose($"{store!.DisplayName}: {summary.Totals.Rows} row(s) in {summary.Groups.Count} group(s); checksum {summary.Checksum}.");
                foreach (var row in summary.Rows()) WriteObject(row);
            }
            catch (StoreException e)
            {
                WriteError(StoreOpener.Unavailable(store!, e));
            }
        }
    }
}
