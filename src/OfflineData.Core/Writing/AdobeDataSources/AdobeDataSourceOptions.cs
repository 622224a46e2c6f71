using System;
using OfflineData.Core.Matching;

namespace OfflineData.Core.Writing.AdobeDataSources
{
    /// <summary>How <see cref="AdobeDataSourceWriter"/> writes and splits Adobe Data Sources files.</summary>
    public sealed class AdobeDataSourceOptions
    {
        /// <summary>Adobe's limit of unique days in one file.</summary>
        public const int AdobeMaxDays = 90;

        /// <summary>Adobe's row limit in bytes.</summary>
        public const int AdobeMaxRowBytes = 4096;

        /// <summary>
        /// The default row limit, line end included: 96 bytes under Adobe's 4096, because Adobe does not say whether the
        /// line end counts, nor whether it measures before or after its own decoding.
        /// </summary>
        public const int DefaultMaxRowBytes = 4000;

        /// <summary>
        /// The default file size limit: 45 MB. Adobe pauses processing while an account holds more than 50 MB of files;
        /// a file under 45 MB leaves room for the marker files and keeps one file from filling that budget alone.
        /// </summary>
        public const long DefaultMaxFileBytes = 45L * 1024 * 1024;

        /// <summary>The template (default: transaction ID).</summary>
        public AdobeTemplate Template { get; set; } = AdobeTemplate.TransactionId;

        /// <summary>The column mapping; null for <see cref="AdobeColumnMap.Default"/> of <see cref="Template"/>.</summary>
        public AdobeColumnMap? Map { get; set; }

        /// <summary>The column of offline data files that carries the transaction ID (stored rows use the ID their import matched with).</summary>
        public TransactionIdColumn TransactionIdColumn { get; set; } = TransactionIdColumn.Default;

        /// <summary>Start of every file name: <c>&lt;prefix&gt;_0001.txt</c>, <c>&lt;prefix&gt;_0002.txt</c>, …</summary>
        public string Prefix { get; set; } = "adobe";

        /// <summary>Unique days per file, 1 to 90.</summary>
        public int MaxDays { get; set; } = AdobeMaxDays;

        /// <summary>Bytes per file (header included).</summary>
        public long MaxFileBytes { get; set; } = DefaultMaxFileBytes;

        /// <summary>Bytes per row, line end included, at most 4096.</summary>
        public int MaxRowBytes { get; set; } = DefaultMaxRowBytes;

        /// <summary>Replaces <c>;</c> in dimension values; null rejects such rows (<see cref="AdobePreflightCode.AdobeSemicolonInDimension"/>).</summary>
        public string? SemicolonReplacement { get; set; }

        /// <summary>Replaces each tab and line break (CR LF, CR or LF) in values; null rejects such rows (<see cref="AdobePreflightCode.AdobeTabOrLineBreak"/>).</summary>
        public string? TabOrLineBreakReplacement { get; set; }

        /// <summary>Where rejected rows are written (a CSV file), or null for none (they are still counted and returned).</summary>
        public string? RejectPath { get; set; }

        /// <summary>Replace existing files of the same names.</summary>
        public bool Overwrite { get; set; }

        /// <summary>Plan only: count rows, days and bytes per file, write nothing.</summary>
        public bool DryRun { get; set; }

        /// <summary>
        /// The clock for the future-date rule, in the same local time as the offline Time Stamps (null: the machine's
        /// local now). Injectable so a test or a replay decides what "future" means.
        /// </summary>
        public Func<DateTime>? Now { get; set; }

        /// <summary>Checks the settings.</summary>
        /// <exception cref="ArgumentException">A limit is out of range, or a replacement would itself break the file.</exception>
        public void Validate()
        {
            if (MaxDays < 1 || MaxDays > AdobeMaxDays) throw new ArgumentException($"MaxDays must be 1 to {AdobeMaxDays} (Adobe takes at most {AdobeMaxDays} unique days in one file); it is {MaxDays}.");
            if (MaxRowBytes < 64 || MaxRowBytes > AdobeMaxRowBytes) throw new ArgumentException($"MaxRowBytes must be 64 to {AdobeMaxRowBytes} (Adobe's row limit); it is {MaxRowBytes}.");
            if (MaxFileBytes < MaxRowBytes * 2L) throw new ArgumentException($"MaxFileBytes must leave room for a header and a row (at least {MaxRowBytes * 2L} bytes); it is {MaxFileBytes}.");
            if (string.IsNullOrWhiteSpace(Prefix) || Prefix.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0 || Prefix.IndexOfAny(new[] { '/', '\\', ':', '*', '?' }) >= 0)
            {
                throw new ArgumentException($"The prefix '{Prefix}' is not usable in a file name.");
            }

            CheckReplacement(SemicolonReplacement, "The semicolon replacement");
            CheckReplacement(TabOrLineBreakReplacement, "The tab and line break replacement");
        }

        private static void CheckReplacement(string? replacement, string what)
        {
            if (replacement == null) return;
            if (replacement.IndexOfAny(new[] { ';', '\t', '\r', '\n' }) >= 0) throw new ArgumentException($"{what} must not hold ';', a tab or a line break.");
        }
    }
}
