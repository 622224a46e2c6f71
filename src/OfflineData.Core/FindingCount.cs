namespace OfflineData.Core
{
    /// <summary>How many findings of one code a file had (exact, even when the listed findings were capped).</summary>
    public sealed class FindingCount
    {
        /// <summary>Creates a count.</summary>
        public FindingCount(FindingCode code, long count)
        {
            Code = code;
            Count = count;
        }

        /// <summary>The finding code.</summary>
        public FindingCode Code { get; }

        /// <summary>Error or Warning.</summary>
        public FindingSeverity Severity => FindingCodeInfo.SeverityOf(Code);

        /// <summary>How many times it was found.</summary>
        public long Count { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Code}={Count}";
    }
}
