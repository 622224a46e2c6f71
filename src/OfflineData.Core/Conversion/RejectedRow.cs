using System.Globalization;

namespace OfflineData.Core.Conversion
{
    /// <summary>One source row that was not converted, located, with its reason.</summary>
    public sealed class RejectedRow
    {
        /// <summary>Creates the description.</summary>
        public RejectedRow(string path, string? entry, long line, ConversionRejectReason reason, string message, string? column, string? rawValue)
        {
            Path = path;
            Entry = entry;
            Line = line;
            Reason = reason;
            Message = message;
            Column = column;
            RawValue = rawValue;
        }

        /// <summary>The source file.</summary>
        public string Path { get; }

        /// <summary>The zip entry, or null.</summary>
        public string? Entry { get; }

        /// <summary>The physical 1-based line the row starts on in the source.</summary>
        public long Line { get; }

        /// <summary>Why the row was rejected.</summary>
        public ConversionRejectReason Reason { get; }

        /// <summary>The stable number of <see cref="Reason"/> (4xx).</summary>
        public int Code => (int)Reason;

        /// <summary>What is wrong, for a person.</summary>
        public string Message { get; }

        /// <summary>The target column concerned (e.g. <c>Num2</c>), or null.</summary>
        public string? Column { get; }

        /// <summary>The offending source value, or null.</summary>
        public string? RawValue { get; }

        /// <summary>"file[!entry]:line: Reason (4xx): message".</summary>
        public override string ToString()
        {
            return Path + (Entry != null ? "!" + Entry : string.Empty) + ":" + Line.ToString(CultureInfo.InvariantCulture)
                + ": " + Reason + " (" + Code.ToString(CultureInfo.InvariantCulture) + "): " + Message;
        }
    }
}
