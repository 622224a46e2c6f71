using System;

namespace OfflineData.Core.Writing.AdobeDataSources
{
    /// <summary>One Adobe Data Sources file written (or, for a dry run, planned).</summary>
    public sealed class AdobeDataSourceFile
    {
        internal AdobeDataSourceFile(string path, int sequence, long rows, int days, DateTime firstDate, DateTime lastDate, long bytes, bool written, long suppressedRows = 0)
        {
            SuppressedRows = suppressedRows;
            FullName = path;
            Sequence = sequence;
            Rows = rows;
            Days = days;
            FirstDate = firstDate;
            LastDate = lastDate;
            Bytes = bytes;
            Written = written;
        }

        /// <summary>The full path of the file (named as FileInfo's, so scripts handle both alike).</summary>
        public string FullName { get; }

        /// <summary>The file's name.</summary>
        public string Name => System.IO.Path.GetFileName(FullName);

        /// <summary>1 for the first file of a run, 2 for the next, … (the number in the name).</summary>
        public int Sequence { get; }

        /// <summary>Data rows (header not counted).</summary>
        public long Rows { get; }

        /// <summary>
        /// Rows left out because their customer opted out (consent suppression), counted with the file being written when
        /// they came (those after the last file: with the last file).
        /// </summary>
        public long SuppressedRows { get; }

        /// <summary>
        /// The consent policy the rows were filtered by (e.g. <c>collect = n</c>), or null when they were not checked
        /// (-SkipConsentCheck): Send-OfflineDataFile binds it by property name.
        /// </summary>
        public string? ConsentPolicy { get; set; }

        /// <summary>Unique days of the rows' dates.</summary>
        public int Days { get; }

        /// <summary>The earliest date in the file.</summary>
        public DateTime FirstDate { get; }

        /// <summary>The latest date in the file.</summary>
        public DateTime LastDate { get; }

        /// <summary>The file's size in bytes.</summary>
        public long Bytes { get; }

        /// <summary>False for a dry run: the file was only planned.</summary>
        public bool Written { get; }

        /// <inheritdoc />
        public override string ToString() => FullName;
    }
}
