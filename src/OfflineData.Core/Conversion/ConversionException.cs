using System;

namespace OfflineData.Core.Conversion
{
    /// <summary>A whole source file could not be converted; nothing was written to its destination.</summary>
    public sealed class ConversionException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public ConversionException(ConversionFailure failure, string message, string? path, string? entry = null, long? line = null, Exception? inner = null)
            : base(message, inner)
        {
            Failure = failure;
            Path = path;
            Entry = entry;
            Line = line;
        }

        /// <summary>The stable reason.</summary>
        public ConversionFailure Failure { get; }

        /// <summary>The file concerned (source, destination or reject file).</summary>
        public string? Path { get; }

        /// <summary>The zip entry concerned, if any.</summary>
        public string? Entry { get; }

        /// <summary>The physical line concerned, if any.</summary>
        public long? Line { get; }
    }
}
