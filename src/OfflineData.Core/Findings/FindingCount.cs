namespace OfflineData.Core.Findings
{
    /// <summary>How many findings of one code a file had (exact, even when the listed findings were capped).</summary>
    public sealed class FindingCount
    {
        /// <summary>Creates a count.</summary>
        public FindingCount(FindingCode code, long count)
        {
            CodeValue = code;
            Count = count;
        }

        /// <summary>The finding code, by name (a string, so that ConvertTo-Json and Export-Csv write the name).</summary>
        public string Code => CodeValue.ToString();

        /// <summary>Error or Warning.</summary>
        public string Severity => FindingCodeInfo.SeverityOf(CodeValue).ToString();

        /// <summary>The code, typed.</summary>
        internal FindingCode CodeValue { get; }

        /// <summary>The severity, typed.</summary>
        internal FindingSeverity SeverityValue => FindingCodeInfo.SeverityOf(CodeValue);

        /// <summary>How many times it was found.</summary>
        public long Count { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Code}={Count}";
    }
}
