using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using OfflineData.Core.Conversion;
using OfflineData.Core.Format;
using OfflineData.Core.Reading;

namespace OfflineData.Core.Schema
{
    /// <summary>
    /// Finds the custom attributes a mapping gives: the named EventTransaction attribute columns of offline data files,
    /// the source columns a Convert-OfflineDataFile -ColumnMap sends to transaction attributes, and the rows of an
    /// attribute map file. A column still called <c>EventTransaction AttrN</c> (the format's own name) has no custom
    /// name of its own and counts only when the attribute map names it.
    /// </summary>
    internal static class AttributeCollector
    {
        /// <summary>How many data rows of a file are sampled for the type check.</summary>
        public const int SampleRows = 1000;

        /// <summary>The attribute columns of an offline data file (every entry of a zip), with value samples from its first <see cref="SampleRows"/> rows.</summary>
        public static List<AttributeUse> FromDataFile(string path, AttributeMap? map, CancellationToken cancellation = default)
        {
            var uses = new List<AttributeUse>();
            var byColumn = new Dictionary<(string?, int), AttributeUse>();
            var options = new OfflineDataReaderOptions { CheckDuplicates = false };
            using var reader = OfflineDataReader.Open(path, options);
            var fileName = System.IO.Path.GetFileName(path);
            long rows = 0;
            string? lastEntry = null;
            IReadOnlyList<string>? lastHeader = null;
            bool first = true;
            while (rows < SampleRows && reader.Read())
            {
                cancellation.ThrowIfCancellationRequested();
                var where = reader.Entry == null ? fileName : fileName + ":" + reader.Entry;
                if (first || reader.Entry != lastEntry || !ReferenceEquals(reader.HeaderCells, lastHeader))
                {
                    first = false;
                    lastEntry = reader.Entry;
                    lastHeader = reader.HeaderCells;
                    byColumn.Clear();
                    for (int j = OfflineDataSchema.NamedColumnCount; j < Math.Max(reader.FieldCount, reader.HeaderCells?.Count ?? 0); j++)
                    {
                        var name = reader.HeaderCells != null && j < reader.HeaderCells.Count ? reader.HeaderCells[j].Trim() : OfflineDataSchema.GetColumnName(j + 1);
                        var use = Describe(name, $"{where} col {(j + 1).ToString(CultureInfo.InvariantCulture)}", path, map);
                        if (use == null) continue;
                        var existing = uses.FirstOrDefault(u => u.Name == use.Name && u.Field == use.Field);
                        if (existing == null) uses.Add(use);
                        byColumn[(reader.Entry, j)] = existing ?? use;
                    }
                }

                rows++;
                foreach (var pair in byColumn)
                {
                    int j = pair.Key.Item2;
                    if (j >= reader.FieldCount) continue;
                    var value = reader.GetString(j);
                    var samples = pair.Value.Samples;
                    if (value.Trim().Length == 0 || samples.Count >= AttributeUse.MaxSamples || samples.Any(s => s.Value == value)) continue;
                    samples.Add((value, $"{where} line {reader.Line.ToString(CultureInfo.InvariantCulture)}"));
                }
            }

            return uses;
        }

        /// <summary>
        /// The transaction attributes a -ColumnMap produces from named source columns (<c>TransactionAttributes =
        /// 'Loyalty', 'Newsletter'</c>, <c>TransactionAttr3 = 'Tier'</c>). A column given by number has no name, so it
        /// counts only when the attribute map names its target (<c>TransactionAttr2</c>).
        /// </summary>
        /// <exception cref="ArgumentException">The map is not one Convert-OfflineDataFile accepts (the same message).</exception>
        public static List<AttributeUse> FromColumnMap(IDictionary columnMap, AttributeMap? map)
        {
            var mapping = ColumnMapping.Create(columnMap, null);
            var uses = new List<AttributeUse>();
            foreach (var pair in mapping.Sources.Where(p => p.Key > OfflineDataSchema.NamedColumnCount))
            {
                var target = ColumnPlan.TargetName(pair.Key);
                var name = pair.Value.Name ?? target;
                var entry = map?.Find(name) ?? map?.Find(target);
                if (pair.Value.Name == null && entry == null) continue;
                uses.Add(new AttributeUse(name, "-ColumnMap " + target, "-ColumnMap")
                {
                    Field = entry?.Field,
                    DeclaredType = entry?.Type ?? XdmType.Unknown,
                    DeclaredTypeName = entry?.TypeName,
                });
            }

            return uses;
        }

        /// <summary>Every row of an attribute map, when no data file or column map gives the attributes.</summary>
        public static List<AttributeUse> FromAttributeMap(AttributeMap map) =>
            map.Entries.Select(e => new AttributeUse(e.Attribute, $"{System.IO.Path.GetFileName(map.Path)} line {e.Line.ToString(CultureInfo.InvariantCulture)}", map.Path)
            {
                Field = e.Field,
                DeclaredType = e.Type,
                DeclaredTypeName = e.TypeName,
            }).ToList();

        /// <summary>An attribute named <paramref name="name"/>, its field and type from the map; null for an unnamed column the map does not name.</summary>
        private static AttributeUse? Describe(string name, string seenIn, string source, AttributeMap? map)
        {
            var entry = map?.Find(name);
            bool placeholder = name.Length == 0 || ColumnMapping.TryResolveTarget(name) > OfflineDataSchema.NamedColumnCount;
            if (entry == null && placeholder) return null;
            return new AttributeUse(name, seenIn, source)
            {
                Field = entry?.Field,
                DeclaredType = entry?.Type ?? XdmType.Unknown,
                DeclaredTypeName = entry?.TypeName,
            };
        }
    }
}
