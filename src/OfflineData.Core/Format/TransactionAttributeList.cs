using System;
using System.Collections;
using System.Collections.Generic;
using System.Text;

namespace OfflineData.Core.Format
{
    /// <summary>
    /// The EventTransaction attributes of a record (columns 23 and on), in order. A read-only list of strings that
    /// PowerShell indexes, enumerates and writes to JSON as an array; as text (what <c>Export-Csv</c> writes in its
    /// one cell) it is the attributes as the format itself writes them — <c>;</c>-separated, <c>"</c>-qualified when a
    /// value holds <c>;</c>, <c>"</c> or a line break — so <see cref="Parse"/> gives back every value, in order,
    /// however many a row carries (flat Attr1..N columns could not: Export-Csv takes its columns from the first object).
    /// </summary>
    public sealed class TransactionAttributeList : IList<string>, IReadOnlyList<string>
    {
        private readonly string[] items;

        /// <summary>A list of the given values (copied).</summary>
        public TransactionAttributeList(IEnumerable<string?> values)
        {
            if (values == null) throw new ArgumentNullException(nameof(values));
            var list = new List<string>();
            foreach (var v in values) list.Add(v ?? string.Empty);
            items = list.ToArray();
        }

        private TransactionAttributeList(string[] items)
        {
            this.items = items;
        }

        /// <summary>The empty list.</summary>
        public static TransactionAttributeList Empty { get; } = new TransactionAttributeList(Array.Empty<string>());

        /// <summary>The number of attributes (the same as <see cref="Count"/>, as on the string array it replaces).</summary>
        public int Length => items.Length;

        /// <inheritdoc />
        public int Count => items.Length;

        /// <inheritdoc />
        public bool IsReadOnly => true;

        /// <summary>Attribute <paramref name="index"/> (0-based: EventTransaction Attr1 is 0).</summary>
        public string this[int index]
        {
            get => items[index];
            set => throw new NotSupportedException("The attributes of a record are read-only; assign a new list to TransactionAttributes.");
        }

        /// <summary>Wraps <paramref name="values"/> without copying it; null gives the empty list.</summary>
        public static implicit operator TransactionAttributeList(string[]? values) =>
            values == null || values.Length == 0 ? Empty : new TransactionAttributeList(values);

        /// <summary>The values as text (invariant culture); what PowerShell assigns from <c>'a', 'b'</c> or <c>@()</c>.</summary>
        public static implicit operator TransactionAttributeList(object?[]? values)
        {
            if (values == null || values.Length == 0) return Empty;
            var items = new string[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                var v = values[i] is IFormattable f ? f.ToString(null, System.Globalization.CultureInfo.InvariantCulture) : values[i]?.ToString();
                items[i] = v ?? string.Empty;
            }

            return new TransactionAttributeList(items);
        }

        /// <summary>The attributes as a new array.</summary>
        public static implicit operator string[](TransactionAttributeList? list) =>
            list == null ? Array.Empty<string>() : (string[])list.items.Clone();

        /// <summary>
        /// Reads attributes from their text form (see <see cref="ToString"/>): <c>;</c>-separated fields, a field in
        /// <c>"</c> may hold <c>;</c> and doubled quotes. Empty text is no attribute. Text that is not in that form (a
        /// stray quote) is one attribute, taken as it is.
        /// </summary>
        public static TransactionAttributeList Parse(string? text)
        {
            if (string.IsNullOrEmpty(text)) return Empty;
            var fields = new List<string>();
            var field = new StringBuilder();
            int i = 0;
            while (true)
            {
                field.Clear();
                if (i < text!.Length && text[i] == OfflineDataSchema.Quote)
                {
                    i++;
                    while (true)
                    {
                        if (i >= text.Length) return new TransactionAttributeList(new[] { text });
                        char c = text[i++];
                        if (c != OfflineDataSchema.Quote)
                        {
                            field.Append(c);
                        }
                        else if (i < text.Length && text[i] == OfflineDataSchema.Quote)
                        {
                            field.Append(c);
                            i++;
                        }
                        else
                        {
                            break;
                        }
                    }

                    if (i < text.Length && text[i] != OfflineDataSchema.Delimiter) return new TransactionAttributeList(new[] { text });
                }
                else
                {
                    while (i < text.Length && text[i] != OfflineDataSchema.Delimiter) field.Append(text[i++]);
                }

                fields.Add(field.ToString());
                if (i >= text.Length) break;
                i++; // the delimiter
            }

            return new TransactionAttributeList(fields.ToArray());
        }

        /// <summary>The attributes as the format writes them: <c>;</c>-separated, quoted where needed; <see cref="Parse"/> reads it back.</summary>
        public override string ToString()
        {
            var sb = new StringBuilder();
            for (int i = 0; i < items.Length; i++)
            {
                if (i > 0) sb.Append(OfflineDataSchema.Delimiter);
                var value = items[i];
                // An empty single value is written as "" so that it does not read back as no value at all.
                bool quote = Writing.OfflineDataWriter.NeedsQuotes(value, OfflineDataSchema.Delimiter) || (items.Length == 1 && value.Length == 0);
                if (!quote)
                {
                    sb.Append(value);
                    continue;
                }

                sb.Append(OfflineDataSchema.Quote).Append(value.Replace("\"", "\"\"")).Append(OfflineDataSchema.Quote);
            }

            return sb.ToString();
        }

        /// <inheritdoc />
        public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)items).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();

        /// <inheritdoc />
        public int IndexOf(string item) => Array.IndexOf(items, item);

        /// <inheritdoc />
        public bool Contains(string item) => Array.IndexOf(items, item) >= 0;

        /// <inheritdoc />
        public void CopyTo(string[] array, int arrayIndex) => items.CopyTo(array, arrayIndex);

        void ICollection<string>.Add(string item) => throw new NotSupportedException();

        void ICollection<string>.Clear() => throw new NotSupportedException();

        bool ICollection<string>.Remove(string item) => throw new NotSupportedException();

        void IList<string>.Insert(int index, string item) => throw new NotSupportedException();

        void IList<string>.RemoveAt(int index) => throw new NotSupportedException();
    }
}
