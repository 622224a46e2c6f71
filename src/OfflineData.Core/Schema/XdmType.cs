namespace OfflineData.Core.Schema
{
    /// <summary>The type of a schema field, from <c>meta:xdmType</c> (preferred) or JSON Schema <c>type</c>/<c>format</c>.</summary>
    internal enum XdmType
    {
        Unknown = 0,
        String,
        Boolean,
        Date,
        DateTime,
        Number,
        Integer,
        Object,
        Array,
    }
}
