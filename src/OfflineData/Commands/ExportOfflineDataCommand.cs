using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using OfflineData.Commands.Base;
using OfflineData.Commands.Completion;
using OfflineData.Commands.Hashing;
using OfflineData.Commands.Store;
using OfflineData.Core.Exporting;
using OfflineData.Core.Hashing;
using OfflineData.Core.Store;
using OfflineData.Core.Writing.AdobeDataSources;

namespace OfflineData.Commands
{
    /// <summary>
    /// <para type="synopsis">Exports a report suite's stored rows of a date range (at most five years) to files in batches, resumably, each batch recorded in the store's export ledger.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "OfflineData", DefaultParameterSetName = DaysParameterSet, SupportsShouldProcess = true)]
    [OutputType(typeof(ExportBatchResult))]
    public sealed class ExportOfflineDataCommand : StoreCmdlet, IHashingParameters
    {
        private const string DaysParameterSet = "BatchDays";
        private const string RowsParameterSet = "BatchRows";
        private const string FileSystemProvider = "Microsoft.PowerShell.Core\\FileSystem::";

        /// <summary>The report suite (exact ID).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ReportSuiteId.Pattern)]
        [ArgumentCompleter(typeof(ReportSuiteCompleter))]
        public string ReportSuite { get; set; } = string.Empty;

        /// <summary>Rows whose offline time is at or after this time.</summary>
        [Parameter(Mandatory = true)]
        [DateTimeOffsetToLocal]
        public DateTime From { get; set; }

        /// <summary>Rows whose offline time is before this time (exclusive); at most five years after -From.</summary>
        [Parameter(Mandatory = true)]
        [DateTimeOffsetToLocal]
        public DateTime To { get; set; }

        /// <summary>The folder the files go to (must exist); default: the current folder.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string OutputFolder { get; set; } = ".";

        /// <summary>OfflineData (default), AdobeDataSources, Csv or JsonLines.</summary>
        [Parameter]
        public ExportFormat Format { get; set; } = ExportFormat.OfflineData;

        /// <summary>Days per batch (default 30).</summary>
        [Parameter(ParameterSetName = DaysParameterSet)]
        [ValidateRange(1, 366 * 5)]
        public int BatchDays { get; set; } = HistoryExportOptions.DefaultBatchDays;

        /// <summary>Rows per batch, instead of days.</summary>
        [Parameter(Mandatory = true, ParameterSetName = RowsParameterSet)]
        [ValidateRange(1, int.MaxValue)]
        public int BatchRows { get; set; }

        /// <summary>The start of every file name; default: report suite and range (e.g. acme.prod_20200101-20250101).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Prefix { get; set; }

        /// <summary>AdobeDataSources: the template (TransactionId by default).</summary>
        [Parameter]
        public AdobeTemplate AdobeTemplate { get; set; } = AdobeTemplate.TransactionId;

        /// <summary>Write every batch again, though the export ledger has it.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Columns to hash, name = kind: @{ CustomerId = 'Email'; Var3 = 'Phone' } (kinds Email, Phone, Name, Text).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(HashColumnCompleter))]
        public IDictionary? HashColumn { get; set; }

        /// <summary>Whose normalisation rules: Google or Meta; required with -HashColumn.</summary>
        [Parameter]
        public HashProfile? HashProfile { get; set; }

        /// <summary>Region (ISO 3166-1 alpha-2, e.g. SE) of phone numbers written without a country code.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? DefaultRegion { get; set; }

        /// <summary>Hex (lowercase, default) or Base64 (Google only).</summary>
        [Parameter]
        public HashEncoding HashEncoding { get; set; } = HashEncoding.Hex;

        /// <summary>Lets the raw values of hashed columns appear in the reject file and messages.</summary>
        [Parameter]
        public SwitchParameter IncludeRawValue { get; set; }

        bool IHashingParameters.IncludeRawValue => IncludeRawValue;

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

        /// <inheritdoc />
        protected override string ProgressActivity => "Exporting offline data";

        private ColumnHashing? hashing;

        /// <summary>With hashing, refused rows may also be values that cannot be hashed (never shown).</summary>
        /// <summary>The warning of a batch with rejected rows: the real count per code, and where the Adobe pre-flight's rows are.</summary>
        private string RejectWarning(ExportBatchResult result)
        {
            var counts = string.Join(", ", result.RejectCounts.Select(p => $"{p.Key} {p.Value}"));
            var text = $"Batch {result.Batch}: {result.Rejected} row(s) were not written ({counts})";
            if (hashing != null && result.RejectCounts.Keys.Any(k => k.StartsWith("Invalid", StringComparison.Ordinal) && !k.StartsWith("InvalidTimestamp", StringComparison.Ordinal)))
            {
                text += $"; hashed columns {string.Join(", ", hashing.Columns.Select(c => c.Name))}: their values are not shown";
            }

            if (Format == ExportFormat.AdobeDataSources && result.RejectCounts.Keys.Any(k => k.StartsWith("Adobe", StringComparison.Ordinal) || k == "InvalidTimestamp"))
            {
                text += "; the Adobe pre-flight's rows are in the batch's _rejected.csv file";
            }

            return text + (result.Rows == 0 ? "; no row was left, so the batch wrote no file." : ".");
        }

