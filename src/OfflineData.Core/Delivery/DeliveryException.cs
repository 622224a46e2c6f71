using System;

namespace OfflineData.Core.Delivery
{
    /// <summary>
    /// The one exception delivery throws, whatever the protocol; <see cref="Kind"/> says why. Messages name the
    /// destination (host, port, user) and never a password or passphrase.
    /// </summary>
    public sealed class DeliveryException : Exception
    {
        /// <summary>Creates the exception of the given kind.</summary>
        public DeliveryException(string message, DeliveryFailureKind kind)
            : this(message, kind, null)
        {
        }

        /// <summary>Creates the exception of the given kind, with its cause.</summary>
        public DeliveryException(string message, DeliveryFailureKind kind, Exception? innerException)
            : this(message, kind, innerException, null)
        {
        }

        /// <summary>Creates the exception of the given kind, with its cause and the host key fingerprint the server presented.</summary>
        public DeliveryException(string message, DeliveryFailureKind kind, Exception? innerException, string? presentedFingerprint)
            : base(message, innerException)
        {
            Kind = kind;
            PresentedFingerprint = presentedFingerprint;
        }

        /// <summary>Why the delivery failed.</summary>
        public DeliveryFailureKind Kind { get; }

        /// <summary>
        /// For <see cref="DeliveryFailureKind.HostKeyMismatch"/>: the fingerprint the server presented: an SSH host key's
        /// <c>SHA256:base64</c>, or an FTPS certificate's SHA-256 in hex (<c>AB:CD:…</c>, as openssl prints it).
        /// </summary>
        public string? PresentedFingerprint { get; }
    }
}
