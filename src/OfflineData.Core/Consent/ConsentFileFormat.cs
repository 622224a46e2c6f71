namespace OfflineData.Core.Consent
{
    /// <summary>What a file to be sent was recognised as, for consent filtering (<see cref="ConsentFileFilter"/>).</summary>
    public enum ConsentFileFormat
    {
        /// <summary>Not a format whose rows name their customer: its rows cannot be checked against the opt-outs.</summary>
        Unknown,

        /// <summary>An offline data file (';', header optional): the customer is the second column (Customer ID).</summary>
        OfflineData,

        /// <summary>An Adobe Data Sources file (tab-delimited, header, <c>#</c> comments) with a VisitorID or customerID column.</summary>
        AdobeDataSources,

        /// <summary>A zip archive whose every file entry is one of the formats above.</summary>
        Zip,

        /// <summary>An empty file (or one of blank lines only): no row to check.</summary>
        Empty,
    }
}
