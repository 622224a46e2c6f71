using System;
using System.IO;
using System.Management.Automation;

namespace OfflineData.Commands.Paths
{
    /// <summary>
    /// One rule for "this input file cannot be read" across the cmdlets: ErrorId FileReadFailed, the file
    /// named in the message, PermissionDenied for access errors and ReadError otherwise, the path as target.
    /// </summary>
    internal static class FileReadErrors
    {
        /// <summary>The ErrorId of every input-file read failure.</summary>
        public const string FileReadFailedErrorId = ErrorIds.FileReadFailed;

        /// <summary>Whether <paramref name="e"/> is a failure to read a file (rather than a bug).</summary>
        public static bool IsReadFailure(Exception e) => e is IOException || e is UnauthorizedAccessException;

        /// <summary>The error record for a file that could not be read; <paramref name="consequence"/> says what was not done.</summary>
        public static ErrorRecord ReadFailed(string path, Exception e, string? consequence = null)
        {
            var message = $"Cannot read '{path}': {e.Message}";
            if (consequence != null) message += " " + consequence;
            Exception wrapped = e is UnauthorizedAccessException
                ? new UnauthorizedAccessException(message, e)
                : new IOException(message, e);
            var category = e is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.ReadError;
            return new ErrorRecord(wrapped, FileReadFailedErrorId, category, path);
        }
    }
}
