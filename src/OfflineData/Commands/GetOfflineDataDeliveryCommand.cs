using System;
using System.Management.Automation;
using OfflineData.Commands.Base;
using OfflineData.Commands.Completion;
using OfflineData.Commands.Store;
using OfflineData.Core.Store;

namespace OfflineData.Commands
{
    /// <summary>
    /// <para type="synopsis">Lists the delivery ledger: which file went to which destination, under which remote name, when and how it ended, newest first.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "OfflineDataDelivery")]
    [OutputType(typeof(DeliveryLedgerEntry))]
    public sealed class GetOfflineDataDeliveryCommand : StoreCmdlet
    {
        /// <summary>Destination as the ledger shows it (URI without password, or folder); wildcards allowed (case-sensitive). Null or empty (as piped objects may carry): no filter.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [AllowNull]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(DeliveryDestinationCompleter))]
        public string? Destination { get; set; }

        /// <summary>Local file name; wildcards allowed.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? FileName { get; set; }

        /// <summary>Remote file name; wildcards allowed.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? RemoteName { get; set; }

        /// <summary>Only deliveries of this content (SHA-256, hex).</summary>
        [Parameter]
        [ValidatePattern("^[0-9A-Fa-f]{64}$")]
        public string? Sha256 { get; set; }

        /// <summary>Only entries with this status (Started, Sent, Failed).</summary>
        [Parameter]
        public DeliveryStatus? Status { get; set; }

        /// <summary>Only the entry with this ledger ID.</summary>
        /// <remarks>LedgerId is what Send-OfflineDataFile's results carry, so its output piped in gives each file's own entry.</remarks>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("DeliveryId", "LedgerId")]
        public long? Id { get; set; }

        /// <summary>Only deliveries started at or after this time (alias -After).</summary>
        [Parameter]
        [Alias("After")]
        [DateTimeOffsetToLocal]
        public DateTime? From { get; set; }

        /// <summary>Only deliveries started at or before this time (alias -Before).</summary>
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
        /// tell when an explicit -Store disagrees with the object's store, and refuse an object that binds nothing.
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
            if (Stores.RejectUnbound(InputObject)) return;
            var location = Stores.Locate(Store, InputObject);
            if (location == null) return;
            var store = Stores.Open(location, create: false);
            var query = new DeliveryLedgerQuery
            {
                Destination = Destination,
                FileName = FileName,
                RemoteName = RemoteName,
                Sha256 = Sha256,
                Status = Status,
                Id = Id,
                After = From,
                Before = To,
                First = First,
            };
            try
            {
                bool any = false;
                foreach (var entry in store.GetDeliveries(query))
                {
                    any = true;
                    WriteObject(entry);
                }

                // As Get-OfflineDataImport -Id: one entry asked for by its ID and not there is an error a script can see.
                if (!any && query.Id != null)
                {
                    WriteError(new ErrorRecord(
                        new ItemNotFoundException($"The store '{store.DisplayName}' has no delivery with ID {query.Id}{(HasOtherFilters ? " that matches the other filters" : string.Empty)}."),
                        ErrorIds.DeliveryNotFound,
                        ErrorCategory.ObjectNotFound,
                        query.Id));
                }
            }
            catch (StoreException e)
            {
                WriteError(StoreOpener.Unavailable(store, e));
            }
        }

        private bool HasOtherFilters =>
            !string.IsNullOrEmpty(Destination) || FileName != null || RemoteName != null || Sha256 != null || Status != null || From != null || To != null;
    }
}
