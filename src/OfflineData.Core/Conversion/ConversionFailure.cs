using OfflineData.Core.Findings;

namespace OfflineData.Core.Conversion
{
    /// <summary>
    /// Why a whole source file could not be converted. Each value is a stable ErrorId of the cmdlets
    /// (see docs/errors.md, "Conversion (4xx)"). Row-level problems are <see cref="ConversionRejectReason"/>s instead.
    /// </summary>
    public enum ConversionFailure
    {
        /// <summary>The source cannot be opened or read (missing, locked, I/O error).</summary>
        SourceUnreadable = 451,
        // The container failures carry the container layer's own codes (FindingCode, OD1xx), the ones
        // Test-OfflineDataFile reports for the same damage: one set of codes for every path. 452-455 and 467
        // were their numbers before; the names (the cmdlet's ErrorIds) did not change.

        /// <summary>The source is a zip archive that cannot be read (truncated, bad central directory, an entry failing its CRC-32 or size check); as <see cref="FindingCode.CorruptArchive"/>.</summary>
        CorruptArchive = (int)FindingCode.CorruptArchive,
        /// <summary>A zip entry is password-protected; as <see cref="FindingCode.EncryptedEntry"/>.</summary>
        EncryptedEntry = (int)FindingCode.EncryptedEntry,
        /// <summary>A zip archive holds no file entry; as <see cref="FindingCode.EmptyArchive"/>.</summary>
        EmptyArchive = (int)FindingCode.EmptyArchive,
        /// <summary>A gzip stream is corrupt or truncated; as <see cref="FindingCode.CorruptCompressedStream"/>.</summary>
        CorruptCompressedStream = (int)FindingCode.CorruptCompressedStream,
        /// <summary>A zip entry uses a compression method that cannot be read; as <see cref="FindingCode.UnsupportedCompression"/>.</summary>
        UnsupportedCompression = (int)FindingCode.UnsupportedCompression,
        /// <summary>Bytes follow the end of a gzip source that do not start another gzip member; rows in them would be lost. As <see cref="FindingCode.TrailingData"/>.</summary>
        TrailingData = (int)FindingCode.TrailingData,

        /// <summary>No -Encoding was given and the source is not UTF-8 (e.g. a Windows-1252 till export).</summary>
        SourceNotUtf8 = 456,
        /// <summary>The delimiter could not be detected; give -Delimiter.</summary>
        DelimiterNotDetected = 457,
        /// <summary>A -ColumnMap entry names a source column the header does not have, or names columns while the source has no header.</summary>
        SourceColumnNotFound = 458,
        /// <summary>A mandatory target column (Timestamp, CustomerId, EventType, EventName, Num1, Num2) has no source and no constant.</summary>
        MandatoryColumnUnmapped = 459,
        /// <summary>No longer raised: a source record past the record size limit is now one rejected row (ValueTooLong or MalformedRow). Kept so 460 keeps its meaning.</summary>
        SourceRecordTooLong = 460,
        /// <summary>The destination (or the reject file) exists and -Force was not given.</summary>
        DestinationExists = 461,
        /// <summary>Source, destination and reject file must be three different files.</summary>
        SameSourceAndDestination = 462,
        /// <summary>Writing the destination or the reject file failed; nothing was left at the destination.</summary>
        WriteFailed = 463,
        /// <summary>A -ColumnMap, -Constant or time-zone argument is invalid.</summary>
        InvalidArgument = 464,
        /// <summary>The source yielded no row that could be converted (empty, header only, or every row rejected); no destination is written.</summary>
        NoRowsConverted = 465,
        /// <summary>The destination (or the reject file) names an existing directory; a file is needed.</summary>
        DestinationIsDirectory = 466,
    }
}
