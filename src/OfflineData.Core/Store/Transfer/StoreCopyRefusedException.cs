using System;

namespace OfflineData.Core.Store.Transfer
{
    /// <summary>A copy refused before anything was written; <see cref="Reason"/> says why, the message what to do.</summary>
    internal sealed class StoreCopyRefusedException : Exception
    {
        public StoreCopyRefusedException(StoreCopyRefusal reason, string message)
            : base(message)
        {
            Reason = reason;
        }

        /// <summary>Why the copy was refused.</summary>
        public StoreCopyRefusal Reason { get; }
    }
}
