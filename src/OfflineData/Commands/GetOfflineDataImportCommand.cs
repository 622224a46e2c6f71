using System;
using System.Management.Automation;
using OfflineData.Commands.Base;
using OfflineData.Commands.Completion;
using OfflineData.Commands.Store;
using OfflineData.Core.Store;

namespace OfflineData.Commands
{
    /// <summary>
    /// <para type="synopsis">Lists the import ledger: which files were imported, when, with what counts and status, newest first.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "OfflineDataImport")]
    [OutputType(typeof(ImportLedgerEntry))]
    public sealed class GetOfflineDataImportCommand : StoreCmdlet
    {
        /// <summary>Report suite IDs; wildcards allowed (case-sensitive). Null or empty (as piped objects may carry): no filter.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [AllowNull]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ReportSuiteCompleter))]
        public string? ReportSuite { get; set; }

        /// <summary>File name; wildcards allowed.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? FileName { get; set; }

        /// <summary>Only imports of this content (SHA-256, hex).</summary>
        [Parameter]
        [ValidatePattern("^[0-9A-Fa-f]{64}$")]
        public string? Sha256 { get; set; }

        /// <summary>Only entries with this status.</summary>
        [Parameter]
        public ImportStatus? Status { get; set; }

        /// <summary>Only the entry with this ledger ID.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ImportId")]
        public long? Id { get; set; }

        /// <summary>Only imports started at or after this time (alias -After, the name it had first).</summary>
        [Parameter]
        [Alias("After")]
        [DateTimeOffsetToLocal]
        public DateTime? From { get; set; }

        /// <summary>Only imports started at or before this time (alias -Before, the name it had first).</summary>
        [Parameter]
        [Alias("Before")]
        [DateTimeOffsetToLocal]
        public DateTime? To { get; set; }

        /// <summary>At most this many entries, newest first.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? First { get; set; }

        /// <summary>
        /// The piped object itself (hidden): its properties bind to the parameters above; this only lets the cmdlet
        /// tell when an explicit -Store disagrees with the object's store.
        /// </summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        /// <inheritdoc />
        protected override void BeginCommand()
        {
            TimeRange.Check(this, From, To);
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (Stores.RejectUnbound(InputObject) || Stores.NamesNoImport(InputObject)) return;
            var location = Stores.Locate(Store, InputObject);
            if (location == null) return;
            var store = Stores.Open(location, create: false);
            var query = new ImportLedgerQuery
            {
                ReportSuite = ReportSuite,
                FileName = FileName,
                Sha256 = Sha256,
                Status = Status,
                Id = PipedImportId() ?? PipelineStores.SkippedAs(InputObject) ?? Id,
                After = From,
                Before = To,
                First = First,
            };
            try
            {
                bool any = false;
                foreach (var entry in store!.GetImports(query))
                {
                    any = true;
                    WriteObject(entry);
                }

                // Like Get-TransactionIdRecording -ReportSuite <name>: asking for one ledger entry by its ID and getting
                // nothing is an error, not an empty success a script cannot tell from "no imports yet".
                if (!any && query.Id != null)
                {
                    WriteError(new ErrorRecord(
                        new ItemNotFoundException($"The store '{store.DisplayName}' has no import with ID {query.Id}{(HasOtherFilters ? " that matches the other filters" : string.Empty)}."),
                        ErrorIds.ImportNotFound,
                        ErrorCategory.ObjectNotFound,
                        query.Id));
                }
            }
            catch (StoreException e)
            {
                WriteError(StoreOpener.Unavailable(store!, e));
            }
        }


        private bool HasOtherFilters =>
            !string.IsNullOrEmpty(ReportSuite) || FileName != null || Sha256 != null || Status != null || From != null || To != null;

        /// <summary>
        /// A piped object that has an ImportId (a stored row) names its import by it; its Id is its own ID, which
        /// PowerShell would bind to -Id first (the parameter's name wins over its ImportId alias).
        /// </summary>
        private long? PipedImportId()
        {
            var value = InputObject?.Properties["ImportId"]?.Value;
            return value == null ? null : LanguagePrimitives.ConvertTo<long?>(value);
        }
    }
}
