using System;
using System.Management.Automation;
using OfflineData.Commands.Base;
using OfflineData.Commands.Completion;
using OfflineData.Commands.Store;
using OfflineData.Core.Matching;
using OfflineData.Core.Store;

namespace OfflineData.Commands
{
    /// <summary>
    /// <para type="synopsis">Reads stored offline rows back with their match outcome, reason, credited visitor and state, newest first.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "OfflineData")]
    [OutputType(typeof(StoredOfflineRow))]
    public sealed class GetOfflineDataCommand : StoreCmdlet
    {
        /// <summary>Report suite IDs; wildcards allowed (case-sensitive). Null or empty (as piped objects may carry): no filter.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [AllowNull]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ReportSuiteCompleter))]
        public string? ReportSuite { get; set; }

        /// <summary>Only rows whose offline time is at or after this time.</summary>
        [Parameter]
        [DateTimeOffsetToLocal]
        public DateTime? From { get; set; }

        /// <summary>Only rows whose offline time is at or before this time.</summary>
        [Parameter]
        [DateTimeOffsetToLocal]
        public DateTime? To { get; set; }

        /// <summary>Customer ID; wildcards allowed. Null or empty: no filter.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [AllowNull]
        [AllowEmptyString]
        public string? CustomerId { get; set; }

        /// <summary>Transaction ID; wildcards allowed. Null or empty (a row without one): no filter.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [AllowNull]
        [AllowEmptyString]
        public string? TransactionId { get; set; }

        /// <summary>Only rows with this outcome: TransactionId, CustomerId or Unattributed.</summary>
        [Parameter]
        public MatchOutcome? Outcome { get; set; }

        /// <summary>Only rows with this reason (e.g. TransactionExpired).</summary>
        [Parameter]
        public MatchReason? Reason { get; set; }

        /// <summary>Only rows of this import (ledger ID); binds from Get-OfflineDataImport output.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        public long? ImportId { get; set; }

        /// <summary>At most this many rows, newest first.</summary>
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
            // A stored row piped in (or its CSV/JSON copy: an object with both an Id and an ImportId) selects that
            // row itself, not every row sharing its customer ID, transaction ID or report suite: those bound values
            // may hold wildcard characters or be empty, and would select other rows too.
            var rowId = PipedRowId(InputObject);
            // A skipped file's result stands for the import holding its content.
            var skippedAs = PipelineStores.SkippedAs(InputObject);
            var query = rowId.HasValue ? new OfflineRowQuery { RowId = rowId } : new OfflineRowQuery
            {
                ReportSuite = ReportSuite,
                From = From,
                To = To,
                CustomerId = CustomerId,
                TransactionId = TransactionId,
                Outcome = Outcome,
                Reason = Reason,
                ImportId = skippedAs ?? ImportId,
                First = First,
            };
            query.From = From;
            query.To = To;
            query.Outcome = Outcome;
            query.Reason = Reason;
            query.First = First;

            // Streamed: each row goes down the pipeline as soon as it is read.
            try
            {
                foreach (var row in store!.GetOfflineRows(query))
                {
                    WriteObject(row);
                }
            }
            catch (StoreException e)
            {
                // A damaged or changed store: what was read went out; the error names the cause.
                WriteError(StoreOpener.Unavailable(store!, e));
            }
        }

        /// <summary>The row ID of a piped stored row: its Id, when it also has an ImportId (a ledger entry's Id is an import's).</summary>
        private static long? PipedRowId(PSObject? inputObject)
        {
            if (inputObject == null || inputObject.Properties["ImportId"] == null) return null;
            var value = inputObject.Properties["Id"]?.Value;
            if (value is PSObject wrapped) value = wrapped.BaseObject;
            if (value == null || (value is string text && text.Trim().Length == 0)) return null;
            try
            {
                return (long)LanguagePrimitives.ConvertTo(value, typeof(long), System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (PSInvalidCastException)
            {
                return null;
            }
        }

    }
}
