using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace OfflineData.Core.Findings
{
    /// <summary>
    /// Counts keyed by the names of <typeparamref name="TKey"/> values (e.g. RecordingDisabled = 3), in the enum's
    /// order. String keys (case-insensitive) so that ConvertTo-Json writes an object, <c>$counts.RecordingDisabled</c>
    /// works in PowerShell, and as text (what Export-Csv writes in its one cell) it reads <c>RecordingDisabled=3, CustomerUnknown=1</c>.
    /// Code may still index it by the enum value.
    /// </summary>
    /// <typeparam name="TKey">The enum whose value names are the keys.</typeparam>
    public sealed class CountsByName<TKey> : SortedDictionary<string, long>
        where TKey : struct, Enum
    {
        /// <summary>An empty set of counts.</summary>
        public CountsByName()
            : base(EnumNameComparer.Instance)
        {
        }

        /// <summary>The count for <paramref name="key"/>; reading one never counted throws, like any dictionary.</summary>
        public long this[TKey key]
        {
            get => this[key.ToString()];
            set => this[key.ToString()] = value;
        }

        /// <summary>Whether <paramref name="key"/> was counted.</summary>
        public bool ContainsKey(TKey key) => ContainsKey(key.ToString());

        /// <summary>The count for <paramref name="key"/>, if it was counted.</summary>
        public bool TryGetValue(TKey key, out long value) => TryGetValue(key.ToString(), out value);

        /// <summary>Adds one to the count of <paramref name="key"/>.</summary>
        public void Increment(TKey key)
        {
            TryGetValue(key, out var n);
            this[key] = n + 1;
        }

        /// <summary>The counts as <c>Name=count</c> pairs, comma-separated, in the enum's order.</summary>
        public override string ToString() =>
            string.Join(", ", this.Select(p => p.Key + "=" + p.Value.ToString(CultureInfo.InvariantCulture)));

        // Enum names in the enum's own order (the order its members are declared, by value); other names after them, by name.
        private sealed class EnumNameComparer : IComparer<string>
        {
            public static readonly EnumNameComparer Instance = new EnumNameComparer();

            public int Compare(string? x, string? y)
            {
                bool xEnum = TryValue(x, out var xv);
                bool yEnum = TryValue(y, out var yv);
                if (xEnum && yEnum)
                {
                    int c = xv.CompareTo(yv);
                    return c != 0 ? c : StringComparer.OrdinalIgnoreCase.Compare(x, y);
                }

                if (xEnum != yEnum) return xEnum ? -1 : 1;
                return StringComparer.OrdinalIgnoreCase.Compare(x, y);
            }

            private static bool TryValue(string? name, out long value)
            {
                value = 0;
                if (name == null || name.Length == 0 || char.IsDigit(name[0]) || name[0] == '-') return false;
                if (!Enum.TryParse<TKey>(name, ignoreCase: true, out var parsed)) return false;
                value = Convert.ToInt64(parsed, CultureInfo.InvariantCulture);
                return true;
            }
        }
    }
}
