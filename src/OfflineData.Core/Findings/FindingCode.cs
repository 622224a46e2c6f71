namespace OfflineData.Core.Findings
{
    /// <summary>
    /// Stable codes of validation findings. The names and numbers never change meaning;
    /// docs/errors.md lists them all. Numbers: 1xx file and container, 2xx structure, 3xx values.
    /// </summary>
    public enum FindingCode
    {
        /// <summary>A zip archive cannot be read (truncated, bad central directory, bad CRC).</summary>
        CorruptArchive = 101,
        /// <summary>A zip entry is encrypted; entries must be stored or deflated without a password.</summary>
        EncryptedEntry = 102,
        /// <summary>A zip archive holds no file entry.</summary>
        EmptyArchive = 103,
        /// <summary>A gzip stream is corrupt or truncated.</summary>
        CorruptCompressedStream = 104,
        /// <summary>The input is UTF-16 or UTF-32 (by its byte order mark or its zero bytes), not UTF-8.</summary>
        UnsupportedEncoding = 105,
        /// <summary>A byte sequence that is not valid UTF-8.</summary>
        InvalidUtf8 = 106,
        /// <summary>The file or entry holds no data row (empty, or a header only).</summary>
        NoDataRows = 107,
        /// <summary>A zip entry uses a compression method that cannot be read.</summary>
        UnsupportedCompression = 108,
        /// <summary>Bytes follow the end of a gzip stream that do not start another gzip member; rows in them would be lost.</summary>
        TrailingData = 109,

        /// <summary>A quoted field is never closed; the reader resumes at the next record.</summary>
        UnclosedQuote = 201,
        /// <summary>A quote inside an unquoted field, or text after a closing quote.</summary>
        StrayQuote = 202,
        /// <summary>An empty line between records, or one that holds only separators (<c>;;;;;;</c>).</summary>
        BlankRow = 203,
        /// <summary>A row has fewer than the 7 mandatory fields.</summary>
        TooFewFields = 204,
        /// <summary>A header cell does not name the column at its position.</summary>
        HeaderMismatch = 205,
        /// <summary>A field is longer than the field size limit.</summary>
        FieldTooLong = 206,
        /// <summary>A record is longer than the record size limit; the rest of it is skipped.</summary>
        RecordTooLong = 207,
        /// <summary>The same row, byte for byte, appeared earlier in the file.</summary>
        DuplicateRow = 208,
        /// <summary>Duplicate detection stopped remembering new rows at its documented limit.</summary>
        DuplicateCheckLimited = 209,

        /// <summary>A mandatory field (Time Stamp, Customer ID, Event Type, Event Name, Num1, Num2) is empty.</summary>
        EmptyMandatoryField = 301,
        /// <summary>Time Stamp is not <c>yyyy-MM-dd HH:mm:ss</c> or not a real date and time.</summary>
        InvalidTimestamp = 302,
        /// <summary>Event Type is not a non-negative integer.</summary>
        InvalidEventType = 303,
        /// <summary>Num1 or Num2 is not a number with '.' as the decimal separator.</summary>
        InvalidNumber = 304,
        /// <summary>Time Stamp lies in the future.</summary>
        FutureTimestamp = 305,

        // 5xx: import and matching (issue 4): online activity input and the import itself.

        /// <summary>An online activity row has no visitor ID.</summary>
        MissingVisitorId = 501,
        /// <summary>An online activity row's timestamp is missing or not <c>yyyy-MM-dd HH:mm:ss</c> (or ISO 8601 with 'T').</summary>
        InvalidOnlineTimestamp = 502,
        /// <summary>A transaction ID is longer than 100 bytes in UTF-8.</summary>
        TransactionIdTooLong = 503,
        /// <summary>A row carries a transaction ID but transaction ID recording is off for the report suite; nothing of the row was recorded.</summary>
        RecordingDisabled = 504,
        /// <summary>A transaction ID was already recorded; the first occurrence and its snapshot stay, this row is counted and not applied.</summary>
        DuplicateTransactionId = 505,
        /// <summary>An online activity file has no header naming a timestamp and a visitor ID column.</summary>
        MissingOnlineColumn = 506,
        /// <summary>An online activity row cannot be parsed (bad quoting, wrong number of fields).</summary>
        MalformedOnlineRow = 507,

        // 6xx: consent (opt-out) files (issue 12, Import-OfflineDataConsent).

        /// <summary>A consent row's Value is not one of Adobe's consent values (y, n, p, u, LI, CT, CP, VI, PI).</summary>
        InvalidConsentValue = 601,
        /// <summary>A consent row's Time is missing or not ISO 8601 with an offset or Z.</summary>
        InvalidConsentTime = 602,
        /// <summary>A consent row has no customer ID (empty or white space).</summary>
        MissingCustomerId = 603,
        /// <summary>A consent CSV's header does not name the CustomerId, Value and Time columns (or names one twice or one unknown).</summary>
        MissingConsentColumn = 604,
        /// <summary>A consent CSV row cannot be parsed (bad quoting, more fields than the header).</summary>
        MalformedConsentRow = 605,
    }
}