        /// <summary>Reports a batch that wrote nothing (all its rows suppressed or rejected): not in the pipeline, so its counts go here.</summary>
        private void Withheld(ExportBatchResult result)
        {
            WriteVerbose($"Batch {result.Batch} ({ExportRange.Text(result.From)} to {ExportRange.Text(result.To)}): no file and not recorded: {result.SuppressedRows} row(s) suppressed (opted out), {result.Rejected} rejected; a later run reads it again.");
            if (result.Rejected > 0) WriteWarning(RejectWarning(result));
            withheldBatches++;
            withheldSuppressed += result.SuppressedRows;
        }

        private int withheldBatches;
        private long withheldSuppressed;

        /// <inheritdoc />
        protected override void BeginCommand()
        {
            hashing = HashingArguments.Build(this, this);
            try
            {
                ExportRange.Check(From, To);
            }
            catch (ExportException e)
            {
                // A parameter error naming both dates, before any store is opened.
                ThrowTerminatingError(new ErrorRecord(e, e.ErrorId, ErrorCategory.InvalidArgument, e.Target));
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var location = Stores.Locate(Store, null);
            if (location == null) return;
            var folder = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutputFolder);
            var options = new HistoryExportOptions
            {
                ReportSuite = ReportSuite,
                From = From,
                To = To,
                BatchDays = ParameterSetName == RowsParameterSet ? (int?)null : BatchDays,
                BatchRows = ParameterSetName == RowsParameterSet ? BatchRows : (int?)null,
                Format = Format,
                Folder = folder,
                Prefix = Prefix,
                Force = Force,
                Adobe = new AdobeDataSourceOptions { Template = AdobeTemplate },
                Hashing = hashing,
            };

            HistoryExporter exporter;
            IOfflineDataStore? store = null;
            try
            {
                // -WhatIf reads but never creates a store.
                store = Stores.Open(location, create: false);
                if (!store.Exists)
                {
                    // Nothing stored yet: nothing to export, and a reading run creates no store.
                    WriteWarning($"The store '{store.DisplayName}' does not exist yet: there are no rows to export.");
                    return;
                }

                // The opt-outs are read once per run; every batch leaves their rows out.
                options.Suppression = ConsentParameters.Load(this, store, ConsentParameters.PolicyOrFail(this, SuppressConsentValue, ConsentScope));
                exporter = new HistoryExporter(store, options);
            }
            catch (ExportException e)
            {
                WriteError(new ErrorRecord(e, e.ErrorId, e.ErrorId == ErrorIds.ExportFolderNotFound ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidArgument, e.Target));
                return;
            }

            try
            {
                var plan = exporter.Plan();
                var target = $"report suite '{ReportSuite}' of the store '{store.DisplayName}' to '{folder}'";
                if (!ShouldProcess(target, $"Export {plan} as {Format}")) return;

                var activity = $"Exporting '{ReportSuite}' {ExportRange.Text(From)} to {ExportRange.Text(To)}";
                long suppressedTotal = 0;
                foreach (var result in exporter.Run(p => Progress(activity, p), Withheld))
                {
                    WriteVerbose($"Batch {result.Batch} ({ExportRange.Text(result.From)} to {ExportRange.Text(result.To)}): {result.Status}, {result.Rows} row(s), {result.SuppressedRows} suppressed (opted out), {result.Files.Count} file(s).");
                    if (result.Rejected > 0) WriteWarning(RejectWarning(result));
                    suppressedTotal += result.SuppressedRows;
                    // PSPath (all files of the batch), as on Get-ChildItem's output: Send-OfflineDataFile's -LiteralPath binds it by property name.
                    var output = new PSObject(result);
                    if (result.Files.Count > 0) output.Properties.Add(new PSNoteProperty("PSPath", result.Files.Select(f => FileSystemProvider + f).ToArray()));
                    WriteObject(output);
                }

                WriteProgress(new ProgressRecord(1, activity, "Done") { RecordType = ProgressRecordType.Completed });
                if (withheldBatches > 0)
                {
                    // Not a warning (suppression is the rule working), but not lost either: -InformationVariable or 6> gets it.
                    var text = $"{withheldBatches} batch(es) wrote no file: all their rows were suppressed (opted out, {withheldSuppressed} row(s)) or rejected; they are not recorded, so a later run reads them again. Rows suppressed in this run: {suppressedTotal + withheldSuppressed}.";
                    WriteVerbose(text);
                    WriteInformation(new InformationRecord(text, "Export-OfflineData") { Tags = { "ConsentSuppressed" } });
                }
            }
            catch (ExportException e)
            {
                // The batches before stay written and recorded; a new run resumes at this one.
                ThrowTerminatingError(new ErrorRecord(e, e.ErrorId, ErrorCategory.WriteError, e.Target));
            }
            catch (StoreException e)
            {
                ThrowTerminatingError(StoreOpener.Unavailable(store!, e));
            }
        }

        private void Progress(string activity, ExportProgress p)
        {
            int percent = (int)Math.Min(100, p.Batch * 100L / Math.Max(1, p.Batches));
            WriteProgress(new ProgressRecord(1, activity, $"Batch {p.Batch} of {p.Batches} ({ExportRange.Text(p.From)} to {ExportRange.Text(p.To)}), {p.Rows} row(s) so far")
            {
                PercentComplete = percent,
            });
        }
    }
}
