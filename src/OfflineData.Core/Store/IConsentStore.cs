using System.Collections.Generic;

namespace OfflineData.Core.Store
{
    /// <summary>
    /// The consent (opt-out) list of a store. Consent belongs to the customer, not to a report suite: an opt-out
    /// suppresses the customer's rows in every export and delivery from the store (seed 003: send unless an explicit
    /// opt-out is recorded).
    /// </summary>
    public interface IConsentStore
    {
        /// <summary>
        /// Records the entries in one transaction (all or none; creates the store's consent table when needed).
        /// An entry equal to a stored one (customer, scope, value and time) is counted as already recorded.
        /// </summary>
        ConsentRecordCounts RecordConsents(IEnumerable<ConsentEntry> entries);

        /// <summary>Reads consent entries (see <see cref="ConsentQuery.History"/>); nothing when the store does not exist.</summary>
        IEnumerable<ConsentEntry> GetConsents(ConsentQuery query);

        /// <summary>
        /// Streams, each once, the customer IDs whose winning entry in one of the policy's scopes has one of its
        /// suppressing values. Nothing when the store does not exist or has no consent entries.
        /// </summary>
        IEnumerable<string> GetSuppressedCustomerIds(ConsentPolicy policy);
    }
}
