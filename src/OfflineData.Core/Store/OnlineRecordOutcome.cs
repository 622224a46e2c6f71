namespace OfflineData.Core.Store
{
    /// <summary>What recording one row of online activity did.</summary>
    public enum OnlineRecordOutcome
    {
        /// <summary>The transaction ID was recorded (first occurrence) and the visitor is known.</summary>
        TransactionRecorded = 1,
        /// <summary>The row had no transaction ID; the visitor is known.</summary>
        VisitorRecorded = 2,
        /// <summary>The transaction ID was already recorded: counted, not applied; the first snapshot stays.</summary>
        DuplicateTransaction = 3,
        /// <summary>Recording is off for the report suite: nothing of the row was recorded.</summary>
        RecordingDisabled = 4,
    }
}
