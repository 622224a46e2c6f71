using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OfflineData.Core.Format;

namespace OfflineData.Core.Hashing
{
    /// <summary>
    /// Which columns of an offline data record are hashed, and as what: <c>CustomerId</c>, <c>Var1</c>…<c>Var5</c>,
    /// <c>EventNameAttr1</c>…<c>EventNameAttr10</c> or <c>TransactionAttr1</c>… (the EventTransaction attributes) to an
    /// <see cref="IdentifierKind"/>. Conversion and export hash each record's chosen columns in place before it is written.
    /// </summary>
    public sealed class ColumnHashing
    {
        private readonly (int Number, string Name, IdentifierKind Kind)[] columns;

        /// <summary>Creates the plan.</summary>
        /// <param name="hasher">The profile, encoding and region.</param>
        /// <param name="columns">Column name (case-insensitive) to kind.</param>
        /// <param name="includeRawValue">Whether messages and reject files may show the raw values of hashed columns.</param>
        /// <exception cref="ArgumentException">No columns, or a name that is not a hashable column.</exception>
        public ColumnHashing(IdentifierHasher hasher, IEnumerable<KeyValuePair<string, IdentifierKind>> columns, bool includeRawValue = false)
        {
            Hasher = hasher ?? throw new ArgumentNullException(nameof(hasher));
            if (columns == null) throw new ArgumentNullException(nameof(columns));
            var list = new List<(int, string, IdentifierKind)>();
            foreach (var pair in columns)
            {
                int number = ColumnNumber(pair.Key);
                if (list.Any(c => c.Item1 == number)) throw new ArgumentException($"The column '{pair.Key}' is named twice.", nameof(columns));
                list.Add((number, Name(number), pair.Value));
            }

            if (list.Count == 0) throw new ArgumentException("Name at least one column to hash, e.g. @{ CustomerId = 'Email' }.", nameof(columns));
            this.columns = list.OrderBy(c => c.Item1).ToArray();
            IncludeRawValue = includeRawValue;
        }

        /// <summary>The hasher.</summary>
        public IdentifierHasher Hasher { get; }

        /// <summary>Whether the raw values of hashed columns may appear in reject files and messages.</summary>
        public bool IncludeRawValue { get; }

        /// <summary>The hashed columns: number (1-22 named, 23… transaction attribute 1…), name, kind.</summary>
        public IReadOnlyList<(int Number, string Name, IdentifierKind Kind)> Columns => columns;

        /// <summary>The names a column can be given (for argument completion and messages); the attributes go on as TransactionAttr3, 4, ….</summary>
        public static IReadOnlyList<string> HashableColumnNames { get; } = BuildNames();

        /// <summary>Whether column <paramref name="number"/> is hashed.</summary>
        public bool IsHashed(int number) => columns.Any(c => c.Number == number);

        /// <summary>Whether the column named <paramref name="name"/> is hashed.</summary>
        public bool IsHashed(string name) => columns.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

        /// <summary>
        /// Hashes the record's chosen columns in place; blank values stay as they are. On failure the record is left
        /// partly hashed (it is rejected, not written) and <paramref name="column"/> names the column.
        /// </summary>
        public bool TryApply(OfflineDataRecord record, out IdentifierFailure failure, out string? column)
        {
            failure = IdentifierFailure.None;
            column = null;
            string[]? attributes = null;
            foreach (var (number, name, kind) in columns)
            {
                string? value;
                if (number <= OfflineDataSchema.NamedColumnCount)
                {
                    value = record.GetText(number);
                }
                else
                {
                    attributes ??= record.TransactionAttributes;
                    int k = number - OfflineDataSchema.NamedColumnCount - 1;
                    value = k < attributes.Length ? attributes[k] : null;
                }

                if (string.IsNullOrEmpty(value)) continue;
                if (!Hasher.TryHash(value, kind, out var hash, out failure))
                {
                    column = name;
                    return false;
                }

                if (number <= OfflineDataSchema.NamedColumnCount) record.SetText(number, hash);
                else attributes![number - OfflineDataSchema.NamedColumnCount - 1] = hash;
            }

            if (attributes != null) record.TransactionAttributes = attributes;
            return true;
        }

        /// <summary>
        /// A copy of <paramref name="record"/> with the chosen columns hashed (the record itself, e.g. a pipeline input
        /// object, is left as it is); false with the code and column when a value cannot be hashed.
        /// </summary>
        public bool TryHashCopy(OfflineDataRecord record, out OfflineDataRecord hashed, out IdentifierFailure failure, out string? column)
        {
            hashed = (record ?? throw new ArgumentNullException(nameof(record))).Copy();
            return TryApply(hashed, out failure, out column);
        }

