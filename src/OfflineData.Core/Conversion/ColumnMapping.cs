using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;

namespace OfflineData.Core.Conversion
{
    /// <summary>
    /// Which source column (or constant) feeds each target column. Targets are named by property
    /// (<c>Timestamp</c>, <c>Num1</c>, <c>EventNameAttr3</c>, <c>TransactionAttr1</c>) or header name
    /// (<c>Time Stamp</c>, <c>EventTransaction Attr1</c>), case- and space-insensitive; <c>TransactionAttributes</c>
    /// takes a list of source columns for EventTransaction Attr1..N.
    /// </summary>
    public sealed class ColumnMapping
    {
        private readonly SortedDictionary<int, ColumnSource> sources = new SortedDictionary<int, ColumnSource>();

        /// <summary>Target column number (1..22 named, 23+ transaction attributes) to its source.</summary>
        public IReadOnlyDictionary<int, ColumnSource> Sources => sources;

        /// <summary>Whether any entry names a source column by header name (so the source needs a header).</summary>
        public bool UsesNames => sources.Values.Any(s => s.Name != null);

        /// <summary>Sets the source of target column <paramref name="targetNumber"/>.</summary>
        public void Set(int targetNumber, ColumnSource source)
        {
            if (targetNumber < 1) throw new ArgumentOutOfRangeException(nameof(targetNumber));
            sources[targetNumber] = source ?? throw new ArgumentNullException(nameof(source));
        }

        /// <summary>
        /// Builds a mapping from a -ColumnMap table (values: a string = source header name, an integer = 1-based source
        /// column number; for TransactionAttributes a list of those) and a -Constant table (values written as they are).
        /// </summary>
        /// <exception cref="ArgumentException">An unknown target, a bad value, or a target both mapped and constant.</exception>
        public static ColumnMapping Create(IDictionary? columnMap, IDictionary? constants)
        {
            var mapping = new ColumnMapping();
            var named = new Dictionary<int, string>();
            void Claim(int target, string key)
            {
                // "Timestamp" and "Time Stamp" name one column: two sources for it would be a silent pick.
                if (named.TryGetValue(target, out var earlier))
                {
                    throw new ArgumentException($"'{DisplayText.Escape(earlier)}' and '{DisplayText.Escape(key)}' both name the column {ColumnPlan.TargetName(target)}; give it one source.");
                }

                named[target] = key;
            }

            if (columnMap != null)
            {
                foreach (DictionaryEntry entry in columnMap)
                {
                    var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                    if (OfflineDataSchema.NormalizedEquals(key.AsSpan(), "TransactionAttributes"))
                    {
                        var list = entry.Value is IEnumerable e && !(entry.Value is string) ? e.Cast<object?>().ToList() : new List<object?> { entry.Value };
                        for (int i = 0; i < list.Count; i++)
                        {
                            Claim(OfflineDataSchema.NamedColumnCount + 1 + i, key);
                            mapping.Set(OfflineDataSchema.NamedColumnCount + 1 + i, ToSource(key, list[i]));
                        }

                        continue;
                    }

                    int mapped = ResolveTarget(key);
                    Claim(mapped, key);
                    mapping.Set(mapped, ToSource(key, entry.Value));
                }
            }

            var constantKeys = new HashSet<int>();
            if (constants != null)
            {
                foreach (DictionaryEntry entry in constants)
                {
                    var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                    int target = ResolveTarget(key);
                    if (named.ContainsKey(target))
                    {
                        throw new ArgumentException($"'{DisplayText.Escape(key)}' is in both -ColumnMap and -Constant; give it one source.");
                    }

                    if (!constantKeys.Add(target))
                    {
                        throw new ArgumentException($"-Constant names the column {ColumnPlan.TargetName(target)} twice; give it one value.");
                    }

                    var text = entry.Value is DateTime dt
                        ? dt.ToString(OfflineDataSchema.TimestampFormat, CultureInfo.InvariantCulture)
                        : Convert.ToString(entry.Value, CultureInfo.InvariantCulture) ?? string.Empty;
                    // A constant that can never convert would reject every row, one by one, instead of saying what is
                    // wrong once: an event type needs no culture or format to check, so check it here.
                    if (target <= OfflineDataSchema.NamedColumnCount && OfflineDataSchema.Columns[target - 1].Kind == ColumnKind.EventType
                        && !RowConverter.TryParseEventType(text, out _))
                    {
                        throw new ArgumentException($"-Constant {ColumnPlan.TargetName(target)} '{DisplayText.Escape(text)}' is not a non-negative whole number (7 is a purchase).");
                    }

                    mapping.Set(target, ColumnSource.FromConstant(text));
                }
            }

            return mapping;
        }

        /// <summary>
        /// The target column number a name stands for: 1..22 for the named columns (property or header name),
        /// 23+ for <c>TransactionAttrN</c> / <c>EventTransaction AttrN</c>.
        /// </summary>
        /// <exception cref="ArgumentException">The name is no target column.</exception>
        public static int ResolveTarget(string name)
        {
            int n = TryResolveTarget(name);
            if (n > 0) return n;
            throw new ArgumentException(
                $"'{DisplayText.Escape(name)}' is not a column of the offline data format. Use Timestamp, CustomerId, EventType, Category, EventName, Num1, Num2, Var1..Var5, EventNameAttr1..EventNameAttr10, TransactionAttr1..N or TransactionAttributes.");
        }

        /// <summary>Like <see cref="ResolveTarget"/> but returns 0 for an unknown name.</summary>
        public static int TryResolveTarget(string name)
        {
            var span = (name ?? string.Empty).AsSpan();
            for (int n = 1; n <= OfflineDataSchema.NamedColumnCount; n++)
            {
                if (OfflineDataSchema.HeaderMatches(span, n)) return n;
            }

            var compact = new string((name ?? string.Empty).Where(c => c != ' ' && c != '_' && c != '-').ToArray());
            foreach (var prefix in new[] { "EventTransactionAttr", "TransactionAttr" })
            {
                if (compact.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                    && int.TryParse(compact.Substring(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var k)
                    && k >= 1)
                {
                    return OfflineDataSchema.NamedColumnCount + k;
                }
            }

            return 0;
        }

        private static ColumnSource ToSource(string key, object? value)
        {
            switch (value)
            {
                case string s when s.Length > 0:
                    return ColumnSource.FromName(s);
                case int _:
                case long _:
                case short _:
                case byte _:
                    var index = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                    if (index < 1 || index > int.MaxValue)
                    {
                        throw new ArgumentException($"-ColumnMap '{DisplayText.Escape(key)}': column numbers count from 1; {index} is not one.");
                    }

                    return ColumnSource.FromIndex((int)index);
                default:
                    throw new ArgumentException(
                        $"-ColumnMap '{DisplayText.Escape(key)}': give a source column name (a string) or a 1-based column number (an integer), not '{DisplayText.Escape(System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture))}'. For a fixed value use -Constant.");
            }
        }
    }
}
