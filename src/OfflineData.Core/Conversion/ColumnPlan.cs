using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;

namespace OfflineData.Core.Conversion
{
    /// <summary>
    /// The resolved mapping for one source stream: for each target column, a 0-based source field index or a
    /// constant. Built once per file (or zip entry) from the mapping and the source header.
    /// </summary>
    internal sealed class ColumnPlan
    {
        private static readonly int[] Mandatory = { 1, 2, 3, 5, 6, 7 };

        private ColumnPlan()
        {
        }

        /// <summary>Source field feeding named column n (index n-1), or -1.</summary>
        public int[] Named { get; } = Enumerable.Repeat(-1, OfflineDataSchema.NamedColumnCount).ToArray();

        /// <summary>Constant for named column n (index n-1), or null.</summary>
        public string?[] NamedConstants { get; } = new string?[OfflineDataSchema.NamedColumnCount];

        /// <summary>Transaction attributes 1..N: a source field index (or -1) and a constant (or null).</summary>
        public List<(int Index, string? Constant)> Attributes { get; } = new List<(int, string?)>();

        /// <summary>Source fields map onto target columns by position (no mapping, no header): field 23+ are attributes.</summary>
        public bool Positional { get; private set; }

        /// <summary>Source header columns that feed nothing.</summary>
        public List<string> Unmapped { get; } = new List<string>();

        /// <summary>The plan for a source without header and without a mapping: its columns are already in target order.</summary>
        public static ColumnPlan CreatePositional()
        {
            var plan = new ColumnPlan { Positional = true };
            for (int i = 0; i < OfflineDataSchema.NamedColumnCount; i++) plan.Named[i] = i;
            return plan;
        }

        /// <summary>Whether a first row names target columns (the source maps itself by header names).</summary>
        public static bool LooksLikeTargetHeader(IReadOnlyList<string> cells)
        {
            int nonEmpty = cells.Count(c => !string.IsNullOrWhiteSpace(c));
            int resolving = cells.Count(c => !string.IsNullOrWhiteSpace(c) && ColumnMapping.TryResolveTarget(c.Trim()) > 0);
            return resolving > 0 && resolving >= Math.Min(3, nonEmpty);
        }

