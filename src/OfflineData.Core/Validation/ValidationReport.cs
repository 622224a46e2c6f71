using System;
using System.Collections.Generic;
using OfflineData.Core.Containers;
using OfflineData.Core.Findings;

namespace OfflineData.Core.Validation
{
    /// <summary>The result of validating one file (all entries of a zip together; findings name their entry).</summary>
    public sealed class ValidationReport
    {
        internal ValidationReport(
            string path,
            ContainerFormat format,
            IReadOnlyList<string> entries,
            bool byteOrderMark,
            int headerRows,
            long rowCount,
            long invalidRowCount,
            long errorCount,
            long warningCount,
            IReadOnlyList<Finding> findings,
            bool findingsTruncated,
            IReadOnlyList<FindingCount> codeCounts,
            long bytes,
            TimeSpan elapsed)
        {
            Path = path;
            FormatValue = format;
            // Lists whose text is their items, so Export-Csv writes them readably.
            Entries = new ReadableList<string>(entries);
            HasByteOrderMark = byteOrderMark;
            HeaderRows = headerRows;
            RowCount = rowCount;
            InvalidRowCount = invalidRowCount;
            ErrorCount = errorCount;
            WarningCount = warningCount;
            Findings = new FindingList(findings);
            FindingsTruncated = findingsTruncated;
            CodeCounts = new ReadableList<FindingCount>(codeCounts);
            Bytes = bytes;
            Elapsed = elapsed;
        }

        /// <summary>The file validated.</summary>
        public string Path { get; }

        /// <summary>The file's name without its folder.</summary>
        public string Name => System.IO.Path.GetFileName(Path);

        /// <summary>Plain, Zip or Gzip (a string, so that ConvertTo-Json and Export-Csv write the name in both PowerShell editions).</summary>
        public string Format => FormatValue.ToString();

        /// <summary>The container format, typed.</summary>
        internal ContainerFormat FormatValue { get; }

        /// <summary>The zip entries read (empty for plain and gzip files).</summary>
        public IReadOnlyList<string> Entries { get; }

        /// <summary>Whether the text starts with a UTF-8 byte order mark (accepted).</summary>
        public bool HasByteOrderMark { get; }

        /// <summary>How many header rows were found (one per entry at most).</summary>
        public int HeaderRows { get; }

        /// <summary>Data rows read (header and blank lines not counted).</summary>
        public long RowCount { get; }

        /// <summary>Data rows without errors (warnings allowed).</summary>
        public long ValidRowCount => RowCount - InvalidRowCount;

        /// <summary>Data rows with at least one error.</summary>
        public long InvalidRowCount { get; }

        /// <summary>All Error findings, listed or not.</summary>
        public long ErrorCount { get; }

        /// <summary>All Warning findings, listed or not.</summary>
        public long WarningCount { get; }

        /// <summary>True when there is no Error finding.</summary>
        public bool IsValid => ErrorCount == 0;

        /// <summary>The findings, in file order, up to the listing limit.</summary>
        public IReadOnlyList<Finding> Findings { get; }

        /// <summary>True when more findings were counted than listed (the counts stay exact).</summary>
        public bool FindingsTruncated { get; }

        /// <summary>Exact counts per finding code.</summary>
        public IReadOnlyList<FindingCount> CodeCounts { get; }

        /// <summary>The file's size in bytes.</summary>
        public long Bytes { get; }

        /// <summary>How long validation took.</summary>
        public TimeSpan Elapsed { get; }
    }
}
