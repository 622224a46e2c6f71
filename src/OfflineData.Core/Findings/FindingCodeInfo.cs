namespace OfflineData.Core.Findings
{
    /// <summary>Facts about each <see cref="FindingCode"/>.</summary>
    internal static class FindingCodeInfo
    {
        /// <summary>The severity a finding with this code always has.</summary>
        public static FindingSeverity SeverityOf(FindingCode code)
        {
            switch (code)
            {
                case FindingCode.BlankRow:
                case FindingCode.DuplicateRow:
                case FindingCode.DuplicateCheckLimited:
                case FindingCode.FutureTimestamp:
                case FindingCode.NoDataRows:
                case FindingCode.DuplicateTransactionId:
                    return FindingSeverity.Warning;
                default:
                    return FindingSeverity.Error;
            }
        }
    }
}
