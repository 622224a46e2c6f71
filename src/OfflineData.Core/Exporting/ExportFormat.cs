namespace OfflineData.Core.Exporting
{
    /// <summary>The file formats a history export writes.</summary>
    public enum ExportFormat
    {
        /// <summary>The offline data format (';', 23+ columns, header): re-importable, checked by Test-OfflineDataFile.</summary>
        OfflineData,

        /// <summary>Adobe Analytics Data Sources files (tab-separated, with the pre-flight and file splitting of Export-AdobeDataSource).</summary>
        AdobeDataSources,

        /// <summary>CSV (',', RFC 4180) with the stored match: outcome, reason, credited visitor and state.</summary>
        Csv,

        /// <summary>JSON Lines: one JSON object per row, with the stored match and the state as an object.</summary>
        JsonLines,
    }
}