        /// <summary>
        /// The value a hashed copy holds where <paramref name="original"/> held <paramref name="value"/> in a hashed
        /// column (e.g. a stored transaction ID read from TransactionAttr1), or <paramref name="value"/> itself when no
        /// hashed column held it: a value sent beside the record must not go out raw when its column is hashed.
        /// </summary>
        public string? Counterpart(OfflineDataRecord original, OfflineDataRecord hashed, string? value)
        {
            if (string.IsNullOrEmpty(value)) return value;
            string[]? before = null, after = null;
            foreach (var (number, _, _) in columns)
            {
                if (number <= OfflineDataSchema.NamedColumnCount)
                {
                    if (original.GetText(number) == value) return hashed.GetText(number);
                    continue;
                }

                before ??= original.TransactionAttributes;
                after ??= hashed.TransactionAttributes;
                int k = number - OfflineDataSchema.NamedColumnCount - 1;
                if (k < before.Length && before[k] == value && k < after.Length) return after[k];
            }

            return value;
        }

        /// <summary>The message of a failed value, naming the column and the rule, never the value.</summary>
        public string Describe(IdentifierFailure failure, string? column) =>
            (column == null ? string.Empty : column + ": ") + IdentifierHasher.Describe(failure, Hasher.DefaultRegion);

        /// <summary>The settings as one line (for an export's ledger key and messages): profile, encoding, region, columns.</summary>
        public override string ToString() =>
            Hasher.Profile + "/" + Hasher.Encoding + (Hasher.DefaultRegion == null ? string.Empty : "/" + Hasher.DefaultRegion) + ":"
            + string.Join(",", columns.Select(c => c.Name + "=" + c.Kind));

        /// <summary>Reads column name to kind from a dictionary (a PowerShell hashtable): keys are names, values kind names.</summary>
        /// <exception cref="ArgumentException">A key that is no hashable column or a value that is no kind.</exception>
        public static IReadOnlyList<KeyValuePair<string, IdentifierKind>> ParseColumns(IDictionary map)
        {
            var result = new List<KeyValuePair<string, IdentifierKind>>();
            foreach (DictionaryEntry entry in map)
            {
                var name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                try
                {
                    ColumnNumber(name);
                }
                catch (ArgumentException)
                {
                    throw Naming(new ArgumentException(NotHashable(name), nameof(map)), name);
                }

                var kindText = Convert.ToString(entry.Value, CultureInfo.InvariantCulture) ?? string.Empty;
                if (!Enum.TryParse<IdentifierKind>(kindText.Trim(), ignoreCase: true, out var kind) || !Enum.IsDefined(typeof(IdentifierKind), kind) || int.TryParse(kindText.Trim(), out _))
                {
                    throw Naming(new ArgumentException($"The column '{name}' is to be hashed as '{kindText}', which is no kind; use Email, Phone, Name or Text.", nameof(map)), name);
                }

                result.Add(new KeyValuePair<string, IdentifierKind>(name, kind));
            }

            return result;
        }

        /// <summary>The key of <see cref="Exception.Data"/> that names the column a <see cref="ParseColumns"/> error is about.</summary>
        public const string ColumnDataKey = "Column";

        private static ArgumentException Naming(ArgumentException e, string column)
        {
            e.Data[ColumnDataKey] = column;
            return e;
        }

        /// <summary>The number of a hashable column: CustomerId 2, Var1-5 8-12, EventNameAttr1-10 13-22, TransactionAttrN 22+N.</summary>
        /// <exception cref="ArgumentException">Not a hashable column.</exception>
        public static int ColumnNumber(string name)
        {
            var trimmed = (name ?? string.Empty).Trim();
            for (int n = 1; n <= OfflineDataSchema.NamedColumnCount; n++)
            {
                if (Hashable(n) && string.Equals(OfflineDataSchema.Columns[n - 1].PropertyName, trimmed, StringComparison.OrdinalIgnoreCase)) return n;
            }

            const string prefix = "TransactionAttr";
            if (trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && int.TryParse(trimmed.Substring(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k >= 1 && k <= 10000)
            {
                return OfflineDataSchema.NamedColumnCount + k;
            }

            throw new ArgumentException(NotHashable(name), nameof(name));
        }

        private static string NotHashable(string name) =>
            $"'{name}' is not a column that can be hashed; use CustomerId, Var1-Var5, EventNameAttr1-EventNameAttr10 or TransactionAttr1, TransactionAttr2, ... (the EventTransaction attributes).";

        private static string Name(int number) => number <= OfflineDataSchema.NamedColumnCount
            ? OfflineDataSchema.Columns[number - 1].PropertyName
            : "TransactionAttr" + (number - OfflineDataSchema.NamedColumnCount).ToString(CultureInfo.InvariantCulture);

        /// <summary>Text columns that can hold an identifier: not the timestamp, event type, numbers, category or event name.</summary>
        private static bool Hashable(int number) => number == 2 || number >= 8;

        private static IReadOnlyList<string> BuildNames()
        {
            var names = new List<string>();
            for (int n = 1; n <= OfflineDataSchema.NamedColumnCount; n++)
            {
                if (Hashable(n)) names.Add(OfflineDataSchema.Columns[n - 1].PropertyName);
            }

            names.Add("TransactionAttr1");
            names.Add("TransactionAttr2");
            return names;
        }
    }
}
