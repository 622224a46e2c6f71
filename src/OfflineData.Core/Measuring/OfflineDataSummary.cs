using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OfflineData.Core.Measuring
{
    /// <summary>
    /// A summary of offline rows from one file or one store query: its groups (ordered by their keys), its totals row
    /// and a checksum, so a nightly script compares a file with the store with one equality.
    /// </summary>
    public sealed class OfflineDataSummary
    {
        /// <summary>The version tag that starts the checksummed text; a change of the definition changes it.</summary>
        public const string ChecksumVersion = "offlinedata-summary/1";

        internal OfflineDataSummary(string source, string? path, string? store, IReadOnlyList<SummaryDimension> groupBy, List<OfflineDataSummaryRow> groups, OfflineDataSummaryRow totals)
        {
            groups.Sort(CompareKeys);
            Source = source;
            Path = path;
            Store = store;
            GroupBy = groupBy;
            Groups = groups;
            Totals = totals;
            Checksum = ComputeChecksum(groupBy, groups, totals);
            foreach (var row in groups) Stamp(row);
            Stamp(totals);
        }

        /// <summary><c>File</c> or <c>Store</c>.</summary>
        public string Source { get; }

        /// <summary>The file's full path (file summaries).</summary>
        public string? Path { get; }

        /// <summary>The store (store summaries).</summary>
        public string? Store { get; }

        /// <summary>The dimensions grouped by, in the order given.</summary>
        public IReadOnlyList<SummaryDimension> GroupBy { get; }

        /// <summary>The groups, ordered by their keys (in GroupBy order; null first).</summary>
        public IReadOnlyList<OfflineDataSummaryRow> Groups { get; }

        /// <summary>The totals row (<see cref="OfflineDataSummaryRow.IsTotal"/>).</summary>
        public OfflineDataSummaryRow Totals { get; }

        /// <summary>
        /// SHA-256 (lowercase hex) of the UTF-8 text: the line <see cref="ChecksumVersion"/>; the line <c>groupby</c> and
        /// each dimension name, tab-separated; per group in ordinal order of its key texts a line <c>g</c>, the key
        /// texts, Rows, Num1, Num2 and DistinctCustomers; then <c>t</c> and the totals' four measures; each line ended
        /// by <c>\n</c>. Key texts: Day <c>yyyy-MM-dd</c>, Week <c>yyyy-Www</c>, Month <c>yyyy-MM</c>, numbers invariant,
        /// names as shown, null as <c>\N</c>, a backslash, tab, CR or LF in a value escaped as <c>\\</c>, <c>\t</c>,
        /// <c>\r</c>, <c>\n</c>. Sums are invariant decimals without trailing zeros (<c>10.50</c> is <c>10.5</c>).
        /// Only the measures both a file and the store compute are in it (not the credited ones, not Rejected), so a
        /// file's summary and the store's summary of its import agree when every valid row arrived with its values.
        /// </summary>
        public string Checksum { get; }

        /// <summary>The groups followed by the totals row: what Measure-OfflineData writes.</summary>
        public IEnumerable<OfflineDataSummaryRow> Rows()
        {
            foreach (var row in Groups) yield return row;
            yield return Totals;
        }

        private void Stamp(OfflineDataSummaryRow row)
        {
            row.Source = Source;
            row.Path = Path;
            row.Store = Store;
            row.Checksum = Checksum;
        }

        /// <summary>Orders by the key texts in GroupBy order, ordinal, null first (the checksum's order too).</summary>
        internal static int CompareKeys(OfflineDataSummaryRow a, OfflineDataSummaryRow b)
        {
            for (int i = 0; i < a.KeyTexts.Count; i++)
            {
                var x = a.KeyTexts[i];
                var y = b.KeyTexts[i];
                if (x == null && y == null) continue;
                if (x == null) return -1;
                if (y == null) return 1;
                // Event types and import IDs order as numbers (7 before 10), everything else as ordinal text.
                var kind = a.GroupByDimensions[i].Kind;
                int c = kind == SummaryDimensionKind.EventType ? Nullable.Compare(a.EventType, b.EventType)
                    : kind == SummaryDimensionKind.Import ? Nullable.Compare(a.ImportId, b.ImportId)
                    : string.CompareOrdinal(x, y);
                if (c != 0) return c;
            }

            return 0;
        }

        private static string ComputeChecksum(IReadOnlyList<SummaryDimension> groupBy, List<OfflineDataSummaryRow> groups, OfflineDataSummaryRow totals)
        {
            var lines = new List<string>(groups.Count);
            foreach (var row in groups)
            {
                var sb = new StringBuilder("g");
                foreach (var key in row.KeyTexts) sb.Append('\t').Append(Escape(key));
                lines.Add(AppendMeasures(sb, row).ToString());
            }

            // Ordinal order of the key texts, independent of the display order, so any producer can recompute it.
            lines.Sort(string.CompareOrdinal);
            var text = new StringBuilder(ChecksumVersion).Append('\n').Append("groupby");
            foreach (var dimension in groupBy) text.Append('\t').Append(Escape(dimension.Name));
            text.Append('\n');
            foreach (var line in lines) text.Append(line).Append('\n');
            text.Append(AppendMeasures(new StringBuilder("t"), totals)).Append('\n');
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString()));
            var hex = new StringBuilder(hash.Length * 2);
            foreach (var b in hash) hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            return hex.ToString();
        }

        private static StringBuilder AppendMeasures(StringBuilder sb, OfflineDataSummaryRow row) => sb
            .Append('\t').Append(row.Rows.ToString(CultureInfo.InvariantCulture))
            .Append('\t').Append(Canonical(row.Num1))
            .Append('\t').Append(Canonical(row.Num2))
            .Append('\t').Append(row.DistinctCustomers.ToString(CultureInfo.InvariantCulture));

        /// <summary>An invariant decimal without trailing zeros (10.50 → 10.5, 0.00 → 0).</summary>
        internal static string Canonical(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

        private static string Escape(string? value)
        {
            if (value == null) return "\\N";
            if (value.IndexOfAny(new[] { '\\', '\t', '\r', '\n' }) < 0) return value;
            return value.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\r", "\\r").Replace("\n", "\\n");
        }
    }
}
