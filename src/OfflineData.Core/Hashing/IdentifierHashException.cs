using System;

namespace OfflineData.Core.Hashing
{
    /// <summary>A value could not be normalised for hashing; the message names the kind, never the value.</summary>
    public sealed class IdentifierHashException : FormatException
    {
        /// <summary>Creates the exception.</summary>
        public IdentifierHashException(IdentifierFailure failure, string message)
            : base(message)
        {
            Failure = failure;
        }

        /// <summary>The stable code.</summary>
        public IdentifierFailure Failure { get; }
    }
}
