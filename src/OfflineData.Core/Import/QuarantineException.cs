using System;

namespace OfflineData.Core.Import
{
    /// <summary>The quarantine file could not be written or named; the import fails with nothing written.</summary>
    internal sealed class QuarantineException : Exception
    {
        public QuarantineException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
