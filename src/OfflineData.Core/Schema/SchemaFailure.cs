namespace OfflineData.Core.Schema
{
    /// <summary>Why a target schema or an attribute map could not be read (stable names; docs/errors.md lists them).</summary>
    public enum SchemaFailure
    {
        /// <summary>The schema file is not valid JSON (the position is the JSON reader's).</summary>
        SchemaInvalidJson = 1,

        /// <summary>A <c>$ref</c> names no definition of the document.</summary>
        SchemaRefNotFound = 2,

        /// <summary>The schema has more than one tenant namespace candidate (<c>_acme</c>, <c>_other</c>).</summary>
        SchemaTenantAmbiguous = 3,

        /// <summary>A line of a plain field list is not a dotted name with an optional known type.</summary>
        SchemaInvalidFieldList = 4,

        /// <summary>A row of an attribute map file is not <c>Attribute,Field[,Type]</c> with a known type.</summary>
        AttributeMapInvalid = 5,
    }
}
