using System.Collections.Generic;

namespace OfflineData.Core.Store
{
    /// <summary>
    /// The destinations a store's delivery ledger names, for argument completion (Get-OfflineDataDelivery -Destination).
    /// Kept apart from <see cref="IDeliveryLedger"/>: it is a convenience of the stores, not part of what a sender needs.
    /// </summary>
    internal interface IDeliveryDestinations
    {
        /// <summary>Every destination in the delivery ledger, once each, sorted (ordinal); empty when the store does not exist. Cheap: an index scan.</summary>
        IReadOnlyList<string> GetDeliveryDestinations();
    }
}
