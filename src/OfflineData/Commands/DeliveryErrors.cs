using System.Management.Automation;
using OfflineData.Core.Delivery;

namespace OfflineData.Commands
{
    /// <summary>
    /// The error id and category of each delivery failure kind, in one place for every delivery cmdlet.
    /// </summary>
    internal static class DeliveryErrors
    {
        /// <summary>The error id and category of a failure kind.</summary>
        public static (string Id, ErrorCategory Category) Classify(DeliveryFailureKind kind) => kind switch
        {
            DeliveryFailureKind.Negotiation => (ErrorIds.SshNegotiationFailed, ErrorCategory.ProtocolError),
            DeliveryFailureKind.Authentication => (ErrorIds.DeliveryAuthenticationFailed, ErrorCategory.AuthenticationError),
            DeliveryFailureKind.HostKeyMismatch => (ErrorIds.HostKeyMismatch, ErrorCategory.SecurityError),
            DeliveryFailureKind.RemoteExists => (ErrorIds.RemoteFileExists, ErrorCategory.ResourceExists),
            DeliveryFailureKind.IO => (ErrorIds.DeliveryWriteFailed, ErrorCategory.WriteError),
            DeliveryFailureKind.Busy => (ErrorIds.DeliveryFolderBusy, ErrorCategory.ResourceBusy),
            DeliveryFailureKind.InProgress => (ErrorIds.DeliveryInProgress, ErrorCategory.ResourceBusy),
            _ => (ErrorIds.DeliveryUnavailable, ErrorCategory.ConnectionError),
        };

        /// <summary>The error record of a failure; <paramref name="target"/> is the destination as shown (no secret) or the file.</summary>
        public static ErrorRecord ToErrorRecord(DeliveryException e, object target)
        {
            var (id, category) = Classify(e.Kind);
            return new ErrorRecord(e, id, category, target);
        }
    }
}
