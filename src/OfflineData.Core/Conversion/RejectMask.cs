using System.Collections.Generic;
using OfflineData.Core.Format;
using OfflineData.Core.Hashing;

namespace OfflineData.Core.Conversion
{
    /// <summary>
    /// Keeps the raw values of hashed columns out of the reject file: the source fields that feed a hashed column are
    /// written as their hash (so the fixed row can be converted again; a hash passes through), or as
    /// <see cref="Masked"/> when the value cannot be hashed. A malformed row, whose fields cannot be told apart
    /// reliably, is masked whole.
    /// </summary>
    internal sealed class RejectMask
    {
        /// <summary>What a masked value is written as.</summary>
        public const string Masked = "<masked>";

        private readonly ColumnHashing hashing;
        private readonly Dictionary<int, IdentifierKind> sources = new Dictionary<int, IdentifierKind>();

        private RejectMask(ColumnHashing hashing) => this.hashing = hashing;

        /// <summary>The mask for a plan, or null when nothing is hashed or raw values are allowed.</summary>
        public static RejectMask? For(ColumnHashing? hashing, ColumnPlan plan)
        {
            if (hashing == null || hashing.IncludeRawValue) return null;
            var mask = new RejectMask(hashing);
            foreach (var (number, _, kind) in hashing.Columns)
            {
                int index;
                if (number <= OfflineDataSchema.NamedColumnCount)
                {
                    index = plan.Positional ? number - 1 : plan.Named[number - 1];
                }
                else
                {
                    int k = number - OfflineDataSchema.NamedColumnCount - 1;
                    index = plan.Positional ? number - 1 : (k < plan.Attributes.Count ? plan.Attributes[k].Index : -1);
                }

                if (index >= 0) mask.sources[index] = kind;
            }

            return mask;
        }

        /// <summary>A malformed row (or one before the columns are known) with every non-empty field masked.</summary>
        public static IReadOnlyList<string> MaskAll(IReadOnlyList<string> fields)
        {
            var masked = new string[fields.Count];
            for (int i = 0; i < fields.Count; i++) masked[i] = fields[i].Length == 0 ? string.Empty : Masked;
            return masked;
        }

        /// <summary>The fields as the reject file may show them: hashed columns' sources hashed or masked.</summary>
        public IReadOnlyList<string> Apply(IReadOnlyList<string> fields)
        {
            var masked = new string[fields.Count];
            for (int i = 0; i < fields.Count; i++)
            {
                var value = fields[i];
                if (sources.TryGetValue(i, out var kind) && value.Trim().Length > 0)
                {
                    masked[i] = hashing.Hasher.TryHash(value, kind, out var hash, out _) ? hash : Masked;
                }
                else
                {
                    masked[i] = value;
                }
            }

            return masked;
        }
    }
}
