namespace OfflineData.Core.Consent
{
    /// <summary>What consent filtering found in one file: its format, its rows and how many of them were suppressed.</summary>
    public sealed class ConsentFileScan
    {
        internal ConsentFileScan(ConsentFileFormat format, long rows, long suppressedRows, string? reason)
        {
            Format = format;
            Rows = rows;
            SuppressedRows = suppressedRows;
            Reason = reason;
        }

        /// <summary>The format recognised.</summary>
        public ConsentFileFormat Format { get; }

        /// <summary>Data rows read (not the header, comments or blank lines).</summary>
        public long Rows { get; }

        /// <summary>Rows whose customer is suppressed (left out of a filtered copy).</summary>
        public long SuppressedRows { get; }

        /// <summary>Why the rows cannot be checked (<see cref="ConsentFileFormat.Unknown"/> only), else null.</summary>
        public string? Reason { get; }

        /// <summary>True when the file's rows could be checked.</summary>
        public bool IsVerifiable => Format != ConsentFileFormat.Unknown;
    }
}
