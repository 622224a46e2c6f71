using System;
using System.IO;
using OfflineData.Core.Findings;

namespace OfflineData.Core.Containers
{
    /// <summary>
    /// The compressed layer of an input (a gzip stream, a zip archive or entry) failed, whatever the decompressor
    /// threw: the reader turns it into a located finding with <see cref="Code"/> and goes on with the next entry or file.
    /// Deliberately not an <see cref="IOException"/>: callers treat those as a failing disk, not as damaged data.
    /// </summary>
    internal sealed class CorruptInputException : Exception
    {
        public CorruptInputException(FindingCode code, string message, Exception? inner = null)
            : base(message, inner)
        {
            Code = code;
        }

        /// <summary>CorruptCompressedStream, CorruptArchive or TrailingData.</summary>
        public FindingCode Code { get; }
    }
}