        /// <summary>Builds the plan. <paramref name="header"/> is null for a source without header; <paramref name="width"/> is the first row's field count.</summary>
        /// <exception cref="ConversionException">A named source column is missing or a mandatory target column is unmapped.</exception>
        public static ColumnPlan Build(ColumnMapping? mapping, IReadOnlyList<string>? header, int width, bool unmappedToAttributes, string path, string? entry)
        {
            // Constants alone do not replace the source's own layout: the other columns still map themselves.
            bool selfMapping = mapping == null || mapping.Sources.Values.All(s => s.IsConstant);
            if (selfMapping && header == null)
            {
                var positional = CreatePositional();
                if (mapping != null)
                {
                    foreach (var pair in mapping.Sources.Where(p => p.Key <= OfflineDataSchema.NamedColumnCount))
                    {
                        positional.NamedConstants[pair.Key - 1] = pair.Value.Constant;
                    }
                }

                return positional;
            }

            var plan = new ColumnPlan();
            var attributes = new SortedDictionary<int, (int, string?)>();
            var used = new HashSet<int>();

            void Assign(int target, int index, string? constant)
            {
                if (target <= OfflineDataSchema.NamedColumnCount)
                {
                    plan.Named[target - 1] = index;
                    plan.NamedConstants[target - 1] = constant;
                }
                else
                {
                    attributes[target - OfflineDataSchema.NamedColumnCount] = (index, constant);
                }

                if (index >= 0) used.Add(index);
            }

            if (selfMapping)
            {
                // Self-mapping: the source header uses the target's own names; constants fill or override columns.
                var constantTargets = new HashSet<int>(mapping?.Sources.Keys ?? Enumerable.Empty<int>());
                foreach (var pair in mapping?.Sources ?? new Dictionary<int, ColumnSource>())
                {
                    Assign(pair.Key, -1, pair.Value.Constant);
                }

                for (int j = 0; j < header!.Count; j++)
                {
                    int target = ColumnMapping.TryResolveTarget(header[j].Trim());
                    bool taken = target > 0 && (constantTargets.Contains(target) || (target <= OfflineDataSchema.NamedColumnCount
                        ? plan.Named[target - 1] >= 0
                        : attributes.ContainsKey(target - OfflineDataSchema.NamedColumnCount)));
                    if (target > 0 && !taken) Assign(target, j, null);
                }
            }
            else if (mapping != null) // always: a null mapping is a self-mapping; the test tells the compiler so
            {
                foreach (var pair in mapping.Sources)
                {
                    var source = pair.Value;
                    if (source.IsConstant)
                    {
                        Assign(pair.Key, -1, source.Constant);
                    }
                    else if (source.Name != null)
                    {
                        if (header == null)
                        {
                            throw new ConversionException(
                                ConversionFailure.SourceColumnNotFound,
                                $"-ColumnMap names source column '{DisplayText.Escape(source.Name)}', but {Where(path, entry)} has no header row; map by column number (1, 2, ...) or give -SourceHeader Present.",
                                path,
                                entry);
                        }

                        int index = FindHeader(header, source.Name);
                        if (index < 0)
                        {
                            throw new ConversionException(
                                ConversionFailure.SourceColumnNotFound,
                                $"-ColumnMap {OfflineDataSchema.GetColumnName(Math.Min(pair.Key, 999))}: {Where(path, entry)} has no column '{DisplayText.Escape(source.Name)}'. Its columns are: {string.Join(", ", header.Select(h => "'" + DisplayText.Escape(h) + "'"))}.",
                                path,
                                entry,
                                1);
                        }

                        Assign(pair.Key, index, null);
                    }
                    else
                    {
                        int index = source.Index!.Value - 1;
                        if (header != null && index >= header.Count)
                        {
                            throw new ConversionException(
                                ConversionFailure.SourceColumnNotFound,
                                $"-ColumnMap {OfflineDataSchema.GetColumnName(Math.Min(pair.Key, 999))}: {Where(path, entry)} has {header.Count} columns, not {source.Index}.",
                                path,
                                entry,
                                1);
                        }

                        Assign(pair.Key, index, null);
                    }
                }
            }

            var missing = Mandatory.Where(n => plan.Named[n - 1] < 0 && plan.NamedConstants[n - 1] == null).Select(n => OfflineDataSchema.Columns[n - 1].PropertyName).ToList();
            if (missing.Count > 0)
            {
                var columns = header == null ? string.Empty : $" The source columns are: {string.Join(", ", header.Select(h => "'" + h + "'"))}.";
                throw new ConversionException(
                    ConversionFailure.MandatoryColumnUnmapped,
                    $"No source for the mandatory column(s) {string.Join(", ", missing)} of {Where(path, entry)}; map them with -ColumnMap or give a -Constant.{columns}",
                    path,
                    entry);
            }

            int lastAttribute = attributes.Count == 0 ? 0 : attributes.Keys.Max();
            for (int k = 1; k <= lastAttribute; k++)
            {
                plan.Attributes.Add(attributes.TryGetValue(k, out var a) ? a : (-1, null));
            }

            int sourceWidth = header?.Count ?? width;
            for (int j = 0; j < sourceWidth; j++)
            {
                if (used.Contains(j)) continue;
                if (unmappedToAttributes)
                {
                    plan.Attributes.Add((j, null));
                }
                else
                {
                    plan.Unmapped.Add(header != null ? header[j] : "column " + (j + 1).ToString(CultureInfo.InvariantCulture));
                }
            }

            return plan;
        }

        /// <summary>The target column name of named column n or attribute k, for messages.</summary>
        public static string TargetName(int number) => number <= OfflineDataSchema.NamedColumnCount
            ? OfflineDataSchema.Columns[number - 1].PropertyName
            : "TransactionAttr" + (number - OfflineDataSchema.NamedColumnCount).ToString(CultureInfo.InvariantCulture);

        private static int FindHeader(IReadOnlyList<string> header, string name)
        {
            for (int j = 0; j < header.Count; j++)
            {
                if (string.Equals(header[j].Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase)) return j;
            }

            for (int j = 0; j < header.Count; j++)
            {
                if (OfflineDataSchema.NormalizedEquals(header[j].AsSpan(), name)) return j;
            }

            return -1;
        }

        private static string Where(string path, string? entry) => entry == null ? $"'{path}'" : $"zip entry '{entry}' in '{path}'";
    }
}
