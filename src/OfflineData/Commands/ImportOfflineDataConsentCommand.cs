using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using OfflineData.Commands.Base;
using OfflineData.Commands.Paths;
using OfflineData.Commands.Store;
using OfflineData.Core.Consent;
using OfflineData.Core.Findings;
using OfflineData.Core.Store;

namespace OfflineData.Commands
{
    /// <summary>
    /// <para type="synopsis">Records consent decisions (opt-outs) into the store: from consent files, or from the pipeline.</para>
    /// </summary>
    [Cmdlet(VerbsData.Import, "OfflineDataConsent", DefaultParameterSetName = InputObjectSet, SupportsShouldProcess = true)]
    [OutputType(typeof(ConsentFileResult))]
    public sealed class ImportOfflineDataConsentCommand : StoreCmdlet
    {
        private const string PathSet = "Path";
        private const string InputObjectSet = "InputObject";
        private const string PipelineSource = "pipeline";

        // Pipeline entries per store, recorded at the end as one batch per store (one result each).
        private readonly Dictionary<StoreTarget, List<ConsentEntry>> batches = new Dictionary<StoreTarget, List<ConsentEntry>>(StoreTarget.Comparer);
        private readonly DateTime now = DateTime.UtcNow;

        // -Store as the command line gave it (null: OFFLINEDATA_STORE, else the default store).
        private string? commandLineStore;

