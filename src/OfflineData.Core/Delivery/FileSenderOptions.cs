using System;
using OfflineData.Core.Consent;

namespace OfflineData.Core.Delivery
{
    /// <summary>What a delivery run does: where, how files are named, and how hard it tries.</summary>
    public sealed class FileSenderOptions
    {
        /// <summary>The default threshold of unprocessed data in the remote folder above which a <see cref="DeliveryMarker.Fin"/> run waits: Adobe pauses processing at 50 MB.</summary>
        public const long DefaultPendingLimitBytes = 50L * 1024 * 1024;

        /// <summary>Creates options for a destination.</summary>
        public FileSenderOptions(DeliveryDestination destination, DeliveryConnectOptions connect)
        {
            Destination = destination ?? throw new ArgumentNullException(nameof(destination));
            Connect = connect ?? throw new ArgumentNullException(nameof(connect));
        }

        /// <summary>Where the files go.</summary>
        public DeliveryDestination Destination { get; }

        /// <summary>How to connect and log in.</summary>
        public DeliveryConnectOptions Connect { get; }

        /// <summary>Send content the ledger says was sent before, and replace remote files of the same name.</summary>
        public bool Force { get; set; }

        /// <summary>The remote name pattern (tokens: see the cmdlet's help); null for the local file name.</summary>
        public string? NamePattern { get; set; }

        /// <summary>The value of the <c>{ReportSuite}</c> token.</summary>
        public string? ReportSuite { get; set; }

        /// <summary>The suffix of the temporary name the data is uploaded under before the rename.</summary>
        public string TemporarySuffix { get; set; } = RemoteHandover.DefaultTemporarySuffix;

        /// <summary>Zip each file on the way (the remote name becomes <c>&lt;basename&gt;.zip</c>).</summary>
        public bool Compress { get; set; }

        /// <summary>The marker after each data file.</summary>
        public DeliveryMarker Marker { get; set; }

        /// <summary>How many times a transient failure (server unavailable, I/O) is retried, with exponential back-off.</summary>
        public int RetryCount { get; set; } = 3;

        /// <summary>The first back-off delay; each retry doubles it (at most <see cref="MaxRetryDelay"/>).</summary>
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>The longest back-off delay between two attempts.</summary>
        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>
        /// How long one file waits at most for another live run sending the same content to the same destination to end,
        /// and, with <see cref="DeliveryMarker.Fin"/>, for the remote folder to drain below <see cref="PendingLimitBytes"/>.
        /// </summary>
        public TimeSpan MaxWait { get; set; } = TimeSpan.FromMinutes(30);

        /// <summary>With <see cref="DeliveryMarker.Fin"/>: a file waits while the remote folder's unprocessed <c>.txt</c> and <c>.zip</c> files total this many bytes or more.</summary>
        public long PendingLimitBytes { get; set; } = DefaultPendingLimitBytes;

        /// <summary>The first interval between two listings (or two claims of a delivery another run holds) while waiting; it doubles up to <see cref="MaxPollInterval"/>.</summary>
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>The longest interval between two listings while waiting.</summary>
        public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>
        /// After sending, list this sub-folder of the destination (Adobe moves failed files to <c>files_with_errors</c>)
        /// and warn for every file of this run found there; null to not look.
        /// </summary>
        public string? ErrorFolder { get; set; }

        /// <summary>
        /// The customers whose rows may not leave (loaded once per run from the store). Files of a known format are sent
        /// filtered when they hold such rows (unchanged otherwise); a file whose rows cannot be checked is refused as
        /// <see cref="DeliveryFailureKind.ConsentUnverifiable"/> while any customer is suppressed.
        /// </summary>
        public ConsentSuppression Suppression { get; set; } = ConsentSuppression.None;

        /// <summary>
        /// Full paths of files that an export wrote under the same consent policy (Export-OfflineData, Export-AdobeDataSource):
        /// when their rows cannot be checked (an Adobe transactionID file) they are sent unchanged instead of refused.
        /// Files of a known format are checked all the same.
        /// </summary>
        public System.Collections.Generic.ISet<string> ConsentAppliedPaths { get; } = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);

        /// <summary>The store the ledger belongs to, as shown (copied into each result).</summary>
        public string StoreName { get; set; } = string.Empty;
    }
}
