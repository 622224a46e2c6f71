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

        /// <summary>
        /// The transaction attributes Convert-OfflineDataFile makes of a source file with <paramref name="columnMap"/>:
        /// the mapped ones, named by their source columns (a column given by number is named by the source header), and
        /// with <paramref name="unmappedToAttributes"/> every source column the map does not use, in source order, as
        /// -UnmappedToTransactionAttributes appends them. The source's first entry is read as Convert reads it
        /// (encoding detected, the delimiter from a "sep=" line or detected); its first row must be a header.
        /// </summary>
        /// <exception cref="ArgumentException">The map is not one Convert-OfflineDataFile accepts.</exception>
        /// <exception cref="ConversionException">The source cannot be read, has no detectable delimiter, or lacks a mapped column.</exception>
        public static List<AttributeUse> FromConvertSource(string path, IDictionary? columnMap, bool unmappedToAttributes, AttributeMap? map)
        {
            var header = ReadSourceHeader(path);
            var given = new HashSet<int>((columnMap?.Keys.Cast<object>() ?? Enumerable.Empty<object>()).Select(k => ColumnMapping.TryResolveTarget(Convert.ToString(k, CultureInfo.InvariantCulture) ?? string.Empty)));
            if (columnMap != null && columnMap.Keys.Cast<object>().Any(k => OfflineDataSchema.NormalizedEquals((Convert.ToString(k, CultureInfo.InvariantCulture) ?? string.Empty).AsSpan(), "TransactionAttributes")))
            {
                given.Add(OfflineDataSchema.NamedColumnCount + 1);
            }

            // Only the attributes matter here: the mandatory columns the map leaves to -Constant are stood in for, so
            // the plan can be built from the map alone.
            var standIns = new Hashtable();
            foreach (var mandatory in new[] { "Timestamp", "CustomerId", "EventType", "EventName", "Num1", "Num2" })
            {
                if (!given.Contains(ColumnMapping.TryResolveTarget(mandatory))) standIns[mandatory] = "0";
            }

            var mapping = ColumnMapping.Create(columnMap, standIns);
            var plan = ColumnPlan.Build(mapping, header, header.Count, unmappedToAttributes, path, null);
            var fileName = System.IO.Path.GetFileName(path);
            var uses = new List<AttributeUse>();
            for (int k = 0; k < plan.Attributes.Count; k++)
            {
                var (index, constant) = plan.Attributes[k];
                if (index < 0 || index >= header.Count) continue;
                var target = ColumnPlan.TargetName(OfflineDataSchema.NamedColumnCount + 1 + k);
                var name = header[index].Trim();
                var entry = map?.Find(name) ?? map?.Find(target);
                if (name.Length == 0 && entry == null) continue;
                bool mapped = mapping.Sources.ContainsKey(OfflineDataSchema.NamedColumnCount + 1 + k);
                var seenIn = mapped ? "-ColumnMap " + target : $"{fileName} col {(index + 1).ToString(CultureInfo.InvariantCulture)} ({target})";
                uses.Add(new AttributeUse(name.Length == 0 ? target : name, seenIn, mapped ? "-ColumnMap" : path)
                {
                    Field = entry?.Field,
                    DeclaredType = entry?.Type ?? XdmType.Unknown,
                    DeclaredTypeName = entry?.TypeName,
                });
            }

            return uses;
        }

        private static IReadOnlyList<string> ReadSourceHeader(string path)
        {
            using var container = Containers.InputContainer.Open(path);
            foreach (var entry in container.GetEntries(_ => { }))
            {
                using var stream = entry.Open();
                var text = SourceText.Open(stream, null, path, entry.Name);
                var sample = text.Sample;
                char? delimiter = OfflineDataConverter.SepHint(sample);
                if (delimiter != null) sample = sample.Substring(sample.IndexOf('\n') + 1);
                delimiter ??= DelimiterDetector.Detect(sample, text.SampleIsWhole);
                if (sample.Trim().Length == 0) continue;
                if (delimiter == null)
                {
                    throw new ConversionException(ConversionFailure.DelimiterNotDetected, $"Cannot tell the delimiter of {path}: none of , ; tab | splits its rows evenly.", path, entry.Name);
                }

                var config = new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = delimiter.Value.ToString(), BadDataFound = null, MissingFieldFound = null };
                using var csv = new CsvHelper.CsvReader(new StringReader(sample), config);
                if (csv.Read()) return csv.Parser.Record ?? Array.Empty<string>();
            }

            return Array.Empty<string>();
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
