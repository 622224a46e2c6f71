namespace OfflineData.Core.Store
{
    /// <summary>Filters for reading consent entries; every set filter must hold.</summary>
    public sealed class ConsentQuery
    {
        /// <summary>Customer ID, with * and ? wildcards.</summary>
        public string? CustomerId { get; set; }

        /// <summary>Consent field, with * and ? wildcards.</summary>
        public string? Scope { get; set; }

        /// <summary>Only entries with this value (exact).</summary>
        public string? Value { get; set; }

        /// <summary>
        /// False (default): only the entry that wins per customer and scope (latest <see cref="ConsentEntry.Time"/>; on a
        /// tie the one recorded last). True: every entry, newest first.
        /// </summary>
        public bool History { get; set; }

        /// <summary>At most this many entries (null = all).</summary>
        public int? First { get; set; }
    }
}
