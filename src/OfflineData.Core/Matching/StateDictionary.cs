using System;
using System.Collections.Generic;
using System.Linq;

namespace OfflineData.Core.Matching
{
    /// <summary>
    /// Dimension values (campaign, channel, eVars, ...) by name, case-insensitive; as text (what Export-Csv writes in
    /// its one cell) <c>name=value</c> pairs, comma-separated, in name order. ConvertTo-Json writes an object.
    /// </summary>
    internal sealed class StateDictionary : Dictionary<string, string>
    {
        /// <summary>An empty state.</summary>
        public StateDictionary()
            : base(StringComparer.OrdinalIgnoreCase)
        {
        }

        /// <summary>A copy of <paramref name="values"/>.</summary>
        public StateDictionary(IEnumerable<KeyValuePair<string, string>> values)
            : this()
        {
            foreach (var pair in values) this[pair.Key] = pair.Value;
        }

        /// <summary>The values as <c>name=value</c> pairs, comma-separated, in name order.</summary>
        public override string ToString() =>
            string.Join(", ", this.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Select(p => p.Key + "=" + p.Value));
    }
}
