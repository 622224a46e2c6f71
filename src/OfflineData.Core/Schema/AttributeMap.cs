using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using CsvHelper;
using CsvHelper.Configuration;
using OfflineData.Core.Conversion;
using OfflineData.Core.Format;

namespace OfflineData.Core.Schema
{
    /// <summary>
    /// An attribute map file: CSV (comma, RFC 4180 quoting, UTF-8) with the header <c>Attribute,Field[,Type]</c>.
    /// Attribute is the name in the data (a header cell, a source column, or <c>TransactionAttr1</c> /
    /// <c>EventTransaction Attr1</c> for an unnamed attribute column); Field the target schema's field
    /// (<c>_acme.loyaltyLevel</c>, or <c>loyaltyLevel</c> under the tenant); Type optional (string, boolean, date,
    /// date-time, number, integer). Attribute names compare ignoring case; each may appear once.
    /// </summary>
    internal sealed class AttributeMap
    {
        private readonly List<Entry> entries = new List<Entry>();

        private AttributeMap(string path)
        {
            Path = path;
        }

        public string Path { get; }

        public IReadOnlyList<Entry> Entries => entries;

        /// <exception cref="SchemaException">No Attribute/Field header, an empty cell, an unknown type, a repeated attribute.</exception>
        public static AttributeMap Load(string path)
        {
            using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
            return Read(reader, path);
        }

        public static AttributeMap Read(TextReader text, string path)
        {
            var map = new AttributeMap(path);
            var config = new CsvConfiguration(CultureInfo.InvariantCulture) { DetectColumnCountChanges = false, TrimOptions = TrimOptions.Trim, BadDataFound = null, MissingFieldFound = null };
            using var csv = new CsvReader(text, config);
            if (!csv.Read() || !csv.ReadHeader())
            {
                throw Invalid(path, 1, "the file is empty; it needs the header Attribute,Field[,Type].");
            }

            var header = csv.HeaderRecord ?? Array.Empty<string>();
            int attribute = Array.FindIndex(header, h => h.Equals("Attribute", StringComparison.OrdinalIgnoreCase));
            int field = Array.FindIndex(header, h => h.Equals("Field", StringComparison.OrdinalIgnoreCase));
            int type = Array.FindIndex(header, h => h.Equals("Type", StringComparison.OrdinalIgnoreCase));
            if (attribute < 0 || field < 0)
            {
                throw Invalid(path, 1, $"the header is '{string.Join(",", header)}'; it must name the columns Attribute and Field (and optionally Type).");
            }

            while (csv.Read())
            {
                long line = csv.Parser.RawRow;
                string Cell(int i) => i >= 0 && i < csv.Parser.Count ? (csv.GetField(i) ?? string.Empty).Trim() : string.Empty;
                var name = Cell(attribute);
                var target = Cell(field);
                var typeName = Cell(type);
                if (name.Length == 0 && target.Length == 0 && typeName.Length == 0) continue;
                if (name.Length == 0 || target.Length == 0)
                {
                    throw Invalid(path, line, "every row needs an Attribute and a Field.");
                }

                var parsed = typeName.Length == 0 ? XdmType.Unknown : XdmTypes.Parse(typeName);
                if (typeName.Length > 0 && (parsed == XdmType.Unknown || parsed == XdmType.Object || parsed == XdmType.Array))
                {
                    throw Invalid(path, line, $"'{typeName}' is not an attribute type; use string, boolean, date, date-time, number or integer.");
                }

                var earlier = map.Find(name);
                if (earlier != null)
                {
                    throw Invalid(path, line, $"the attribute '{name}' is mapped twice (line {earlier.Line} too); map it once.");
                }

                map.entries.Add(new Entry(name, target, parsed, typeName.Length == 0 ? null : typeName, line));
            }

            return map;
        }

        /// <summary>The entry for an attribute name: the same name ignoring case, or the same numbered attribute column (<c>TransactionAttr1</c> = <c>EventTransaction Attr1</c>).</summary>
        public Entry? Find(string name)
        {
            var exact = entries.FirstOrDefault(e => e.Attribute.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (exact != null) return exact;
            int column = ColumnMapping.TryResolveTarget(name);
            return column > OfflineDataSchema.NamedColumnCount ? entries.FirstOrDefault(e => ColumnMapping.TryResolveTarget(e.Attribute) == column) : null;
        }

        private static SchemaException Invalid(string path, long line, string what) =>
            new SchemaException(SchemaFailure.AttributeMapInvalid, $"{path}, line {line}: {what}", path, line);

        /// <summary>One row of the map.</summary>
        internal sealed class Entry
        {
            public Entry(string attribute, string field, XdmType type, string? typeName, long line)
            {
                Attribute = attribute;
                Field = field;
                Type = type;
                TypeName = typeName;
                Line = line;
            }

            public string Attribute { get; }

            public string Field { get; }

            public XdmType Type { get; }

            public string? TypeName { get; }

            public long Line { get; }
        }
    }
}
