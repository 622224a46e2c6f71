namespace OfflineData.Core.Conversion
{
    /// <summary>
    /// Why one source row was not converted. The row goes to the reject file with its line and this code
    /// (documented in docs/errors.md, "Conversion (4xx)"); numbers never change meaning.
    /// </summary>
    public enum ConversionRejectReason
    {
        /// <summary>The row has fewer fields than a mapped source column needs.</summary>
        MissingField = 401,
        /// <summary>A mandatory value (Timestamp, CustomerId, EventType, EventName, Num1, Num2) is empty.</summary>
        EmptyMandatoryValue = 402,
        /// <summary>The timestamp matches none of the -TimestampFormat formats (or the culture's date forms).</summary>
        InvalidTimestamp = 403,
        /// <summary>Num1 or Num2 is not a number in the given culture (e.g. <c>1.234,56</c> under de-DE).</summary>
        InvalidNumber = 404,
        /// <summary>EventType is not a non-negative integer.</summary>
        InvalidEventType = 405,
        /// <summary>The local time does not exist in the source time zone (clocks jumped forward over it).</summary>
        NonexistentLocalTime = 406,
        /// <summary>The local time exists twice in the source time zone (clocks went back) and must be converted to another zone.</summary>
        AmbiguousLocalTime = 407,
        /// <summary>The row's quoting is broken (a quote inside an unquoted field or text after a closing quote).</summary>
        MalformedRow = 408,
        /// <summary>A value is longer than the offline data format allows for one field.</summary>
        ValueTooLong = 409,
        /// <summary>The row holds bytes the source encoding cannot decode (U+FFFD); give the right -Encoding.</summary>
        UndecodableText = 410,
        /// <summary>The converted timestamp lies outside the years 0001-9999.</summary>
        TimestampOutOfRange = 411,
        /// <summary>A column hashed as Email does not hold an email address (the value is not shown unless asked).</summary>
        InvalidEmail = 412,
        /// <summary>A column hashed as Phone does not hold a valid phone number (the value is not shown unless asked).</summary>
        InvalidPhone = 413,
        /// <summary>A column hashed as Name holds nothing but punctuation and white space.</summary>
        InvalidName = 414,
    }
}
