using System;
using System.Management.Automation;
using OfflineData.Commands.Base;
using OfflineData.Commands.Completion;
using OfflineData.Commands.Store;
using OfflineData.Core;
using OfflineData.Core.Findings;
using OfflineData.Core.Store;

namespace OfflineData.Commands
{
    /// <summary>
    /// <para type="synopsis">Shows Transaction ID recording per report suite: on or off, window, since when, transactions recorded.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TransactionIdRecording")]
    [OutputType(typeof(RecordingSettings))]
    public sealed class GetTransactionIdRecordingCommand : StoreCmdlet
    {
        /// <summary>Report suite IDs; wildcards allowed. Default: all.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ReportSuiteCompleter))]
        public string[] ReportSuite { get; set; } = { "*" };

        /// <summary>
        /// The piped object itself (hidden): its properties bind to the parameters above; this only lets the cmdlet
        /// tell when an explicit -Store disagrees with the object's store.
        /// </summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var location = Stores.Locate(Store, InputObject);
            if (location == null) return;
            var store = Stores.Open(location, create: false);
            System.Collections.Generic.IReadOnlyList<RecordingSettings> all;
            try
            {
                all = store!.GetRecordings();
            }
            catch (StoreException e)
            {
                WriteError(StoreOpener.Unavailable(store!, e));
                return;
            }

            foreach (var name in ReportSuite)
            {
                var pattern = new WildcardPattern(name, WildcardOptions.None);
                bool found = false;
                foreach (var settings in all)
                {
                    if (!pattern.IsMatch(settings.ReportSuite)) continue;
                    found = true;
                    WriteObject(settings);
                }

                if (!found && !WildcardPattern.ContainsWildcardCharacters(name))
                {
                    WriteError(new ErrorRecord(
                        new ItemNotFoundException($"Report suite '{DisplayText.Escape(name)}' has no Transaction ID recording settings in store '{store.DisplayName}'. Set them with Set-TransactionIdRecording -ReportSuite {CompletionValues.Quote(DisplayText.Escape(name), null)} -Enabled."),
                        ErrorIds.ReportSuiteNotFound,
                        ErrorCategory.ObjectNotFound,
                        name));
                }
            }
        }

    }
}
