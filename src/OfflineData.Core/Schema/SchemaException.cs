using System;

namespace OfflineData.Core.Schema
{
    /// <summary>A target schema or attribute map could not be read; says where (file, line, position, the <c>$ref</c>).</summary>
    public sealed class SchemaException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public SchemaException(SchemaFailure failure, string message, string path, long? line = null, long? position = null, string? reference = null, Exception? inner = null)
            : base(message, inner)
        {
            Failure = failure;
            Path = path;
            Line = line;
            Position = position;
            Reference = reference;
        }

        /// <summary>The stable reason.</summary>
        public SchemaFailure Failure { get; }

        /// <summary>The schema or map file.</summary>
        public string Path { get; }

        /// <summary>The 1-based line, when known.</summary>
        public long? Line { get; }

        /// <summary>The 1-based position in the line (bytes for JSON, as its reader counts), when known.</summary>
        public long? Position { get; }

        /// <summary>The <c>$ref</c> that named nothing, for <see cref="SchemaFailure.SchemaRefNotFound"/>.</summary>
        public string? Reference { get; }
    }
}
