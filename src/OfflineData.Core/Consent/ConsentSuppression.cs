using System;
using System.Collections.Generic;
using OfflineData.Core.Store;

namespace OfflineData.Core.Consent
{
    /// <summary>
    /// The customers whose rows may not leave the machine under a consent policy, loaded once from a store (the list
    /// of opt-outs is small next to the rows it filters), and a count of the rows it held back.
    /// </summary>
    public sealed class ConsentSuppression
    {
        private readonly HashSet<string> _customerIds;

        private ConsentSuppression(HashSet<string> customerIds, ConsentPolicy policy)
        {
            _customerIds = customerIds;
            Policy = policy;
        }

        /// <summary>Nothing suppressed (no store, or a store without opt-outs).</summary>
        public static ConsentSuppression None { get; } = new ConsentSuppression(new HashSet<string>(StringComparer.Ordinal), ConsentPolicy.Default);

        /// <summary>Loads the suppressed customers of <paramref name="store"/> under <paramref name="policy"/>.</summary>
        public static ConsentSuppression Load(IConsentStore store, ConsentPolicy policy)
        {
            if (store == null) throw new ArgumentNullException(nameof(store));
            if (policy == null) throw new ArgumentNullException(nameof(policy));
            return new ConsentSuppression(new HashSet<string>(store.GetSuppressedCustomerIds(policy), StringComparer.Ordinal), policy);
        }

        /// <summary>A suppression of exactly these customer IDs (for tests and for lists not kept in a store).</summary>
        public static ConsentSuppression Of(IEnumerable<string> customerIds, ConsentPolicy? policy = null) =>
            new ConsentSuppression(new HashSet<string>(customerIds ?? throw new ArgumentNullException(nameof(customerIds)), StringComparer.Ordinal), policy ?? ConsentPolicy.Default);

        /// <summary>The policy the customers were chosen by.</summary>
        public ConsentPolicy Policy { get; }

        /// <summary>How many customers are suppressed.</summary>
        public int CustomerCount => _customerIds.Count;

        /// <summary>True when no customer is suppressed (callers can skip filtering and send content unchanged).</summary>
        public bool IsEmpty => _customerIds.Count == 0;

        /// <summary>True when the rows of <paramref name="customerId"/> may not leave (exact, case-sensitive match as stored).</summary>
        public bool IsSuppressed(string? customerId) => customerId != null && customerId.Length > 0 && _customerIds.Contains(customerId);
    }
}
