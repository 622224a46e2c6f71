using System;

namespace OfflineData.Core.Store
{
    /// <summary>The store cannot be used: newer schema, busy beyond the wait limit, not a store, or not writable.</summary>
    public sealed class StoreException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public StoreException(string message)
            : base(message)
        {
        }

        /// <summary>Creates the exception with its cause.</summary>
        public StoreException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
