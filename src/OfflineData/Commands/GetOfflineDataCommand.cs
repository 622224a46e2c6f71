using System;
using System.Management.Automation;
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
        private IOfflineDataStore? store;

        /// <summary>Report suite IDs; wildcards allowed (case-sensitive).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
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

        /// <summary>The store file; default: OFFLINEDATA_STORE, else the per-user default.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Store { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing() => store = StoreOpener.Open(this, Store, create: false);

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (ImportId == null && MyInvocation.BoundParameters.ContainsKey(nameof(ImportId)))
            {
                // A piped Import-OfflineData result with an empty ImportId (-WhatIf, skipped, or failed before the ledger)
                // stored nothing; without a filter it listed every row of the report suite.
                WriteVerbose("The piped import has no ledger ID (a dry run, or a file that was skipped or not imported): nothing to list.");
                return;
            }

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
            foreach (var row in store!.GetOfflineRows(query))
            {
                WriteObject(row);
            }
        }

        /// <inheritdoc />
        public void Dispose() => store?.Dispose();
    }
}
