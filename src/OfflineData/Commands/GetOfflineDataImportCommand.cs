using System;
using System.Management.Automation;
using OfflineData.Commands.Store;
using OfflineData.Core.Store;

namespace OfflineData.Commands
{
    /// <summary>
    /// <para type="synopsis">Lists the import ledger: which files were imported, when, with what counts and status, newest first.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "OfflineDataImport")]
    [OutputType(typeof(ImportLedgerEntry))]
    public sealed class GetOfflineDataImportCommand : PSCmdlet, IDisposable
    {
        private IOfflineDataStore? store;

        /// <summary>Report suite IDs; wildcards allowed (case-sensitive).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
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

        /// <summary>Only imports started at or after this time.</summary>
        [Parameter]
        public DateTime? After { get; set; }

        /// <summary>Only imports started at or before this time.</summary>
        [Parameter]
        public DateTime? Before { get; set; }

        /// <summary>At most this many entries, newest first.</summary>
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
            if (Id == null && MyInvocation.BoundParameters.ContainsKey(nameof(Id)))
            {
                // A piped Import-OfflineData result with an empty ImportId (-WhatIf, skipped, or failed before the ledger)
                // stored nothing; without a filter it listed every ledger entry of the report suite.
                WriteVerbose("The piped import has no ledger ID (a dry run, or a file that was skipped or not imported): nothing to list.");
                return;
            }

            var query = new ImportLedgerQuery
            {
                ReportSuite = ReportSuite,
                FileName = FileName,
                Sha256 = Sha256,
                Status = Status,
                Id = Id,
                After = After,
                Before = Before,
                First = First,
            };
            foreach (var entry in store!.GetImports(query))
            {
                WriteObject(entry);
            }
        }

        /// <inheritdoc />
        public void Dispose() => store?.Dispose();
    }
}
