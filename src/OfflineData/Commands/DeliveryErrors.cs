using System.Management.Automation;
using OfflineData.Core.Delivery;

namespace OfflineData.Commands
{
    /// <summary>
    /// The error id and category of each delivery failure kind, in one place for every delivery cmdlet. The target is
    /// the destination as shown (no secret).
    /// </summary>
    internal static class DeliveryErrors
    {
        public static ErrorRecord ToErrorRecord(DeliveryException e, string target)
        {
            var (id, category) = e.Kind switch
            {
                DeliveryFailureKind.Negotiation => (ErrorIds.SshNegotiationFailed, ErrorCategory.ProtocolError),
                // Send-OfflineDataFile (issue 10, next) adds HostKeyMismatch, Authentication, RemoteExists and IO here.
                _ => (ErrorIds.DeliveryUnavailable, ErrorCategory.ConnectionError),
            };
            return new ErrorRecord(e, id, category, target);
        }
    }
}
