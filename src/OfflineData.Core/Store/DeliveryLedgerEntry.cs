using System;

namespace OfflineData.Core.Store
{
    /// <summary>
    /// One delivery of one file's content to one destination: what "the same content to the same destination" means
    /// for exactly-once sending. Holds no secret: the destination is written as shown (URI without password).
    /// </summary>
    public sealed class DeliveryLedgerEntry
    {
        /// <summary>The ledger ID.</summary>
        public long Id { get; set; }

        /// <summary>The destination without any secret, e.g. <c>sftp://upload@example.com:2222/in</c>; the key that, with <see cref="Sha256"/>, makes a delivery a repeat.</summary>
        public string Destination { get; set; } = string.Empty;

        /// <summary>The local file's full path when it was sent.</summary>
        public string SourcePath { get; set; } = string.Empty;

        /// <summary>The local file's name.</summary>
        public string FileName { get; set; } = string.Empty;

        /// <summary>The final remote file name (in the destination's folder).</summary>
        public string RemoteName { get; set; } = string.Empty;

        /// <summary>The marker file sent after the data file (e.g. <c>name.fin</c>), or null.</summary>
        public string? MarkerName { get; set; }

        /// <summary>SHA-256 of the local file's bytes, lowercase hex (of the file as given, before any compression).</summary>
        public string Sha256 { get; set; } = string.Empty;

        /// <summary>The bytes sent (the compressed size when the file was zipped on the way).</summary>
        public long Size { get; set; }

        /// <summary>
        /// Rows of the file left out of what was sent because their customer opted out (consent suppression, decided when
        /// the delivery started); 0 when nothing was suppressed or the entry predates suppression.
        /// </summary>
        public long SuppressedRows { get; set; }

        /// <summary>When the delivery started (UTC, offset +00:00).</summary>
        public DateTimeOffset StartedAt { get; set; }

        /// <summary>When the delivery ended (UTC, offset +00:00), or null while started.</summary>
        public DateTimeOffset? EndedAt { get; set; }

        /// <summary>Started, Sent or Failed (a string, so that ConvertTo-Json and Export-Csv write the name in both PowerShell editions).</summary>
        public string Status => StatusValue.ToString();

        /// <summary>The status, typed.</summary>
        internal DeliveryStatus StatusValue { get; set; }

        /// <summary>Connection or upload attempts made (1 when the first one succeeded).</summary>
        public int Attempts { get; set; }

        /// <summary>Why a failed delivery failed (never holds a secret).</summary>
        public string? Message { get; set; }

        /// <summary>The store this entry came from (for SQLite the full path of the store file), so a pipeline stays on it.</summary>
        public string Store { get; set; } = string.Empty;

        /// <summary>How long the delivery took.</summary>
        public TimeSpan? Duration => EndedAt.HasValue ? EndedAt.Value - StartedAt : (TimeSpan?)null;
    }
}
