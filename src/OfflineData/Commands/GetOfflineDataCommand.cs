using System;
using System.Management.Automation;
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
    public sealed class GetOfflineDataCommand : PSCmdlet, IDisposable
    {
        private PipelineStores? stores;

        /// <summary>Report suite IDs; wildcards allowed (case-sensitive).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ReportSuiteCompleter))]
        public string? ReportSuite { get; set; }

        /// <summary>Only rows whose offline time is at or after this time.</summary>
        [Parameter]
        public DateTime? From { get; set; }

        /// <summary>Only rows whose offline time is at or before this time.</summary>
        [Parameter]
        public DateTime? To { get; set; }

        /// <summary>Customer ID; wildcards allowed.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? CustomerId { get; set; }

        /// <summary>Transaction ID; wildcards allowed.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
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

        /// <summary>The store file; default: OFFLINEDATA_STORE, else the per-user default. Binds from the Store property of piped store objects.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Store { get; set; }

        /// <summary>
        /// The piped object itself (hidden): its properties bind to the parameters above; this only lets the cmdlet
        /// tell when an explicit -Store disagrees with the object's store.
        /// </summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing() => stores = new PipelineStores(this, Store);

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (stores!.RejectUnbound(InputObject) || stores.NamesNoImport(InputObject)) return;
            var location = stores.Locate(Store, InputObject);
            if (location == null) return;
            var store = stores.Open(location, create: false);
            var query = new OfflineRowQuery
            {
                ReportSuite = ReportSuite,
                From = From,
                To = To,
                CustomerId = CustomerId,
                TransactionId = TransactionId,
                Outcome = Outcome,
                Reason = Reason,
                ImportId = ImportId,
                First = First,
            };

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

        /// <inheritdoc />
        public void Dispose() => stores?.Dispose();
    }
}
