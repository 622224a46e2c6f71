using System.Collections.Generic;

namespace OfflineData.Core.Findings
{
    /// <summary>
    /// A list whose text is its items' text, comma-separated: what Export-Csv writes in the one cell of a list property
    /// (instead of the list's type name). PowerShell indexes and enumerates it and ConvertTo-Json writes an array.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    internal sealed class ReadableList<T> : List<T>
    {
        /// <summary>An empty list.</summary>
        public ReadableList()
        {
        }

        /// <summary>A list of <paramref name="items"/>.</summary>
        public ReadableList(IEnumerable<T> items)
            : base(items)
        {
        }

        /// <summary>The items' text, comma-separated.</summary>
        public override string ToString() => string.Join(", ", this);
    }
}
