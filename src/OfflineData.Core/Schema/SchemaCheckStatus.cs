namespace OfflineData.Core.Schema
{
    /// <summary>How a custom attribute's name compares with the target schema's field.</summary>
    public enum SchemaCheckStatus
    {
        /// <summary>The schema has the field with exactly this name, and nothing contradicts its type.</summary>
        Exact = 0,

        /// <summary>The schema has the field, but spelt with other upper/lower case (XDM names are case-sensitive).</summary>
        CaseOnly = 1,

        /// <summary>The schema has no such field (see the suggestion).</summary>
        Missing = 2,

        /// <summary>The field exists, but the map's declared type or a sampled value contradicts the schema's type.</summary>
        TypeMismatch = 3,
    }
}
