namespace OfflineData.Core.Hashing
{
    /// <summary>
    /// Why a value could not be normalised for hashing. The names are the stable codes of the rejected row
    /// (docs/errors.md); a message about them never holds the value itself.
    /// </summary>
    public enum IdentifierFailure
    {
        /// <summary>No failure.</summary>
        None = 0,

        /// <summary>Not an email address (no single @, an empty local part, a domain without a dot, white space inside).</summary>
        InvalidEmail,

        /// <summary>Not a phone number libphonenumber can read as a valid number (with -DefaultRegion when it has no country code).</summary>
        InvalidPhone,

        /// <summary>A name with nothing left after removing punctuation and white space.</summary>
        InvalidName,
    }
}
