using System;
using System.Collections.Generic;
using System.Linq;

namespace OfflineData.Core.Exporting
{
    /// <summary>One batch of a history export: its range, rows and files.</summary>
    public sealed class ExportBatchResult
    {
        /// <summary>Creates a result.</summary>
        public ExportBatchResult(string reportSuite, int batch, DateTime from, DateTime to, long rows, long rejected, IReadOnlyList<string> files, long bytes, ExportBatchStatus status, ExportFormat format, long suppressedRows = 0)
        {
            SuppressedRows = suppressedRows;
            ReportSuite = reportSuite;
            Batch = batch;
            From = from;
            To = to;
            Rows = rows;
            Rejected = rejected;
            Files = files ?? Array.Empty<string>();
            Bytes = bytes;
            StatusValue = status;
            FormatValue = format;
        }

        /// <summary>Rows not written per reason code (e.g. InvalidEmail, AdobeTransactionIdMissing), codes in ordinal order; empty when none.</summary>
        public IReadOnlyDictionary<string, long> RejectCounts { get; internal set; } = new SortedDictionary<string, long>(StringComparer.Ordinal);

        /// <summary>The report suite exported.</summary>
        public string ReportSuite { get; }

        /// <summary>The batch number, from 1.</summary>
        public int Batch { get; }

        /// <summary>The start of the batch's range (batches by rows: its first row's time).</summary>
        public DateTime From { get; }

        /// <summary>The end of the batch's range, exclusive (batches by rows: just after its last row's time).</summary>
        public DateTime To { get; }

        /// <summary>Rows written to the batch's files.</summary>
        public long Rows { get; }

        /// <summary>Rows the Adobe pre-flight refused (AdobeDataSources only; in the reject file).</summary>
        public long Rejected { get; }

        /// <summary>
        /// The consent policy the batch was written under (e.g. <c>collect = n</c>): Send-OfflineDataFile binds it by
        /// property name and trusts the batch's files to hold no customer that policy suppresses.
        /// </summary>
        public string ConsentPolicy { get; internal set; } = Store.ConsentPolicy.Default.ToString();

        /// <summary>Rows of the batch's range left out because their customer opted out (consent suppression).</summary>
        public long SuppressedRows { get; }

        /// <summary>The batch's files (full paths); an Adobe batch may be split into several.</summary>
        public IReadOnlyList<string> Files { get; }

        /// <summary>The first (usually only) file.</summary>
        public string? Path => Files.FirstOrDefault();

        /// <summary>Bytes in the files.</summary>
        public long Bytes { get; }

        /// <summary>Written or Skipped; Withheld only where a caller is told of a batch that wrote nothing (never in the output).</summary>
        public string Status => StatusValue.ToString();

        internal ExportBatchStatus StatusValue { get; }

        /// <summary>The format written, as its name (so JSON and CSV output show the name).</summary>
        public string Format => FormatValue.ToString();

        internal ExportFormat FormatValue { get; }
    }
}
