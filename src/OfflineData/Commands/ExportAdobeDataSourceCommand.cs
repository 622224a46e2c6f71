using System;
using System.Collections;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Text.RegularExpressions;
using OfflineData.Commands.AdobeDataSources;
using OfflineData.Commands.Arguments;
using OfflineData.Commands.Base;
using OfflineData.Commands.Completion;
using OfflineData.Commands.Conversion;
using OfflineData.Commands.Hashing;
using OfflineData.Commands.Paths;
using OfflineData.Commands.Pipeline;
using OfflineData.Commands.Store;
using OfflineData.Core.Consent;
using OfflineData.Core.Conversion;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;
using OfflineData.Core.Hashing;
using OfflineData.Core.Matching;
using OfflineData.Core.Reading;
using OfflineData.Core.Store;
using OfflineData.Core.Writing.AdobeDataSources;

namespace OfflineData.Commands
{
    /// <summary>
    /// <para type="synopsis">Writes offline data files or stored rows as Adobe Analytics Data Sources files (transaction ID or customer ID template), checked against Adobe's rules and split at 90 days and a size limit.</para>
    /// </summary>
    /// <remarks>
    /// Export, not ConvertTo: the cmdlet writes files (as Export-Csv does), while ConvertTo-* cmdlets return the
    /// converted text to the pipeline.
    /// </remarks>
    [Cmdlet(VerbsData.Export, "AdobeDataSource", DefaultParameterSetName = PathParameterSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AdobeDataSourceFile))]
    public sealed class ExportAdobeDataSourceCommand : FileInputCmdlet, IHashingParameters
    {
        /// <summary>The parameter set of piped stored rows.</summary>
        private const string InputObjectParameterSet = "InputObject";

        private const int ProgressEveryRows = 1024;
        private const string FileSystemProvider = "Microsoft.PowerShell.Core\\FileSystem::";
        private static readonly Regex PrefixPattern = new Regex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", RegexOptions.CultureInvariant);

        private readonly System.Diagnostics.Stopwatch sinceProgress = new System.Diagnostics.Stopwatch();
        private AdobeDataSourceWriter? writer;
        private ColumnHashing? hashing;
        private long rowsPiped;
        private bool rowProgressShown;
        private bool dryRun;
        private bool declined;
        private string? rejectPath;
        private ConsentPolicy? consentPolicy;
        private ConsentSuppression? suppression;
        private readonly System.Collections.Generic.Dictionary<string, ConsentSuppression> rowStoreSuppressions = new System.Collections.Generic.Dictionary<string, ConsentSuppression>(StringComparer.Ordinal);

        /// <summary>The parameter set of piped records (Read-OfflineDataFile).</summary>
        private const string RecordParameterSet = "Record";

        /// <summary>
        /// Records from Read-OfflineDataFile (its filters, -From, -EventType ..., choose the rows). Without this
        /// parameter such a record would bind -Path by its Path property and its whole file would be read once per row.
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = RecordParameterSet)]
        [ValidateNotNull]
        public OfflineDataRecord[] Record { get; set; } = Array.Empty<OfflineDataRecord>();

        /// <summary>Stored rows from Get-OfflineData.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectParameterSet)]
        [ValidateNotNull]
        public StoredOfflineRow[] InputObject { get; set; } = Array.Empty<StoredOfflineRow>();

        /// <summary>The folder the files are written to (created when missing).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string OutputFolder { get; set; } = string.Empty;

        /// <summary>TransactionId (Date, transactionID, …) or CustomerId (Date, VisitorID, …).</summary>
        [Parameter]
        public AdobeTemplate Template { get; set; } = AdobeTemplate.TransactionId;

        /// <summary>Adobe column = offline column (name or number), 'TransactionId', 'PurchaseOrder', or $null to leave a default column out; [ordered] keeps the order of added columns.</summary>
        [Parameter]
        public IDictionary? Map { get; set; }

        /// <summary>The column holding the transaction ID in files: a number (23) or a name ('EventTransaction Attr1', the default). Stored rows use the ID their import matched with unless this is given.</summary>
        [Parameter]
        [ValidateNotNull]
        [TransactionIdColumnTransformation]
        [ArgumentCompleter(typeof(TransactionIdColumnCompleter))]
        public TransactionIdColumn TransactionIdColumn { get; set; } = TransactionIdColumn.Default;

        /// <summary>Start of the file names: &lt;Prefix&gt;_0001.txt, …; default adobe_&lt;UTC time of the run&gt;, so runs sort in order too.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Prefix { get; set; }

        /// <summary>Unique days per file, 1 to 90 (Adobe's limit).</summary>
        [Parameter]
        [ValidateRange(1, AdobeDataSourceOptions.AdobeMaxDays)]
        public int MaxDays { get; set; } = AdobeDataSourceOptions.AdobeMaxDays;

        /// <summary>Bytes per file, header included; default 45 MB, at most 50 MB (Adobe pauses while an account holds more).</summary>
        [Parameter]
        [ValidateRange(16384L, 50L * 1024 * 1024)]
        public long MaxFileSize { get; set; } = AdobeDataSourceOptions.DefaultMaxFileBytes;

        /// <summary>Bytes per row, line end included; default 4000, at most Adobe's 4096.</summary>
        [Parameter]
        [ValidateRange(64, AdobeDataSourceOptions.AdobeMaxRowBytes)]
        public int MaxRowSize { get; set; } = AdobeDataSourceOptions.DefaultMaxRowBytes;

        /// <summary>Replaces ';' in dimension values with this text instead of rejecting the row.</summary>
        [Parameter]
        [AllowEmptyString]
        public string? ReplaceSemicolon { get; set; }

        /// <summary>Replaces tabs and line breaks in values with this text instead of rejecting the row.</summary>
        [Parameter]
        [AllowEmptyString]
        public string? ReplaceTabOrLineBreak { get; set; }

        /// <summary>The reject file (CSV); default &lt;OutputFolder&gt;/&lt;Prefix&gt;_rejects.csv, written only when a row is rejected.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? RejectPath { get; set; }

        /// <summary>Whether the first row of input files is a header: Auto (detect), Present or Absent.</summary>
        [Parameter(ParameterSetName = PathParameterSet)]
        [Parameter(ParameterSetName = LiteralPathParameterSet)]
        public HeaderMode Header { get; set; } = HeaderMode.Auto;

        /// <summary>
        /// The store whose opt-outs apply (default: OFFLINEDATA_STORE, else the per-user default; rows piped from
        /// Get-OfflineData: the store each row came from).
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Store { get; set; }

        /// <summary>The login of a server store given by -Store (SQLite ignores it).</summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

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

        /// <summary>Write every row without reading the opt-outs (a warning on every run): only for rows known to hold no opted-out customer.</summary>
        [Parameter]
        public SwitchParameter SkipConsentCheck { get; set; }

        /// <summary>Replaces existing files of the same names.</summary>
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

        /// <inheritdoc />
        protected override string ProgressActivity => "Writing Adobe Data Sources files";

        /// <inheritdoc />
        protected override void BeginProcessing()
        {
            hashing = HashingArguments.Build(this, this);
            var prefix = Prefix ?? "adobe_" + DateTime.UtcNow.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);
            if (!PrefixPattern.IsMatch(prefix))
            {
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException($"-Prefix '{prefix}' must start with a letter or digit and hold only letters, digits, '.', '_' and '-' (at most 100)."), ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, prefix));
            }

            var folder = FileSystemPathResolver.ResolveRequiredDestination(this, OutputFolder);
            if (File.Exists(folder))
            {
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException($"-OutputFolder '{folder}' is a file; give a folder."), ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, OutputFolder));
            }

            rejectPath = RejectPath == null ? System.IO.Path.Combine(folder, prefix + "_rejects.csv") : FileSystemPathResolver.ResolveRequiredDestination(this, RejectPath, ErrorIds.InvalidRejectPath);
            if (Directory.Exists(rejectPath))
            {
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException($"-RejectPath '{rejectPath}' is a folder; give the path of the reject file (CSV)."), ErrorIds.InvalidRejectPath, ErrorCategory.InvalidArgument, RejectPath));
            }

            var options = new AdobeDataSourceOptions
            {
                Template = Template,
                Map = BuildMap(),
                TransactionIdColumn = TransactionIdColumn,
                Prefix = prefix,
                MaxDays = MaxDays,
                MaxFileBytes = MaxFileSize,
                MaxRowBytes = MaxRowSize,
                SemicolonReplacement = ReplaceSemicolon,
                TabOrLineBreakReplacement = ReplaceTabOrLineBreak,
                RejectPath = rejectPath,
                Overwrite = Force,
            };

            dryRun = WhatIfMode.IsActive(this);
            if (!dryRun && !ShouldProcess(folder, $"Write Adobe Data Sources files {prefix}_0001.txt, … ({Template} template)"))
            {
                declined = true;
                return;
            }

            options.DryRun = dryRun;
            LoadConsent();
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException(e.Message, e), ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, null));
            }

            try
            {
                writer = new AdobeDataSourceWriter(folder, options, Completed);
            }
            catch (ArgumentException e)
            {
                // E.g. a -Map of so many columns that the header row alone is over the row limit.
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException(e.Message, e), ErrorIds.InvalidAdobeMapping, ErrorCategory.InvalidArgument, Map));
            }

            if (!dryRun && !Directory.Exists(folder))
            {
                try
                {
                    Directory.CreateDirectory(folder);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    ThrowTerminatingError(new ErrorRecord(e, ConversionFailure.WriteFailed.ToString(), ErrorCategory.WriteError, folder));
                }
            }

            WriteVerbose($"Mapping ({Template} template): {writer!.Map}.");
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (declined || writer == null) return;
            if (ParameterSetName == RecordParameterSet)
            {
                foreach (var record in Record)
                {
                    if (record == null) continue;
                    if (FileSuppression().IsSuppressed(record.CustomerId))
                    {
                        writer.Suppress();
                        continue;
                    }

                    Write(() => WriteHashed(record, null, useTransactionId: false), record.Path ?? OutputFolder);
                    if (++rowsPiped % ProgressEveryRows == 0) RowProgress();
                }

                return;
            }

            if (ParameterSetName == InputObjectParameterSet)
            {
                foreach (var row in InputObject)
                {
                    if (row == null) continue;
                    if (SuppressionOf(row).IsSuppressed(row.CustomerId))
                    {
                        writer.Suppress();
                        continue;
                    }

                    bool columnGiven = MyInvocation.BoundParameters.ContainsKey(nameof(TransactionIdColumn));
                    // The stored ID is what the import read from its own column (null: that column was empty), so no
                    // fallback to the default column: it would send an ID the import never used.
                    Write(() => WriteHashed(row.Record, row.TransactionId, useTransactionId: !columnGiven), row);
                    if (++rowsPiped % ProgressEveryRows == 0) RowProgress();
                }

                return;
            }

            foreach (var file in InputFiles())
            {
                ExportFile(file);
            }
        }

        /// <inheritdoc />
        protected override void EndCommand()
        {
            if (rowProgressShown) WriteProgress(new ProgressRecord(1, ProgressActivity, "Done") { RecordType = ProgressRecordType.Completed });
            if (writer == null) return;
            try
            {
                writer.Complete();
            }
            catch (ConversionException e)
            {
                ThrowTerminatingError(ConversionErrors.ToErrorRecord(e, OutputFolder));
            }

            WriteVerbose($"{writer.RowsWritten} row(s) in {writer.Files.Count} file(s), {writer.RowsRejected} rejected, {writer.RowsSuppressed} suppressed (opted out).");
            if (writer.RowsSuppressed > 0 && writer.Files.Count == 0 && !dryRun)
            {
                // No file carries the count: say it.
                WriteWarning($"All {writer.RowsSuppressed} row(s) written would have been of opted-out customers: they were left out, and no file was written for them.");
            }

            if (writer.RowsRejected == 0) return;
            var exception = new AdobeRowsRejectedException(writer.RowsRejected, writer.RowsWritten, writer.RejectCounts, dryRun ? null : writer.RejectPath);
            if (dryRun)
            {
                // -WhatIf reports, it does not fail: what would be rejected is said, as what would be written is.
                ShouldProcess(rejectPath, $"Write {writer.RowsRejected} rejected row(s) to the reject file");
                WriteWarning(exception.Message);
                return;
            }

            var error = new ErrorRecord(exception, ErrorIds.AdobeRowsRejected, ErrorCategory.InvalidData, writer.RejectPath);
            error.ErrorDetails = new ErrorDetails(exception.Message)
            {
                RecommendedAction = "Fix the rows listed in the reject file (Import-Csv shows them with their source line and code) and export them again, or use -ReplaceSemicolon / -ReplaceTabOrLineBreak where a replacement is acceptable.",
            };
            WriteError(error);
        }

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            // A stopped or failed run: the unfinished file is deleted, never left under its final name.
            if (disposing) writer?.Dispose();
            base.Dispose(disposing);
        }

        private void ExportFile(string file)
        {
            Observer.StartFile(file);
            OfflineDataReader reader;
            try
            {
                reader = OfflineDataReader.Open(file, new OfflineDataReaderOptions { Header = Header, CheckDuplicates = false });
            }
            catch (Exception e) when (FileReadErrors.IsReadFailure(e))
            {
                WriteError(FileReadErrors.ReadFailed(file, e));
                return;
            }

            using (reader)
            {
                long rows = 0;
                try
                {
                    while (reader.Read())
                    {
                        if (StopToken.IsCancellationRequested) throw new PipelineStoppedException();
                        rows++;
                        ReportFileErrors(reader);
                        if (FileSuppression().IsSuppressed(SafeCustomerId(reader)))
                        {
                            // Before the row is checked: an opted-out customer's row is neither written nor, when it
                            // is invalid, copied raw into the reject file.
                            writer!.Suppress();
                            continue;
                        }

                        if (reader.RowHasErrors)
                        {
                            // Rejected with the validator's own code (as Test-OfflineDataFile names it), never dropped.
                            Finding? first = null;
                            foreach (var f in reader.RowFindings)
                            {
                                if (f.SeverityValue == FindingSeverity.Error) { first = f; break; }
                            }

                            writer!.Reject(first?.Code ?? "InvalidRow", first?.Message ?? "The row has errors.", reader.Path, reader.Entry, first?.Line ?? reader.Line, hashing != null && !hashing.IncludeRawValue ? null : SafeRaw(reader));
                        }
                        else
                        {
                            var record = reader.ToRecord();
                            Write(() => WriteHashed(record, null, useTransactionId: false), file);
                        }

                        if (rows % ProgressEveryRows == 0) Observer.Progress(reader.BytesRead, reader.TotalBytes);
                    }

                    ReportFileErrors(reader);
                }
                catch (Exception e) when (FileReadErrors.IsReadFailure(e))
                {
                    WriteError(FileReadErrors.ReadFailed(file, e, "The rows before the failure were written."));
                }
            }
        }

        /// <summary>
        /// Progress of piped rows: their number is not known in advance, so the record counts rows and files, at most
        /// a few times a second (the cadence of the byte progress of files).
        /// </summary>
        private void RowProgress()
        {
            if (sinceProgress.IsRunning && sinceProgress.Elapsed < Progress.ByteProgressReporter.Interval) return;
            sinceProgress.Restart();
            rowProgressShown = true;
            var status = string.Format(CultureInfo.CurrentCulture, "{0:N0} row(s) read, {1:N0} written to {2} file(s), {3:N0} rejected", rowsPiped, writer!.RowsWritten, writer.Files.Count + 1, writer.RowsRejected);
            WriteProgress(new ProgressRecord(1, ProgressActivity, status) { PercentComplete = -1 });
        }

        /// <summary>
        /// Reads the opt-outs once (before any row): from -Store or the default store for files and records; for rows
        /// piped from Get-OfflineData without -Store, from each row's own store when it comes (<see cref="SuppressionOf"/>).
        /// </summary>
        private void LoadConsent()
        {
            consentPolicy = ConsentParameters.PolicyOrFail(this, SuppressConsentValue, ConsentScope);
            if (SkipConsentCheck)
            {
                WriteWarning(ConsentParameters.SkipWarning("the rows are"));
                suppression = ConsentSuppression.None;
                return;
            }

            // Without -Store the source decides, when the first input comes (the parameter set of piped input is not
            // known yet here): rows piped from Get-OfflineData use their own store, files and records the default store.
            if (Store != null) suppression = LoadFrom(Store);
        }

        /// <summary>The opt-outs for files and records: -Store's, else the default store's (read at the first input).</summary>
        private ConsentSuppression FileSuppression() => suppression ??= LoadFrom(null);

        private ConsentSuppression LoadFrom(string? store)
        {
            var target = StoreOpener.Resolve(this, store);
            // Read only: a run that exports creates no store.
            using var opened = StoreOpener.Open(this, target, create: false, StoreOpener.ToNetworkCredential(Credential), null);
            return ConsentParameters.Load(this, opened, consentPolicy!);
        }

        private ConsentSuppression SuppressionOf(StoredOfflineRow row)
        {
            if (suppression != null) return suppression;
            var key = row.Store ?? string.Empty;
            if (!rowStoreSuppressions.TryGetValue(key, out var found))
            {
                found = LoadFrom(key.Length == 0 ? null : key);
                rowStoreSuppressions[key] = found;
            }

            return found;
        }

        private static string? SafeCustomerId(OfflineDataReader reader)
        {
            try
            {
                return reader.GetString(1);
            }
            catch (Exception e) when (e is InvalidOperationException || e is ArgumentException || e is IndexOutOfRangeException)
            {
                // A row too short to have a Customer ID names no customer.
                return null;
            }
        }

        private static string? SafeRaw(OfflineDataReader reader)
        {
            try
            {
                return reader.RawRecord;
            }
            catch (Exception e) when (e is InvalidOperationException || e is ArgumentException)
            {
                return null;
            }
        }

        private void ReportFileErrors(OfflineDataReader reader)
        {
            foreach (var finding in reader.FileFindings)
            {
                if (finding.SeverityValue != FindingSeverity.Error) continue;
                WriteError(new ErrorRecord(new InvalidDataException(finding.ToString()), finding.Code, ErrorCategory.InvalidData, finding));
            }
        }

        /// <summary>
        /// Writes a record with its hashed columns hashed (a copy: a piped record is not changed); a value that cannot be
        /// hashed rejects the row with its code (InvalidEmail, ...) and no raw row in the reject file unless -IncludeRawValue.
        /// </summary>
        private AdobeRejectedRow? WriteHashed(OfflineDataRecord record, string? transactionId, bool useTransactionId)
        {
            if (hashing != null)
            {
                if (!hashing.TryHashCopy(record, out var hashed, out var failure, out var column))
                {
                    return writer!.Reject(failure.ToString(), HashingArguments.Message(hashing, failure, column, null), record.Path, record.Entry, record.Line,
                        hashing.IncludeRawValue ? record.ToString() : null);
                }

                if (useTransactionId) transactionId = hashing.Counterpart(record, hashed, transactionId);
                record = hashed;
            }

            return useTransactionId ? writer!.Write(record, transactionId) : writer!.Write(record);
        }

        private void Write(Func<AdobeRejectedRow?> write, object target)
        {
            try
            {
                write();
            }
            catch (ConversionException e)
            {
                // A file cannot be created or moved into place: later rows cannot keep their order, so stop here.
                // The files completed before stay (they were written to the pipeline); the unfinished one is deleted.
                ThrowTerminatingError(ConversionErrors.ToErrorRecord(e, target as string ?? OutputFolder));
            }
        }

        private void Completed(AdobeDataSourceFile file)
        {
            if (dryRun)
            {
                ShouldProcess(file.FullName, $"Write {file.Rows} row(s) of {file.Days} day(s) ({file.FirstDate:yyyy-MM-dd} to {file.LastDate:yyyy-MM-dd}), {file.Bytes} bytes" +
                    (file.SuppressedRows > 0 ? $"; {file.SuppressedRows} row(s) of opted-out customers left out" : string.Empty));
                return;
            }

            // Send-OfflineDataFile binds it: a file checked against the opt-outs is not refused for its unverifiable format.
            file.ConsentPolicy = SkipConsentCheck ? null : consentPolicy?.ToString();
            // PSPath, as on Get-ChildItem's output: cmdlets with -LiteralPath (alias PSPath) bind the file by property name.
            var output = new PSObject(file);
            output.Properties.Add(new PSNoteProperty("PSPath", FileSystemProvider + file.FullName));
            WriteObject(output);
        }

        /// <summary>
        /// The entries of -Map: in their own order for an ordered dictionary ([ordered]@{…}); a plain hashtable has
        /// none, so its added columns go in a stable order — dimensions before metrics, eVars and events by number.
        /// </summary>
        private static System.Collections.Generic.IEnumerable<DictionaryEntry> Entries(IDictionary map)
        {
            var entries = new System.Collections.Generic.List<DictionaryEntry>();
            foreach (DictionaryEntry entry in map) entries.Add(entry);
            if (map is System.Collections.Specialized.IOrderedDictionary) return entries;
            return System.Linq.Enumerable.ToList(System.Linq.Enumerable.ThenBy(
                System.Linq.Enumerable.OrderBy(entries, e => SortKey(e.Key).Metric),
                e => SortKey(e.Key).Name,
                StringComparer.Ordinal));
        }

        private static (bool Metric, string Name) SortKey(object key)
        {
            var header = AdobeHeaders.TryCanonicalize(LanguagePrimitives.ConvertTo<string>(key)) ?? LanguagePrimitives.ConvertTo<string>(key);
            // "Evar 2" before "Evar 10": pad the number.
            var space = header.LastIndexOf(' ');
            var name = space > 0 && int.TryParse(header.Substring(space + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? header.Substring(0, space) + " " + n.ToString("D4", CultureInfo.InvariantCulture)
                : header;
            return (AdobeHeaders.IsMetric(header), name);
        }

        private AdobeColumnMap BuildMap()
        {
            var map = AdobeColumnMap.Default(Template);
            if (Map == null) return map;
            foreach (var entry in Entries(Map))
            {
                var header = LanguagePrimitives.ConvertTo<string>(entry.Key);
                var value = entry.Value is PSObject pso ? pso.BaseObject : entry.Value;
                try
                {
                    var text = value == null ? null : LanguagePrimitives.ConvertTo<string>(value);
                    map = string.IsNullOrEmpty(text) ? map.Without(header) : map.With(header, AdobeValueSource.Parse(text!));
                }
                catch (ArgumentException e)
                {
                    ThrowTerminatingError(new ErrorRecord(new PSArgumentException("-Map: " + e.Message, e), ErrorIds.InvalidAdobeMapping, ErrorCategory.InvalidArgument, header));
                }
            }

            return map;
        }
    }
}
