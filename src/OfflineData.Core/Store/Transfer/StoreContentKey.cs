using System;
using System.Globalization;

namespace OfflineData.Core.Store.Transfer
{
    /// <summary>
    /// Where a table's copy has got to: the key of the last item written, in the source's own key order (see
    /// <see cref="IStoreContentSource"/>). Report suites are keyed by <see cref="ReportSuite"/>; online transactions and
    /// visitors by <see cref="ReportSuite"/> and <see cref="Text"/> (the transaction or visitor ID); imports and offline
    /// rows by <see cref="Id"/>. The destination keeps it in its copy marker and hands it back to the same source only.
    /// </summary>
    internal sealed class StoreContentKey : IEquatable<StoreContentKey>
    {
        private StoreContentKey(string? reportSuite, string? text, long? id)
        {
            ReportSuite = reportSuite;
            Text = text;
            Id = id;
        }

        /// <summary>The report suite part (report suites, transactions, visitors).</summary>
        public string? ReportSuite { get; }

        /// <summary>The transaction or visitor ID (transactions, visitors).</summary>
        public string? Text { get; }

        /// <summary>The ID (imports, offline rows).</summary>
        public long? Id { get; }

        /// <summary>The key of a report suite.</summary>
        public static StoreContentKey OfReportSuite(string id) => new StoreContentKey(id, null, null);

        /// <summary>The key of an online transaction or a visitor.</summary>
        public static StoreContentKey OfPair(string reportSuite, string id) => new StoreContentKey(reportSuite, id, null);

        /// <summary>The key of an import or an offline row.</summary>
        public static StoreContentKey OfId(long id) => new StoreContentKey(null, null, id);

        /// <summary>A key as a store keeps it in its copy marker (three nullable columns).</summary>
        public static StoreContentKey? FromParts(string? reportSuite, string? text, long? id) =>
            reportSuite == null && text == null && id == null ? null : new StoreContentKey(reportSuite, text, id);

        /// <inheritdoc />
        public bool Equals(StoreContentKey? other) =>
            other != null && string.Equals(ReportSuite, other.ReportSuite, StringComparison.Ordinal)
            && string.Equals(Text, other.Text, StringComparison.Ordinal) && Id == other.Id;

        /// <inheritdoc />
        public override bool Equals(object? obj) => Equals(obj as StoreContentKey);

        /// <inheritdoc />
        public override int GetHashCode() => (ReportSuite?.GetHashCode() ?? 0) ^ (Text?.GetHashCode() ?? 0) ^ Id.GetHashCode();

        /// <summary>The key in words, for messages.</summary>
        public override string ToString() =>
            Id.HasValue ? Id.Value.ToString(CultureInfo.InvariantCulture) : Text == null ? ReportSuite ?? string.Empty : ReportSuite + "/" + Text;
    }
}
