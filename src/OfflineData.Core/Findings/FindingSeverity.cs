namespace OfflineData.Core.Findings
{
    /// <summary>How serious a validation finding is.</summary>
    public enum FindingSeverity
    {
        /// <summary>The row or file cannot be used as it is; a row with an error is rejected.</summary>
        Error = 0,
        /// <summary>Worth a look, but the row is still valid and is imported.</summary>
        Warning = 1,
    }
}
