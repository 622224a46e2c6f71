using System;
using System.Collections.Generic;

namespace OfflineData.Core.Store.Sqlite
{
    // The consent list (IConsentStore). Placeholder until the consent table lands (issue 12, in progress).
    public sealed partial class SqliteOfflineDataStore
    {
        /// <inheritdoc/>
        public ConsentRecordCounts RecordConsents(IEnumerable<ConsentEntry> entries) => throw new NotImplementedException("The consent list is being built (issue 12).");

        /// <inheritdoc/>
        public IEnumerable<ConsentEntry> GetConsents(ConsentQuery query) => throw new NotImplementedException("The consent list is being built (issue 12).");

        /// <inheritdoc/>
        public IEnumerable<string> GetSuppressedCustomerIds(ConsentPolicy policy) => throw new NotImplementedException("The consent list is being built (issue 12).");
    }
}
