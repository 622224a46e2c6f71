using System;
using System.Linq;
using System.Management.Automation;
using OfflineData.Commands.Base;
using OfflineData.Commands.Completion;
using OfflineData.Commands.Store;
using OfflineData.Core.Store;

namespace OfflineData.Commands
{
    /// <summary>
    /// <para type="synopsis">Lists recorded consent decisions: the one that counts per customer and scope (or every one with -History), newest first.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "OfflineDataConsent")]
    [OutputType(typeof(ConsentEntry))]
    public sealed class GetOfflineDataConsentCommand : StoreCmdlet
    {
        /// <summary>Customer ID; wildcards allowed (case-sensitive). Null or empty (as piped objects may carry): no filter.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [AllowNull]
        [AllowEmptyString]
        public string? CustomerId { get; set; }

        /// <summary>Consent field (collect, marketing.email, ...); wildcards allowed. With -OptedOut: the fields that count (no wildcards).</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ConsentCompleter))]
        public string[]? Scope { get; set; }

        /// <summary>Only entries with this value (y, n, p, u, LI, CT, CP, VI, PI; any case).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ConsentCompleter))]
        public string? Value { get; set; }

        /// <summary>Every recorded entry, not only the one that counts per customer and scope.</summary>
        [Parameter]
        public SwitchParameter History { get; set; }

        /// <summary>Only customers whose rows are held back: the entry that counts opts out (collect = n, or -Scope/-SuppressValue).</summary>
        [Parameter]
        public SwitchParameter OptedOut { get; set; }

        /// <summary>With -OptedOut: the values that hold rows back (default n; add p and u to hold back pending and unknown too).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ConsentCompleter))]
        public string[]? SuppressValue { get; set; }

        /// <summary>At most this many entries, newest first.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? First { get; set; }

        /// <summary>The piped object itself (hidden): lets the cmdlet tell when an explicit -Store disagrees with the object's store.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        private ConsentPolicy? policy;

        // Get-OfflineData | Get-OfflineDataConsent binds CustomerId once per data row: an entry is written once per run.
        private readonly System.Collections.Generic.HashSet<string> written = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);

        /// <inheritdoc />
        protected override void BeginCommand()
        {
            foreach (var value in (SuppressValue ?? Array.Empty<string>()).Concat(Value == null ? Array.Empty<string>() : new[] { Value }))
            {
                if (!ConsentValues.IsKnown(value))
                {
                    ThrowTerminatingError(new ErrorRecord(new PSArgumentException($"'{value}' is not a consent value (expected one of {string.Join(", ", ConsentValues.All)})."), ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, value));
                }
            }

            if (SuppressValue != null && !OptedOut)
            {
                ThrowTerminatingError(new ErrorRecord(new PSArgumentException("-SuppressValue says which values hold rows back; it needs -OptedOut."), ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, SuppressValue));
            }

            if (OptedOut)
            {
                if (History)
                {
                    ThrowTerminatingError(new ErrorRecord(new PSArgumentException("-OptedOut lists the entries that count now; it cannot be combined with -History."), ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, null));
                }

                policy = new ConsentPolicy(Scope ?? new[] { ConsentPolicy.DefaultScope }, SuppressValue ?? new[] { ConsentPolicy.OptOutValue });
            }
        }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            if (Stores.RejectUnbound(InputObject)) return;
            var location = Stores.Locate(Store, InputObject);
            if (location == null) return;
            var store = Stores.Open(location, create: false);
            try
            {
                var entries = Scope == null || policy != null
                    ? Read(store, null)
                    : Scope.SelectMany(s => Read(store, s)).GroupBy(e => e.Id).Select(g => g.First()).OrderByDescending(e => e.Time).ThenByDescending(e => e.Id);
                if (policy != null)
                {
                    // The entries that count and hold rows back: exactly what GetSuppressedCustomerIds selects.
                    entries = entries.Where(e => policy.Scopes.Contains(e.Scope) && policy.SuppressingValues.Contains(e.Value));
                }

                if (First.HasValue) entries = entries.Take(First.Value);
                foreach (var entry in entries)
                {
                    if (written.Add(entry.Store + "\n" + entry.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))) WriteObject(entry);
                }
            }
            catch (StoreException e)
            {
                WriteError(StoreOpener.Unavailable(store, e));
            }
        }

        private System.Collections.Generic.IEnumerable<ConsentEntry> Read(IOfflineDataStore store, string? scope) => store.GetConsents(new ConsentQuery
        {
            CustomerId = string.IsNullOrEmpty(CustomerId) ? null : CustomerId,
            Scope = scope,
            Value = Value,
            History = History,
            // Filtered afterwards (several scopes, -OptedOut): the limit is applied then.
            First = policy == null && (Scope == null || Scope.Length == 1) ? First : null,
        });
    }
}
