using System;
using System.Linq;
using System.Management.Automation;
using OfflineData.Commands.Base;
using OfflineData.Commands.Progress;
using OfflineData.Commands.Store;
using OfflineData.Core.Store;
using OfflineData.Core.Store.Transfer;

namespace OfflineData.Commands
{
    /// <summary>
    /// <para type="synopsis">Copies a store's whole content (settings, transactions, visitors, the ledger, rows) into another store, exactly and resumably.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Copy, "OfflineDataStore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(StoreCopyResult))]
    public sealed class CopyOfflineDataStoreCommand : OfflineDataCmdlet
    {
        private CountProgressReporter? progress;

        /// <summary>The store to copy from, as -Store takes it (a store file's path). It is only read.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Source { get; set; } = string.Empty;

        /// <summary>The store to copy into, as -Store takes it; created when it does not exist.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; } = string.Empty;

        /// <summary>The user name and password for a server source store (ignored by SQLite).</summary>
        [Parameter]
        [Credential]
        public PSCredential? SourceCredential { get; set; }

        /// <summary>The user name and password for a server destination store (ignored by SQLite).</summary>
        [Parameter]
        [Credential]
        public PSCredential? DestinationCredential { get; set; }

        /// <summary>
        /// Copies into a destination that already holds content: what it has (by key) is kept as it is, the rest is added.
        /// </summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <inheritdoc />
        protected override string ProgressActivity => "Copying the store";

        /// <inheritdoc />
        protected override void ProcessRecord()
        {
            var sourceLocation = StoreOpener.Resolve(this, Source);
            var destinationLocation = StoreOpener.Resolve(this, Destination);

            using var source = Open(sourceLocation, SourceCredential, nameof(SourceCredential), create: false);
            if (source == null) return;
            if (!source.Exists)
            {
                WriteError(new ErrorRecord(
                    new ItemNotFoundException($"The source store '{source.DisplayName}' does not exist. Nothing was copied."),
                    ErrorIds.SourceStoreNotFound,
                    ErrorCategory.ObjectNotFound,
                    source.DisplayName));
                return;
            }

            // Read only (no store is created) until the copy is confirmed: -WhatIf and a declined -Confirm leave nothing behind.
            var destination = Open(destinationLocation, DestinationCredential, nameof(DestinationCredential), create: false);
            if (destination == null) return;
            try
            {
                var plan = PlanCopy(source, destination);
                if (plan == null) return;
                if (!ShouldProcess($"store '{destination.DisplayName}'", Describe(plan, source.DisplayName))) return;

                if (!destination.Exists)
                {
                    destination.Dispose();
                    destination = Open(destinationLocation, DestinationCredential, nameof(DestinationCredential), create: true);
                    if (destination == null) return;
                    plan = PlanCopy(source, destination);
                    if (plan == null) return;
                }

                Copy(source, destination, plan);
            }
            finally
            {
                destination?.Dispose();
            }
        }

        /// <inheritdoc />
        protected override void EndCommand() => progress?.Complete();

        private StoreCopyPlan? PlanCopy(IOfflineDataStore source, IOfflineDataStore destination)
        {
            try
            {
                return new StoreCopier(StoreTransfer.ContentOf(source), StoreTransfer.ContentOf(destination)).Plan(Force);
            }
            catch (StoreCopyRefusedException e)
            {
                var (id, category) = e.Reason switch
                {
                    StoreCopyRefusal.SameStore => (ErrorIds.SameStore, ErrorCategory.InvalidArgument),
                    StoreCopyRefusal.ImportConflict => (ErrorIds.ImportIdConflict, ErrorCategory.ResourceExists),
                    StoreCopyRefusal.DeliveryConflict => (ErrorIds.DeliveryIdConflict, ErrorCategory.ResourceExists),
                    _ => (ErrorIds.DestinationNotEmpty, ErrorCategory.ResourceExists),
                };
                WriteError(new ErrorRecord(new InvalidOperationException(e.Message), id, category, destination.DisplayName));
                return null;
            }
            catch (StoreException e)
            {
                WriteError(StoreOpener.Unavailable(destination, e));
                return null;
            }
        }

