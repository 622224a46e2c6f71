using System;

namespace OfflineData.Core.Store
{
    /// <summary>
    /// The one exception a store throws for a failure of the store itself (newer schema, busy beyond the wait limit,
    /// not a store, not writable, damaged, disk full), whatever database is behind it; <see cref="Kind"/> says which.
    /// </summary>
    public sealed class StoreException : Exception
    {
        /// <summary>Creates the exception, of kind <see cref="StoreFailureKind.Other"/>.</summary>
        public StoreException(string message)
            : this(message, StoreFailureKind.Other)
        {
        }

        /// <summary>Creates the exception with its cause, of kind <see cref="StoreFailureKind.Other"/>.</summary>
        public StoreException(string message, Exception innerException)
            : this(message, StoreFailureKind.Other, innerException)
        {
        }

        /// <summary>Creates the exception of the given kind.</summary>
        public StoreException(string message, StoreFailureKind kind)
            : base(message)
        {
            Kind = kind;
        }

        /// <summary>Creates the exception of the given kind, with its cause.</summary>
        public StoreException(string message, StoreFailureKind kind, Exception? innerException)
            : base(message, innerException)
        {
            Kind = kind;
        }

        /// <summary>Why the store failed; the cmdlets choose the error category from it.</summary>
        public StoreFailureKind Kind { get; }
    }
}
