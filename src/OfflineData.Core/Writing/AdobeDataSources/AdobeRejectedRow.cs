namespace OfflineData.Core.Writing.AdobeDataSources
{
    /// <summary>A row that was not written to an Adobe Data Sources file: where it came from and why.</summary>
    public sealed class AdobeRejectedRow
    {
        /// <summary>Creates a rejected row.</summary>
        public AdobeRejectedRow(string code, string message, string? path, string? entry, long line, string? row)
        {
            Code = code;
            Message = message;
            Path = path;
            Entry = entry;
            Line = line;
            Row = row;
        }

        /// <summary>The stable code: an <see cref="AdobePreflightCode"/> name, or the validator's code for an invalid source row.</summary>
        public string Code { get; }

        /// <summary>What is wrong, for a person.</summary>
        public string Message { get; }

        /// <summary>The source file, if known.</summary>
        public string? Path { get; }

        /// <summary>The zip entry, if the row came from one.</summary>
        public string? Entry { get; }

        /// <summary>The 1-based physical line the row starts on in its source, or 0 when unknown.</summary>
        public long Line { get; }

        /// <summary>The row in the offline data format, if it could be read.</summary>
        public string? Row { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Path}{(Entry == null ? string.Empty : "!" + Entry)}:{Line}: {Code}: {Message}";
    }
}