        private void Copy(IOfflineDataStore source, IOfflineDataStore destination, StoreCopyPlan plan)
        {
            progress = new CountProgressReporter(this, ProgressActivity);
            var copier = new StoreCopier(StoreTransfer.ContentOf(source), StoreTransfer.ContentOf(destination))
            {
                Progress = p => progress.Report(Name(p.Table), p.Done, p.Total),
            };
            WriteVerbose($"Copying from store '{source.DisplayName}' into store '{destination.DisplayName}' ({plan.Mode}).");
            StoreCopyResult result;
            try
            {
                result = UntilStopped(token => copier.Copy(plan, token));
            }
            catch (StoreException e)
            {
                // Batches written so far stay: running the same command again goes on after the last of them.
                WriteError(new ErrorRecord(
                    new StoreException(e.Message + " The batches copied so far are kept; run the same command again to go on from there.", e.Kind, e),
                    ErrorIds.StoreUnavailable,
                    StoreOpener.Category(e.Kind),
                    destination.DisplayName));
                return;
            }

            foreach (var table in result.Tables) WriteVerbose($"{table.Table}: {table}.");
            WriteObject(result);
            if (result.DifferenceList.Count > 0)
            {
                WriteError(new ErrorRecord(
                    new InvalidOperationException($"The copy into '{result.Destination}' does not match its source: {string.Join(" ", result.DifferenceList.Take(5))}{(result.DifferenceList.Count > 5 ? $" (and {result.DifferenceList.Count - 5} more; see the result's Differences)" : string.Empty)}"),
                    ErrorIds.CopyNotVerified,
                    ErrorCategory.InvalidResult,
                    result.Destination));
            }
        }

        /// <summary>Opens a store through the factory; a failure is a non-terminating StoreUnavailable error and null.</summary>
        private IOfflineDataStore? Open(StoreTarget target, PSCredential? credential, string credentialParameter, bool create)
        {
            try
            {
                var store = StoreFactory.Open(target.Location, new StoreOpenOptions
                {
                    Create = create,
                    Credential = StoreOpener.ToNetworkCredential(credential),
                    Waiting = message => WriteVerbose(message),
                });
                WriteVerbose($"Store: {store.DisplayName}{(store.Exists ? string.Empty : " (does not exist yet)")}");
                return store;
            }
            catch (Exception e) when (e is StoreException || e is UnauthorizedAccessException || e is System.IO.IOException)
            {
                var name = target.DisplayName;
                var failure = e as StoreException ?? new StoreException($"Cannot open the store '{name}': {e.Message}", StoreFailureKind.Unavailable, e);
                // The store's login messages name the other cmdlets' -Credential: this cmdlet has one per store.
                if (System.Text.RegularExpressions.Regex.IsMatch(failure.Message, @"-Credential\b"))
                {
                    failure = new StoreException(System.Text.RegularExpressions.Regex.Replace(failure.Message, @"-Credential\b", "-" + credentialParameter), failure.Kind, failure);
                }

                WriteError(new ErrorRecord(failure, ErrorIds.StoreUnavailable, StoreOpener.Category(failure.Kind), name));
                return null;
            }
        }

        private static string Describe(StoreCopyPlan plan, string source)
        {
            var counts = StoreCopier.Tables.Select(t => StoreCopier.Describe(t, plan.SourceCounts[t])).ToList();
            var what = string.Join(", ", counts.Take(counts.Count - 1)) + " and " + counts[counts.Count - 1];
            return plan.Mode switch
            {
                StoreCopyMode.Resumed => $"Resume the copy from store '{source}' of {what} (begun {plan.Marker!.StartedAt:yyyy-MM-dd HH:mm:ss} UTC; going on after the last batch the destination has)",
                StoreCopyMode.Merged => $"Copy {what} from store '{source}' into a store that already holds content (-Force: what it has is kept, the rest is added)",
                _ => $"Copy {what} from store '{source}'",
            };
        }

        private static string Name(StoreContentTable table) => table switch
        {
            StoreContentTable.ReportSuites => "Report suites",
            StoreContentTable.OnlineTransactions => "Online transactions",
            StoreContentTable.Visitors => "Visitors",
            StoreContentTable.Imports => "Imports",
            StoreContentTable.Deliveries => "Deliveries",
            StoreContentTable.ExportBatches => "Exported batches",
            StoreContentTable.Consents => "Consent entries",
            _ => "Offline rows",
        };
    }
}
