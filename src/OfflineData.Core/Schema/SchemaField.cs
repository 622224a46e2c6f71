namespace OfflineData.Core.Schema
{
    /// <summary>One field of the flattened schema: its dotted path from the root (<c>_acme.loyaltyLevel</c>) and type.</summary>
    internal sealed class SchemaField
    {
        public SchemaField(string path, XdmType type, string typeName)
        {
            Path = path;
            Type = type;
            TypeName = typeName;
        }

        /// <summary>The dotted path, as the schema spells it.</summary>
        public string Path { get; }

        /// <summary>The type family the checks compare.</summary>
        public XdmType Type { get; }

        /// <summary>The type as the schema names it (<c>meta:xdmType</c>, e.g. <c>long</c>, or <c>type</c>).</summary>
        public string TypeName { get; }

        /// <summary>The last segment of the path.</summary>
        public string Leaf => Path.Substring(Path.LastIndexOf('.') + 1);

        public override string ToString() => Path + ":" + TypeName;
    }
}
