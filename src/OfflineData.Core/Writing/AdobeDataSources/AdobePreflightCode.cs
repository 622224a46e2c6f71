namespace OfflineData.Core.Writing.AdobeDataSources
{
    /// <summary>
    /// Why a row was not written to an Adobe Data Sources file (stable names and numbers; docs/errors.md lists them).
    /// Every code is a rule of Adobe's that would make Adobe skip the row, reject the whole file, or never match it.
    /// </summary>
    public enum AdobePreflightCode
    {
        /// <summary>The row, with its line end, is longer than the row limit (Adobe: 4096 bytes).</summary>
        AdobeRowTooLong = 1001,

        /// <summary>A dimension value holds ';' (Adobe skips such rows silently); replace it on request.</summary>
        AdobeSemicolonInDimension = 1002,

        /// <summary>The date is after the clock's now (Adobe takes only current or past dates).</summary>
        AdobeFutureDate = 1003,

        /// <summary>The row has no date (a row without a date makes Adobe reject the whole file).</summary>
        AdobeDateMissing = 1004,

        /// <summary>The row has no dimension value.</summary>
        AdobeNoDimension = 1005,

        /// <summary>The row has no metric value.</summary>
        AdobeNoMetric = 1006,

        /// <summary>The row has a Category but no Product (Adobe: Category needs Product).</summary>
        AdobeCategoryWithoutProduct = 1007,

        /// <summary>The transaction ID is longer than 100 bytes (UTF-8): no online transaction can have it.</summary>
        AdobeTransactionIdTooLong = 1008,

        /// <summary>Transaction ID template: the row has no transaction ID.</summary>
        AdobeTransactionIdMissing = 1009,

        /// <summary>Customer ID template: the row has no Customer ID.</summary>
        AdobeVisitorIdMissing = 1010,

        /// <summary>A value holds a tab or a line break (it would break the tab-delimited row); replace it on request.</summary>
        AdobeTabOrLineBreak = 1011,

        /// <summary>A value mapped to a metric is not a number.</summary>
        AdobeMetricNotNumeric = 1012,

        /// <summary>The transaction ID holds ';' (a replacement would make an ID that matches nothing).</summary>
        AdobeSemicolonInTransactionId = 1013,
    }
}
