using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace OfflineData.Core.Conversion
{
    /// <summary>How <see cref="OfflineDataConverter"/> reads a source export and writes the offline data file.</summary>
    public sealed class ConversionOptions
    {
        /// <summary>The limit on one converted field, in UTF-8 bytes (the validator's field limit, 32 KiB).</summary>
        public const int DefaultMaxFieldBytes = 32 * 1024;

        /// <summary>The limit on one converted row, in UTF-8 bytes (the validator's record limit, 1 MiB).</summary>
        public const int DefaultMaxRecordBytes = 1024 * 1024;

        /// <summary>The source delimiter; null = detect among <c>,</c> <c>;</c> tab <c>|</c>.</summary>
        public char? Delimiter { get; set; }

        /// <summary>Whether the source's first row is a header; null = decide from the first row.</summary>
        public bool? SourceHasHeader { get; set; }

        /// <summary>The source encoding when it has no byte order mark; null = UTF-8 (and refuse a source that is not).</summary>
        public Encoding? Encoding { get; set; }

        /// <summary>Target column to source column/constant; null = the source maps itself (by header names, or by position).</summary>
        public ColumnMapping? Mapping { get; set; }

        /// <summary>Append the source columns no mapping uses as EventTransaction attributes, in source order.</summary>
        public bool UnmappedToTransactionAttributes { get; set; }

        /// <summary>Timestamp formats (.NET custom formats) tried in order; empty = ISO forms then the culture's forms.</summary>
        public IList<string> TimestampFormats { get; set; } = new List<string>();

        /// <summary>Culture of numbers and dates in the source (e.g. de-DE for <c>1.234,56</c>); default invariant.</summary>
        public CultureInfo Culture { get; set; } = CultureInfo.InvariantCulture;

        /// <summary>The zone the source's local times are in; null = none (no daylight-saving checks).</summary>
        public TimeZoneInfo? SourceTimeZone { get; set; }

        /// <summary>The zone to write times in; null = the source zone.</summary>
        public TimeZoneInfo? TargetTimeZone { get; set; }

        /// <summary>What to do with a local time that occurs twice when converting between zones.</summary>
        public AmbiguousTimeHandling AmbiguousTime { get; set; } = AmbiguousTimeHandling.Reject;

        /// <summary>Write a header row in the output (default true).</summary>
        public bool WriteHeader { get; set; } = true;

        /// <summary>Zip the output (also implied by a <c>.zip</c> destination).</summary>
        public bool Compress { get; set; }

        /// <summary>Where rejected rows go; null = next to the destination, <c>name.rejects.ext</c>. Created only when a row is rejected.</summary>
        public string? RejectPath { get; set; }

        /// <summary>Replace an existing destination and reject file (-Force).</summary>
        public bool Overwrite { get; set; }

        /// <summary>
        /// The columns to hash and how (-HashColumn, -HashProfile, ...); null = none. Without
        /// <see cref="Hashing.ColumnHashing.IncludeRawValue"/> the reject file shows the hashed columns' sources hashed or masked.
        /// </summary>
        public Hashing.ColumnHashing? Hashing { get; set; }

        /// <summary>The largest converted field, in UTF-8 bytes.</summary>
        public int MaxFieldBytes { get; set; } = DefaultMaxFieldBytes;

        /// <summary>The largest converted row, in UTF-8 bytes.</summary>
        public int MaxRecordBytes { get; set; } = DefaultMaxRecordBytes;

        /// <summary>
        /// The most one source record may span, in bytes of its UTF-8 text (after transcoding; the same as characters for
        /// ASCII): bounds memory on a file without line breaks. The name is kept from when it counted characters.
        /// </summary>
        public long MaxSourceRecordChars { get; set; } = 4L * 1024 * 1024;
    }
}
