using System.Management.Automation;
using OfflineData.Core.Delivery;

namespace OfflineData.Commands
{
    /// <summary>
    /// The error id and category of each delivery failure kind, in one place for every delivery cmdlet.
    /// </summary>
    internal static class DeliveryErrors
    {
        /// <summary>The error id and category of a failure kind at a destination of <paramref name="scheme"/> (<c>sftp</c>, <c>ftps</c>, ...).</summary>
        public static (string Id, ErrorCategory Category) Classify(DeliveryFailureKind kind, string? scheme = null) => kind switch
        {
            // FTPS negotiates TLS (AUTH TLS, the handshake, PROT P), not SSH algorithms: its own id, so a filter on either is exact.
            DeliveryFailureKind.Negotiation when scheme == "ftp" || scheme == "ftps" => (ErrorIds.TlsNegotiationFailed, ErrorCategory.ProtocolError),
            DeliveryFailureKind.Negotiation => (ErrorIds.SshNegotiationFailed, ErrorCategory.ProtocolError),
            DeliveryFailureKind.Authentication => (ErrorIds.DeliveryAuthenticationFailed, ErrorCategory.AuthenticationError),
            DeliveryFailureKind.HostKeyMismatch => (ErrorIds.HostKeyMismatch, ErrorCategory.SecurityError),
            DeliveryFailureKind.RemoteExists => (ErrorIds.RemoteFileExists, ErrorCategory.ResourceExists),
            DeliveryFailureKind.IO => (ErrorIds.DeliveryWriteFailed, ErrorCategory.WriteError),
            DeliveryFailureKind.FolderNotFound => (ErrorIds.DeliveryFolderNotFound, ErrorCategory.ObjectNotFound),
            DeliveryFailureKind.Busy => (ErrorIds.DeliveryFolderBusy, ErrorCategory.ResourceBusy),
            DeliveryFailureKind.InProgress => (ErrorIds.DeliveryInProgress, ErrorCategory.ResourceBusy),
            // The file, not the server: its rows cannot be checked against the opt-outs.
            DeliveryFailureKind.ConsentUnverifiable => (ErrorIds.ConsentUnverifiable, ErrorCategory.SecurityError),
            _ => (ErrorIds.DeliveryUnavailable, ErrorCategory.ConnectionError),
        };

        /// <summary>The error record of a failure; <paramref name="target"/> is the destination as shown (no secret) or the file.</summary>
        public static ErrorRecord ToErrorRecord(DeliveryException e, object target, DeliveryDestination? destination = null)
        {
            var (id, category) = Classify(e.Kind, destination?.Scheme);
            return new ErrorRecord(e, id, category, target);
        }
    }
}
