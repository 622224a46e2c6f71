namespace OfflineData.Core.Store
{
    /// <summary>What recording a set of consent entries did.</summary>
    public sealed class ConsentRecordCounts
    {
        /// <summary>Entries stored.</summary>
        public long Recorded { get; set; }

        /// <summary>Entries already in the store (same customer, scope, value and time), not stored twice.</summary>
        public long AlreadyRecorded { get; set; }
    }
}
