namespace OfflineData.Core.Hashing
{
    /// <summary>What an identifier column holds; decides how its values are normalised before hashing.</summary>
    public enum IdentifierKind
    {
        /// <summary>An email address: trimmed, lowercased (Google: gmail.com/googlemail.com dots and +tag removed).</summary>
        Email,

        /// <summary>A phone number: parsed into E.164 (Google hashes it with the +, Meta without).</summary>
        Phone,

        /// <summary>A first or last name (Meta fn/ln): trimmed, lowercased, punctuation removed.</summary>
        Name,

        /// <summary>Any other text, e.g. an opaque customer ID: trimmed, lowercased, Unicode NFC.</summary>
        Text,
    }
}
