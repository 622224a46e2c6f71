using System;
using System.Collections.Generic;
using System.Linq;

namespace OfflineData.Core.Writing.AdobeDataSources
{
    /// <summary>
    /// Which Adobe columns a file has and where each value comes from, in column order. <see cref="Default"/> is the
    /// documented mapping from the offline data format; <see cref="With"/> overrides or adds a column,
    /// <see cref="Without"/> removes one. Headers are canonicalised (<c>eVar1</c> → <c>Evar 1</c>).
    /// </summary>
    public sealed class AdobeColumnMap
    {
        private readonly List<KeyValuePair<string, AdobeValueSource>> columns;

        private AdobeColumnMap(AdobeTemplate template, List<KeyValuePair<string, AdobeValueSource>> columns)
        {
            Template = template;
            this.columns = columns;
        }

        /// <summary>The template: which key column follows Date.</summary>
        public AdobeTemplate Template { get; }

        /// <summary>The mapped columns after Date (the key column first), as canonical header and source.</summary>
        public IReadOnlyList<KeyValuePair<string, AdobeValueSource>> Columns => columns;

        /// <summary>
        /// The default mapping: the key column (<c>transactionID</c> ← the transaction ID, or <c>VisitorID</c> ← Customer
        /// ID), then <c>Product</c> ← Event Name (the product code), <c>Category</c> ← Category (the product category
        /// code), <c>Quantity</c> ← Num1 (the amount bought), <c>Price</c> ← Num2 (total sales: Adobe's Price is the
        /// row's revenue, not a unit price), <c>Orders</c> ← <see cref="AdobeValueSource.PurchaseOrder"/>.
        /// </summary>
        public static AdobeColumnMap Default(AdobeTemplate template)
        {
            var list = new List<KeyValuePair<string, AdobeValueSource>>
            {
                template == AdobeTemplate.TransactionId
                    ? Pair(AdobeHeaders.TransactionId, AdobeValueSource.TransactionId)
                    : Pair(AdobeHeaders.VisitorId, AdobeValueSource.Column(2)),
                Pair("Product", AdobeValueSource.Column(5)),
                Pair("Category", AdobeValueSource.Column(4)),
                Pair("Quantity", AdobeValueSource.Column(6)),
                Pair("Price", AdobeValueSource.Column(7)),
                Pair("Orders", AdobeValueSource.PurchaseOrder),
            };
            return new AdobeColumnMap(template, list);
        }

        /// <summary>This mapping with <paramref name="header"/> (any spelling Adobe accepts) taken from <paramref name="source"/>: replaced in place, or added at the end.</summary>
        /// <exception cref="ArgumentException">Adobe does not support the header (the message lists the supported ones).</exception>
        public AdobeColumnMap With(string header, AdobeValueSource source)
        {
            if (source == null) throw new ArgumentNullException(nameof(source));
            var canonical = CanonicalizeForTemplate(header);
            var list = new List<KeyValuePair<string, AdobeValueSource>>(columns);
            int at = list.FindIndex(c => c.Key == canonical);
            if (at >= 0) list[at] = Pair(canonical, source);
            else list.Add(Pair(canonical, source));
            return new AdobeColumnMap(Template, list);
        }

        /// <summary>This mapping without <paramref name="header"/> (the key column cannot be removed).</summary>
        /// <exception cref="ArgumentException">Adobe does not support the header, or it is the template's key column.</exception>
        public AdobeColumnMap Without(string header)
        {
            var canonical = CanonicalizeForTemplate(header);
            if (canonical == KeyHeader) throw new ArgumentException($"'{KeyHeader}' is the key column of the {Template} template and cannot be removed; map it to another column instead.");
            return new AdobeColumnMap(Template, columns.Where(c => c.Key != canonical).ToList());
        }

        /// <summary>The key column's header: transactionID or VisitorID.</summary>
        public string KeyHeader => Template == AdobeTemplate.TransactionId ? AdobeHeaders.TransactionId : AdobeHeaders.VisitorId;

        /// <summary>The header row's cells: Date, then the mapped columns.</summary>
        public IReadOnlyList<string> Headers => new[] { AdobeHeaders.Date }.Concat(columns.Select(c => c.Key)).ToList();

        private string CanonicalizeForTemplate(string header)
        {
            if (header == null) throw new ArgumentNullException(nameof(header));
            if (Template == AdobeTemplate.CustomerId && string.Equals(header.Replace(" ", string.Empty), AdobeHeaders.VisitorId, StringComparison.OrdinalIgnoreCase))
            {
                return AdobeHeaders.VisitorId;
            }

            return AdobeHeaders.Canonicalize(header);
        }

        private static KeyValuePair<string, AdobeValueSource> Pair(string header, AdobeValueSource source) => new KeyValuePair<string, AdobeValueSource>(header, source);

        /// <inheritdoc />
        public override string ToString() => string.Join(", ", Headers.Skip(1).Zip(columns, (h, c) => h + " <- " + c.Value.Name));
    }
}
