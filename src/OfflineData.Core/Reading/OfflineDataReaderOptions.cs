using System;
using OfflineData.Core.Format;

namespace OfflineData.Core.Reading
{
    /// <summary>How <see cref="OfflineDataReader"/> reads and checks a file.</summary>
    public sealed class OfflineDataReaderOptions
    {
        /// <summary>The default field size limit: 32 KiB of UTF-8.</summary>
        public const int DefaultMaxFieldLength = 32 * 1024;

        /// <summary>The default record size limit: 1 MiB of UTF-8.</summary>
        public const int DefaultMaxRecordLength = 1024 * 1024;

        /// <summary>The default number of distinct rows remembered for the duplicate check.</summary>
        public const int DefaultDuplicateCheckCapacity = 2 * 1024 * 1024;

        /// <summary>Header detection; <see cref="HeaderMode.Auto"/> by default.</summary>
        public HeaderMode Header { get; set; } = HeaderMode.Auto;

        /// <summary>A field longer than this many bytes is a FieldTooLong error.</summary>
        public int MaxFieldLength { get; set; } = DefaultMaxFieldLength;

        /// <summary>
        /// A record longer than this many bytes is a RecordTooLong error and the rest of it is skipped,
        /// so a file without line breaks cannot exhaust memory. The read buffer is sized from it.
        /// </summary>
        public int MaxRecordLength { get; set; } = DefaultMaxRecordLength;

        /// <summary>Whether exact duplicate rows are reported (as warnings).</summary>
        public bool CheckDuplicates { get; set; } = true;

        /// <summary>
        /// How many distinct rows the duplicate check remembers (8 bytes each). Past it, later rows are
        /// still compared with the remembered ones but not remembered themselves, and a
        /// DuplicateCheckLimited warning says so: memory stays bounded whatever the file size.
        /// </summary>
        public int DuplicateCheckCapacity { get; set; } = DefaultDuplicateCheckCapacity;

        /// <summary>"Now" for the future-timestamp warning, in the file's local time; null means <see cref="DateTime.Now"/>.</summary>
        public DateTime? Now { get; set; }

        internal void Validate()
        {
            if (MaxFieldLength < 16) throw new ArgumentOutOfRangeException(nameof(MaxFieldLength), MaxFieldLength, "The field size limit must be at least 16 bytes.");
            if (MaxRecordLength < MaxFieldLength) throw new ArgumentOutOfRangeException(nameof(MaxRecordLength), MaxRecordLength, "The record size limit must be at least the field size limit.");
            if (MaxRecordLength > 256 * 1024 * 1024) throw new ArgumentOutOfRangeException(nameof(MaxRecordLength), MaxRecordLength, "The record size limit must be at most 256 MiB.");
            if (DuplicateCheckCapacity < 0) throw new ArgumentOutOfRangeException(nameof(DuplicateCheckCapacity));
        }
    }
}
