using System;
using System.Collections.Generic;

namespace OfflineData.Core.Store.Transfer
{
    /// <summary>
    /// What a destination store records about a copy into it from one source: when it began, whether it completed,
    /// and per table the key of the last item written (in the same transaction as that item's batch).
    /// </summary>
    internal sealed class StoreCopyMarker
    {
        /// <summary>Creates a marker.</summary>
        public StoreCopyMarker(string source, DateTimeOffset startedAt, DateTimeOffset? completedAt, IReadOnlyDictionary<StoreContentTable, StoreContentKey> positions)
        {
            Source = source;
            StartedAt = startedAt;
            CompletedAt = completedAt;
            Positions = positions;
        }

        /// <summary>The source store's display name.</summary>
        public string Source { get; }

        /// <summary>When the copy was (last) begun from the start.</summary>
        public DateTimeOffset StartedAt { get; }

        /// <summary>When the copy completed, or null while it is partial.</summary>
        public DateTimeOffset? CompletedAt { get; }

        /// <summary>Per table the last key written; a table not listed has had nothing written yet.</summary>
        public IReadOnlyDictionary<StoreContentTable, StoreContentKey> Positions { get; }
    }
}