        /// <summary>Consent files; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Consent files, taken exactly as written (no wildcards).</summary>
        [Parameter(Mandatory = true, ParameterSetName = FileSystemPathResolver.LiteralPathParameterSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>
        /// From the pipeline: a file (Get-ChildItem output) is read as a consent file; a string is a customer ID opting
        /// out of collect now; any other object gives CustomerId and optionally Scope, Value and Time.
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        public PSObject? InputObject { get; set; }

        /// <inheritdoc />
        protected override void BeginCommand() => commandLineStore = Store;

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            // Recording is a write to the target store: -Store from the command line, else OFFLINEDATA_STORE, else the
            // default. A piped object's Store property (Get-OfflineDataConsent output, a JSON backup) names where it
            // was read from, not where it goes, so it is ignored: copying the list into another store just works.
            var target = Stores.Locate(commandLineStore, null);
            if (target == null) return;
            if (ParameterSetName != InputObjectSet)
            {
                foreach (var file in FileSystemPathResolver.ResolveInputFiles(this, Path, LiteralPath)) RecordFile(file, target);
                return;
            }

            if (InputObject == null) return;
            var location = target;
            if (location == null) return;
            if (InputObject.BaseObject is FileInfo info)
            {
                RecordFile(info.FullName, location);
                return;
            }

            var entry = ToEntry(InputObject);
            if (entry == null) return;
            if (!batches.TryGetValue(location, out var batch)) batches[location] = batch = new List<ConsentEntry>();
            batch.Add(entry);
        }

        /// <inheritdoc />
        protected override void EndCommand()
        {
            foreach (var pair in batches)
            {
                var target = pair.Key;
                var entries = pair.Value;
                var what = $"{entries.Count.ToString(CultureInfo.InvariantCulture)} consent entr{(entries.Count == 1 ? "y" : "ies")} from the pipeline";
                if (!ShouldProcess($"Recording {what} into the store '{target.DisplayName}'.", $"Record {what} into the store '{target.DisplayName}'?", "Import-OfflineDataConsent")) continue;
                IOfflineDataStore? store = null;
                try
                {
                    store = Stores.Open(target, create: true);
                    var counts = store.RecordConsents(entries);
                    WriteObject(new ConsentFileResult(PipelineSource, entries.Count, counts.Recorded, counts.AlreadyRecorded, Array.Empty<Finding>(), 0, store.DisplayName));
                }
                catch (StoreException e) when (store != null)
                {
                    WriteError(StoreOpener.Unavailable(store, e));
                }
            }
        }

        private void RecordFile(string file, StoreTarget target)
        {
            IOfflineDataStore? store = null;
            ConsentFileResult result;
            bool record = false;
            try
            {
                // The file is checked before anything is asked or said: a file with bad rows reports them and records
                // nothing, so -WhatIf must not say it would record it (and -Confirm must not ask).
                var consent = new ConsentFile(file);
                result = consent.Record(null, target.DisplayName, record: false);
                if (result.ErrorCount == 0)
                {
                    var what = $"{result.Entries.ToString(CultureInfo.InvariantCulture)} consent entr{(result.Entries == 1 ? "y" : "ies")} of '{file}'";
                    record = ShouldProcess($"Recording the {what} into the store '{target.DisplayName}'.", $"Record the {what} into the store '{target.DisplayName}'?", "Import-OfflineDataConsent");
                    if (!record) return;

                    // -WhatIf opens no store (none is created).
                    store = Stores.Open(target, create: true);
                    result = consent.RecordChecked(store, store.DisplayName, result);
                }
            }
            catch (Exception e) when (FileReadErrors.IsReadFailure(e))
            {
                WriteError(FileReadErrors.ReadFailed(file, e, "Nothing of it was recorded."));
                return;
            }
            catch (StoreException e) when (store != null)
            {
                WriteError(StoreOpener.Unavailable(store, e));
                return;
            }

            foreach (var finding in result.Findings)
            {
                WriteError(new ErrorRecord(new InvalidDataException(finding.ToString() + " Nothing of the file was recorded."), finding.Code, ErrorCategory.InvalidData, file));
            }

            if (result.ErrorCount > result.Findings.Count) WriteVerbose($"{file}: {result.ErrorCount} bad row(s), the first {result.Findings.Count} reported.");
            if (!record)
            {
                WriteVerbose($"{file}: {result.ErrorCount} bad row(s), nothing recorded.");
                if (!WhatIfActive()) WriteObject(result);
                return;
            }

            WriteVerbose($"{file}: {result.Recorded} recorded, {result.AlreadyRecorded} already recorded, {result.ErrorCount} bad row(s).");
            WriteObject(result);
        }

        private bool WhatIfActive() =>
            (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var v) && v is SwitchParameter s && s.IsPresent)
            || (!MyInvocation.BoundParameters.ContainsKey("WhatIf") && LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference")));

        /// <summary>The entry a piped object stands for, or null after a non-terminating InvalidConsentEntry error.</summary>
        private ConsentEntry? ToEntry(PSObject input)
        {
            if (input.BaseObject is string id) return Checked(new ConsentEntry { CustomerId = id, Time = now, Source = PipelineSource }, input);
            var customer = input.Properties["CustomerId"]?.Value;
            if (customer == null || string.IsNullOrWhiteSpace(customer.ToString()))
            {
                Fail(input, "The object has no CustomerId: pipe customer IDs as strings, or objects with a CustomerId and optionally Scope, Value and Time.");
                return null;
            }

            var entry = new ConsentEntry { CustomerId = customer.ToString()!, Time = now, Source = PipelineSource };
            var scope = input.Properties["Scope"]?.Value?.ToString();
            if (!string.IsNullOrWhiteSpace(scope)) entry.Scope = scope!;
            var value = input.Properties["Value"]?.Value?.ToString();
            if (!string.IsNullOrWhiteSpace(value)) entry.Value = value!;
            var time = input.Properties["Time"]?.Value;
            if (time is PSObject wrapped) time = wrapped.BaseObject;
            switch (time)
            {
                case null:
                    break;
                case DateTimeOffset offset:
                    entry.Time = offset.ToUniversalTime();
                    break;
                case DateTime dateTime:
                    // A [datetime] without a kind is the local time PowerShell shows it as.
                    entry.Time = dateTime.Kind == DateTimeKind.Utc ? dateTime : DateTime.SpecifyKind(dateTime, DateTimeKind.Local).ToUniversalTime();
                    break;
                default:
                    var text = time.ToString() ?? string.Empty;
                    if (text.Trim().Length == 0) break;
                    if (!ConsentFile.TryParseTime(text, out var utc))
                    {
                        Fail(input, $"The Time '{text}' of customer '{entry.CustomerId}' is not an ISO 8601 time with an offset or Z (e.g. 2024-05-01T10:00:00Z), nor a [datetime].");
                        return null;
                    }

                    entry.Time = utc;
                    break;
            }

            return Checked(entry, input);
        }

        private ConsentEntry? Checked(ConsentEntry entry, PSObject input)
        {
            if (string.IsNullOrWhiteSpace(entry.CustomerId))
            {
                Fail(input, "An empty customer ID cannot opt out.");
                return null;
            }

            if (!ConsentValues.IsKnown(entry.Value))
            {
                Fail(input, $"The Value '{entry.Value}' of customer '{entry.CustomerId}' is not a consent value (expected one of {string.Join(", ", ConsentValues.All)}).");
                return null;
            }

            return entry;
        }

        private void Fail(PSObject input, string message) =>
            WriteError(new ErrorRecord(new ArgumentException(message), ErrorIds.InvalidConsentEntry, ErrorCategory.InvalidData, input));
    }
}
