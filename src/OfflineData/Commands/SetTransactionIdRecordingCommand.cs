using System;
using System.Management.Automation;
using OfflineData.Commands.Completion;
using OfflineData.Commands.Pipeline;
using OfflineData.Commands.Store;
using OfflineData.Core.Store;

namespace OfflineData.Commands
{
    /// <summary>
    /// <para type="synopsis">Switches Transaction ID recording on or off for a report suite and sets its expiration window.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "TransactionIdRecording", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(RecordingSettings))]
    public sealed class SetTransactionIdRecordingCommand : PSCmdlet, IDisposable
    {
        private PipelineStores? stores;

        /// <summary>The report suite IDs (1-100 characters: letters, digits, '.', '_', '-', starting with a letter or digit).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern(ReportSuiteId.Pattern)]
        [ArgumentCompleter(typeof(ReportSuiteCompleter))]
        public string[] ReportSuite { get; set; } = Array.Empty<string>();

        /// <summary>Switches recording on (-Enabled) or off (-Enabled:$false); left as it is when omitted.</summary>
        [Parameter]
        public SwitchParameter Enabled { get; set; }

        /// <summary>How many days after the online transaction an offline row can still be tied to it (1-730; new suites get 90).</summary>
        [Parameter]
        [ValidateRange(RecordingSettings.MinExpirationDays, RecordingSettings.MaxExpirationDays)]
        public int ExpirationDays { get; set; } = RecordingSettings.DefaultExpirationDays;

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

        /// <summary>Returns the new settings.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <inheritdoc />
        protected override void BeginProcessing() => stores = new PipelineStores(this, Store);

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            bool? enabled = MyInvocation.BoundParameters.ContainsKey(nameof(Enabled)) ? Enabled.IsPresent : (bool?)null;
            int? days = MyInvocation.BoundParameters.ContainsKey(nameof(ExpirationDays)) ? ExpirationDays : (int?)null;
            var location = stores!.Locate(Store, InputObject);
            if (location == null) return;

            // -WhatIf still checks that the store can be opened, without creating it.
            if (WhatIfMode.IsActive(this)) stores.Open(location, create: false);
            foreach (var suite in ReportSuite)
            {
                var action = Describe(enabled, days);
                if (!ShouldProcess($"report suite '{suite}' in store '{location}'", action)) continue;

                // Opened only once the change is confirmed: a declined -Confirm creates no store file.
                var store = stores.Open(location, create: true);
                RecordingSettings settings;
                try
                {
                    settings = store.SetRecording(suite, enabled, days);
                }
                catch (StoreException e)
                {
                    // Non-terminating: the other report suites are still tried (a busy store may be free by then).
                    WriteError(StoreOpener.Unavailable(store, e));
                    continue;
                }

                WriteVerbose($"{suite}: recording {(settings.Enabled ? "on" : "off")}, window {settings.ExpirationDays} days.");
                if (PassThru) WriteObject(settings);
            }
        }

        /// <inheritdoc />
        public void Dispose() => stores?.Dispose();

        private static string Describe(bool? enabled, int? days)
        {
            var parts = new System.Collections.Generic.List<string>();
            if (enabled.HasValue) parts.Add(enabled.Value ? "Switch Transaction ID recording on" : "Switch Transaction ID recording off");
            if (days.HasValue) parts.Add($"set the expiration window to {days.Value} days");
            return parts.Count == 0 ? "Register the report suite (recording off, 90 days, unless already set)" : string.Join(" and ", parts);
        }
    }
}
