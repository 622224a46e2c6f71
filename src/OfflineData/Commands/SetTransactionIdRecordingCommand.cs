using System;
using System.Management.Automation;
using OfflineData.Commands.Base;
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
    public sealed class SetTransactionIdRecordingCommand : StoreCmdlet
    {
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
        protected override void ProcessRecord()
        {
            bool? enabled = MyInvocation.BoundParameters.ContainsKey(nameof(Enabled)) ? Enabled.IsPresent : (bool?)null;
            int? days = MyInvocation.BoundParameters.ContainsKey(nameof(ExpirationDays)) ? ExpirationDays : (int?)null;
            var location = Stores.Locate(Store, InputObject);
            if (location == null) return;

            // Read first (never creating the store; -WhatIf too checks it can be opened), so that -WhatIf, -Confirm
            // and -Verbose say what will really change, and nothing is written when nothing changes.
            foreach (var suite in ReportSuite)
            {
                var existing = Stores.Open(location, create: false);
                RecordingSettings? current;
                try
                {
                    current = existing.Exists ? existing.GetRecording(suite) : null;
                }
                catch (StoreException e)
                {
                    WriteError(StoreOpener.Unavailable(existing, e));
                    continue;
                }

                var action = Describe(current, enabled, days);
                if (action == null)
                {
                    WriteVerbose($"{suite}: nothing to change in store '{location.DisplayName}': recording already {(current!.Enabled ? "on" : "off")}, window {current.ExpirationDays} days.");
                    if (PassThru) WriteObject(current);
                    continue;
                }

                if (!ShouldProcess($"report suite '{suite}' in store '{location.DisplayName}'", action)) continue;

                // Opened only once the change is confirmed: a declined -Confirm creates no store file.
                var store = Stores.Open(location, create: true);
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
                finally
                {
                    Stores.EndWaiting();
                }

                WriteVerbose($"{suite}: recording {(settings.Enabled ? "on" : "off")}, window {settings.ExpirationDays} days.");
                if (PassThru) WriteObject(settings);
            }
        }


        /// <summary>What setting <paramref name="enabled"/> and <paramref name="days"/> changes, or null when nothing changes.</summary>
        private static string? Describe(RecordingSettings? current, bool? enabled, int? days)
        {
            if (current == null)
            {
                var on = enabled ?? false;
                return $"Register the report suite with Transaction ID recording {(on ? "on" : "off")} and an expiration window of {days ?? RecordingSettings.DefaultExpirationDays} days";
            }

            var parts = new System.Collections.Generic.List<string>();
            if (enabled.HasValue && enabled.Value != current.Enabled) parts.Add(enabled.Value ? "Switch Transaction ID recording on (now off)" : "Switch Transaction ID recording off (now on)");
            if (days.HasValue && days.Value != current.ExpirationDays) parts.Add($"{(parts.Count == 0 ? "Set" : "set")} the expiration window to {days.Value} days (now {current.ExpirationDays})");
            return parts.Count == 0 ? null : string.Join(" and ", parts);
        }
    }
}
