using System;

namespace OfflineData.Core.Exporting
{
    /// <summary>A history export that cannot run as asked (range, batching) or cannot write its files.</summary>
    public sealed class ExportException : Exception
    {
        /// <summary>Creates the exception with a stable <paramref name="errorId"/> (see docs/errors.md).</summary>
        public ExportException(string errorId, string message, string? target = null, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Target = target;
        }

        /// <summary>The stable error ID, e.g. ExportRangeTooLong.</summary>
        public string ErrorId { get; }

        /// <summary>What the error is about (a date range or a path), for the error record's target.</summary>
        public string? Target { get; }

        /// <summary>True for a problem with the request itself (range, batching), false for a failure while writing.</summary>
        public bool IsInvalidArgument => ErrorId == ExportRange.TooLongId || ErrorId == ExportRange.EmptyId;
    }
}
