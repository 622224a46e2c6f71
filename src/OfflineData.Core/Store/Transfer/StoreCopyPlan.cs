using System.Collections.Generic;

namespace OfflineData.Core.Store.Transfer
{
    /// <summary>What a copy will do, told before anything is written (what -WhatIf and -Confirm show).</summary>
    internal sealed class StoreCopyPlan
    {
        public StoreCopyPlan(StoreCopyMode mode, IReadOnlyDictionary<StoreContentTable, long> sourceCounts, IReadOnlyDictionary<StoreContentTable, long> destinationCounts, StoreCopyMarker? marker)
        {
            Mode = mode;
            SourceCounts = sourceCounts;
            DestinationCounts = destinationCounts;
            Marker = marker;
        }

        /// <summary>New, resumed or merged.</summary>
        public StoreCopyMode Mode { get; }

        /// <summary>How many items each table of the source holds.</summary>
        public IReadOnlyDictionary<StoreContentTable, long> SourceCounts { get; }

        /// <summary>How many items each table of the destination holds now.</summary>
        public IReadOnlyDictionary<StoreContentTable, long> DestinationCounts { get; }

        /// <summary>The destination's marker of an earlier copy from the same source, or null.</summary>
        public StoreCopyMarker? Marker { get; }
    }
}
