using System;

namespace OfflineData.Core.Delivery
{
    /// <summary>
    /// The outcome of delivering one file: what was sent where under which name, how long it took and how it ended.
    /// Holds no secret (the destination is shown without password).
    /// </summary>
    public sealed class DeliveryResult
    {
        /// <summary>The local file's full path.</summary>
        public string SourcePath { get; internal set; } = string.Empty;

        /// <summary>The local file's name.</summary>
        public string FileName { get; internal set; } = string.Empty;

        /// <summary>The destination as shown (URI without password, with the login's user).</summary>
        public string Destination { get; internal set; } = string.Empty;

        /// <summary>The final remote file name in the destination's folder.</summary>
        public string RemoteName { get; internal set; } = string.Empty;

        /// <summary>The marker sent after the data file (e.g. <c>name.fin</c>), or null.</summary>
        public string? MarkerName { get; internal set; }

        /// <summary>
        /// Sent, Skipped, Failed or Recovered, as a string (so that ConvertTo-Json and Export-Csv write the
        /// name in both PowerShell editions); see <see cref="DeliveryResultStatus"/>.
        /// </summary>
        public string Status => StatusValue.ToString();

        /// <summary>The status, typed.</summary>
        internal DeliveryResultStatus StatusValue { get; set; }

        /// <summary>The bytes sent (the zip's size with compression; 0 when skipped or failed before sending).</summary>
        public long Bytes { get; internal set; }

        /// <summary>
        /// Rows left out of what was sent because their customer opted out (consent suppression); for a skipped file, the
        /// earlier delivery's count. The ledger entry records the same.
        /// </summary>
        public long SuppressedRows { get; internal set; }

        /// <summary>The local file's size in bytes.</summary>
        public long Size { get; internal set; }

        /// <summary>How long the delivery took (hashing, waiting, connecting, sending).</summary>
        public TimeSpan Duration { get; internal set; }

        /// <summary>The same in seconds: what ConvertTo-Json and Export-Csv write readably.</summary>
        public double DurationSeconds => Math.Round(Duration.TotalSeconds, 3);

        /// <summary>Connection or upload attempts made (1 when the first one succeeded; 0 when nothing was tried).</summary>
        public int Attempts { get; internal set; }

        /// <summary>SHA-256 of the local file's content, lowercase hex (before any compression).</summary>
        public string Sha256 { get; internal set; } = string.Empty;

        /// <summary>The delivery ledger entry of this delivery (for a skipped file: the earlier delivery's), or null.</summary>
        public long? LedgerId { get; internal set; }

        /// <summary>Why the file failed or was skipped (never holds a secret), or null.</summary>
        public string? Message { get; internal set; }

        /// <summary>The store whose ledger recorded the delivery (as shown, never a password).</summary>
        public string Store { get; internal set; } = string.Empty;

        /// <summary>For a failed file: what failed (a <see cref="DeliveryException"/>, a store or a local read failure).</summary>
        internal Exception? Error { get; set; }

        /// <inheritdoc />
        public override string ToString() => $"{FileName} -> {RemoteName}: {Status}";
    }
}
