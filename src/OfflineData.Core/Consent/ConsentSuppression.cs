using System;
using System.Collections.Generic;
using OfflineData.Core.Hashing;
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
        private HashSet<string>? _hashedForms;

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

        /// <summary>
        /// True when the rows of <paramref name="customerId"/> may not leave: the ID as stored (exact, case-sensitive), or
        /// — for a value that is a SHA-256 hash (64 hex characters, or Google's Base64) — the hash of a suppressed ID as
        /// Convert-OfflineDataFile -HashColumn writes it with either profile and any kind (Email, Phone, Name, Text), so a
        /// file hashed before it is sent still loses its opted-out customers' rows. A phone number written without its
        /// country code in the opt-out list is matched only by its exact form (its region is not known here).
        /// </summary>
        public bool IsSuppressed(string? customerId)
        {
            if (customerId == null || customerId.Length == 0 || _customerIds.Count == 0) return false;
            if (_customerIds.Contains(customerId)) return true;
            var hash = AsHash(customerId);
            return hash != null && HashedForms().Contains(hash);
        }

        /// <summary>The value as a comparable hash (hex lowercased), or null when it is not shaped like one.</summary>
        private static string? AsHash(string value)
        {
            var trimmed = value.Trim();
            if (trimmed.Length == 64)
            {
                foreach (var c in trimmed)
                {
                    if (!Uri.IsHexDigit(c)) return null;
                }

                return trimmed.ToLowerInvariant();
            }

            return trimmed.Length == 44 && trimmed[43] == '=' ? trimmed : null;
        }

        /// <summary>Every hash a suppressed ID can have been written as; built once, on the first hashed value asked about.</summary>
        private HashSet<string> HashedForms()
        {
            lock (_customerIds)
            {
                if (_hashedForms != null) return _hashedForms;
                var forms = new HashSet<string>(StringComparer.Ordinal);
                var hashers = new[]
                {
                    new IdentifierHasher(HashProfile.Google, HashEncoding.Hex),
                    new IdentifierHasher(HashProfile.Google, HashEncoding.Base64),
                    new IdentifierHasher(HashProfile.Meta, HashEncoding.Hex),
                };
                var kinds = (IdentifierKind[])Enum.GetValues(typeof(IdentifierKind));
                foreach (var id in _customerIds)
                {
                    foreach (var hasher in hashers)
                    {
                        foreach (var kind in kinds)
                        {
                            if (hasher.TryHash(id, kind, out var hash, out _) && hash.Length > 0) forms.Add(hash);
                        }
                    }
                }

                return _hashedForms = forms;
            }
        }
    }
}
