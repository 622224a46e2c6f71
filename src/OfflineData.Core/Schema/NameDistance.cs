using System;

namespace OfflineData.Core.Schema
{
    /// <summary>
    /// Levenshtein distance, ignoring case, for the "did you mean" suggestion. Twenty lines for two short names a
    /// check compares a few hundred times do not justify a dependency.
    /// </summary>
    internal static class NameDistance
    {
        public static int Between(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++) previous[j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                char ca = char.ToUpperInvariant(a[i - 1]);
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = ca == char.ToUpperInvariant(b[j - 1]) ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }

                var swap = previous;
                previous = current;
                current = swap;
            }

            return previous[b.Length];
        }
    }
}
