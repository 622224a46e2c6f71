using System.Collections.Generic;

namespace OfflineData.Core.Schema
{
    /// <summary>One custom attribute as a source gives it: its name, where it was seen, and what the map or values say.</summary>
    internal sealed class AttributeUse
    {
        /// <summary>How many distinct values of a column are kept for the type check.</summary>
        public const int MaxSamples = 1000;

        public AttributeUse(string name, string seenIn, string source)
        {
            Name = name;
            SeenIn = seenIn;
            Source = source;
        }

        /// <summary>The attribute's name in the source (a header cell, a -ColumnMap source column, a map's Attribute).</summary>
        public string Name { get; }

        /// <summary>Where it was seen, for people: <c>sales.csv col 23</c>, <c>-ColumnMap TransactionAttr1</c>, <c>map.csv line 2</c>.</summary>
        public string SeenIn { get; }

        /// <summary>The file (data file or map) or <c>-ColumnMap</c>.</summary>
        public string Source { get; }

        /// <summary>The target field the attribute map gives, or null (then the name is the field, under the tenant).</summary>
        public string? Field { get; set; }

        /// <summary>The type the attribute map declares, or Unknown.</summary>
        public XdmType DeclaredType { get; set; }

        /// <summary>The declared type as written.</summary>
        public string? DeclaredTypeName { get; set; }

        /// <summary>Distinct non-empty values sampled from a data file with the first place each was seen.</summary>
        public List<(string Value, string Where)> Samples { get; } = new List<(string, string)>();
    }
}
