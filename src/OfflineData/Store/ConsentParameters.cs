using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OfflineData.Core.Consent;
using OfflineData.Core.Store;

namespace OfflineData.Commands.Store
{
    /// <summary>
    /// What every cmdlet that lets data leave the machine (Export-OfflineData, Export-AdobeDataSource,
    /// Send-OfflineDataFile) does alike about consent, in one place: -SuppressConsentValue and -ConsentScope into a
    /// policy, the opt-outs loaded once per run from the store, and the words that describe it. The cmdlets only
    /// declare the parameters (PowerShell binds them per cmdlet) with <see cref="ValidateConsentValueAttribute"/> and the defaults here.
    /// </summary>
    internal static class ConsentParameters
    {
        /// <summary>-SuppressConsentValue's default: an explicit opt-out only (seed 003: send unless one is recorded).</summary>
        public static readonly string[] DefaultValues = { ConsentPolicy.OptOutValue };

        /// <summary>-ConsentScope's default: collect.</summary>
        public static readonly string[] DefaultScopes = { ConsentPolicy.DefaultScope };

        /// <summary>The policy of the parameters as given (values and scopes normalised; the defaults when left out).</summary>
        public static ConsentPolicy Policy(string[]? values, string[]? scopes) =>
            new ConsentPolicy(
                (scopes == null || scopes.Length == 0 ? DefaultScopes : scopes).Where(s => !string.IsNullOrWhiteSpace(s)),
                (values == null || values.Length == 0 ? DefaultValues : values).Where(v => !string.IsNullOrWhiteSpace(v)));

        /// <summary>
        /// The customers to suppress under <paramref name="policy"/>, loaded once from <paramref name="store"/>; none when
        /// the store does not exist (opt-outs are recorded in a store: one that does not exist holds none). A store that
        /// fails to answer is a terminating StoreUnavailable error: without the list nothing may leave.
        /// </summary>
        public static ConsentSuppression Load(PSCmdlet cmdlet, IOfflineDataStore store, ConsentPolicy policy)
        {
            CheckScopes(cmdlet, store, policy);
            if (!store.Exists)
            {
                cmdlet.WriteVerbose($"Consent: the store '{store.DisplayName}' does not exist, so it records no opt-out; nothing is suppressed.");
                return ConsentSuppression.None;
            }

            try
            {
                var suppression = ConsentSuppression.Load(store, policy);
                cmdlet.WriteVerbose($"Consent: {Describe(suppression)} (store '{store.DisplayName}').");
                return suppression;
            }
            catch (StoreException e)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new StoreException($"The opt-out list of the store '{store.DisplayName}' cannot be read ({e.Message}); nothing was exported or sent, so that no opted-out customer leaks.", e.Kind, e),
                    ErrorIds.StoreUnavailable,
                    StoreOpener.Category(e.Kind),
                    store.DisplayName));
                throw; // not reached
            }
        }

        /// <summary>
        /// Refuses (terminating UnknownConsentScope, InvalidArgument) a scope that is neither one of Adobe's consent
        /// fields nor recorded in <paramref name="store"/>: a typo (-ConsentScope colect) would otherwise match no entry
        /// and silently suppress nothing. Called before any row is read or file sent.
        /// </summary>
        public static void CheckScopes(PSCmdlet cmdlet, IOfflineDataStore store, ConsentPolicy policy)
        {
            var unknown = policy.Scopes.Where(s => !ConsentPolicy.AdobeScopes.Contains(s, StringComparer.Ordinal)).ToList();
            if (unknown.Count == 0) return;
            try
            {
                if (store.Exists) unknown = unknown.Where(s => !store.GetConsents(new ConsentQuery { Scope = s, History = true, First = 1 }).Any()).ToList();
                if (unknown.Count == 0) return;
                var recorded = store.Exists
                    ? store.GetConsents(new ConsentQuery { History = true }).Select(e => e.Scope.ToLowerInvariant()).Where(s => !ConsentPolicy.AdobeScopes.Contains(s, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).OrderBy(s => s, StringComparer.Ordinal).ToList()
                    : new List<string>();
                var known = "Adobe's consent fields " + string.Join(", ", ConsentPolicy.AdobeScopes)
                    + (recorded.Count == 0 ? $"; the store '{store.DisplayName}' records no other scope" : $"; scopes the store '{store.DisplayName}' records: {string.Join(", ", recorded)}");
                cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new PSArgumentException($"-ConsentScope {string.Join(",", unknown)}: no such consent scope ({known}). A scope that matches no entry would suppress nothing, so nothing was read or sent."),
                    ErrorIds.UnknownConsentScope,
                    ErrorCategory.InvalidArgument,
                    string.Join(",", unknown)));
            }
            catch (StoreException e)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new StoreException($"The opt-out list of the store '{store.DisplayName}' cannot be read ({e.Message}); nothing was exported or sent, so that no opted-out customer leaks.", e.Kind, e),
                    ErrorIds.StoreUnavailable,
                    StoreOpener.Category(e.Kind),
                    store.DisplayName));
            }
        }

        /// <summary>Says what is suppressed, e.g. "rows of 3 opted-out customer(s) are left out (collect = n)".</summary>
        public static string Describe(ConsentSuppression suppression) =>
            $"rows of {suppression.CustomerCount} opted-out customer(s) are left out ({suppression.Policy})";

        /// <summary>The warning of a run with -SkipConsentCheck (every run says it).</summary>
        public static string SkipWarning(string what) =>
            $"-SkipConsentCheck: {what} not checked against the store's opt-outs; rows of opted-out customers may leave the machine. Use it only for files known to hold none (e.g. exported with suppression).";

        /// <summary>The parameters a user gave, for messages (e.g. "-SuppressConsentValue n,p").</summary>
        public static IEnumerable<string> Given(string[]? values, string[]? scopes)
        {
            if (values != null) yield return "-SuppressConsentValue " + string.Join(",", values);
            if (scopes != null) yield return "-ConsentScope " + string.Join(",", scopes);
        }

        /// <summary>Throws a terminating InvalidArgument error for a policy the core refuses (an empty list after trimming).</summary>
        public static ConsentPolicy PolicyOrFail(PSCmdlet cmdlet, string[]? values, string[]? scopes)
        {
            try
            {
                return Policy(values, scopes);
            }
            catch (ArgumentException e)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(new PSArgumentException(e.Message.Split(new[] { " (Parameter" }, StringSplitOptions.None)[0], e), ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, string.Join(" ", Given(values, scopes))));
                throw; // not reached
            }
        }
    }
}
