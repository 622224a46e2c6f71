using System;

namespace OfflineData.Core.Store
{
    /// <summary>
    /// One recorded consent decision of a customer (Adobe's consent model, seed 003): the customer, the consent field
    /// (<c>collect</c>, <c>share</c>, <c>marketing.email</c>, …), the value (<c>y</c>, <c>n</c>, <c>p</c>, <c>u</c>,
    /// <c>LI</c>, <c>CT</c>, <c>CP</c>, <c>VI</c>, <c>PI</c>) and when the customer decided. For a customer and scope the
    /// entry with the latest <see cref="Time"/> wins.
    /// </summary>
    public sealed class ConsentEntry
    {
        /// <summary>The store's ID of the entry (0 before it is stored).</summary>
        public long Id { get; set; }

        /// <summary>The customer ID, as in the offline data's CustomerId column.</summary>
        public string CustomerId { get; set; } = string.Empty;

        /// <summary>The consent field, lowercase (e.g. <c>collect</c>, <c>marketing.email</c>).</summary>
        public string Scope { get; set; } = ConsentPolicy.DefaultScope;

        /// <summary>The consent value: <c>y</c>, <c>n</c>, <c>p</c>, <c>u</c> lowercase; <c>LI</c>, <c>CT</c>, <c>CP</c>, <c>VI</c>, <c>PI</c> uppercase.</summary>
        public string Value { get; set; } = ConsentPolicy.OptOutValue;

        /// <summary>
        /// When the customer decided, in UTC (offset zero as read from a store). An offset, not a bare date and time,
        /// so that Export-Csv and ConvertTo-Json write it with its zone and the file reads back without a guess.
        /// </summary>
        public DateTimeOffset Time { get; set; }

        /// <summary>Where the entry came from: a file with its physical line (no secret), or <c>pipeline</c>.</summary>
        public string Source { get; set; } = string.Empty;

        /// <summary>When the store recorded it (UTC).</summary>
        public DateTime RecordedAt { get; set; }

        /// <summary>The display name of the store the entry was read from (never a secret).</summary>
        public string Store { get; set; } = string.Empty;
    }
}
