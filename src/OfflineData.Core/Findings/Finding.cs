using System.Globalization;
using System.Text;

namespace OfflineData.Core.Findings
{
    /// <summary>
    /// One validation finding, located as precisely as the input allows:
    /// file, zip entry, physical line, data-row index, column and raw value.
    /// </summary>
    public sealed class Finding
    {
        /// <summary>Creates a finding.</summary>
        public Finding(
            FindingCode code,
            FindingSeverity severity,
            string message,
            string path,
            string? entry = null,
            long? line = null,
            long? rowIndex = null,
            int? columnNumber = null,
            string? columnName = null,
            string? rawValue = null)
        {
            CodeValue = code;
            SeverityValue = severity;
            Message = message;
            Path = path;
            Entry = entry;
            Line = line;
            RowIndex = rowIndex;
            ColumnNumber = columnNumber;
            ColumnName = columnName;
            RawValue = rawValue;
        }

        /// <summary>
        /// The stable code of the finding (see docs/errors.md), by name, e.g. <c>InvalidTimestamp</c>. A string, so that
        /// ConvertTo-Json and Export-Csv write the name in both PowerShell editions; <c>[FindingCode]</c> converts it.
        /// </summary>
        public string Code => CodeValue.ToString();

        /// <summary>The stable number of <see cref="Code"/>, e.g. 302 for InvalidTimestamp.</summary>
        public int CodeNumber => (int)CodeValue;

        /// <summary>Error or Warning (a string, for the same reason as <see cref="Code"/>).</summary>
        public string Severity => SeverityValue.ToString();

        /// <summary>The code, typed, for code that branches on it.</summary>
        internal FindingCode CodeValue { get; }

        /// <summary>The severity, typed.</summary>
        internal FindingSeverity SeverityValue { get; }

        /// <summary>What is wrong, in words a person understands.</summary>
        public string Message { get; }

        /// <summary>The file the finding is about.</summary>
        public string Path { get; }

        /// <summary>The zip entry the finding is about, or null for a plain or gzip file.</summary>
        public string? Entry { get; }

        /// <summary>The 1-based physical line where the row (or problem) starts; the header counts.</summary>
        public long? Line { get; }

        /// <summary>The 1-based index of the data row (header and blank lines not counted).</summary>
        public long? RowIndex { get; }

        /// <summary>The 1-based column number.</summary>
        public int? ColumnNumber { get; }

        /// <summary>The column's name, e.g. <c>Time Stamp</c> or <c>EventTransaction Attr2</c>.</summary>
        public string? ColumnName { get; }

        /// <summary>The offending raw value, shortened when huge.</summary>
        public string? RawValue { get; }

        /// <summary>"file[!entry]:line" — where to look.</summary>
        public string Location
        {
            get
            {
                // Escaped: a CR or LF in a file or zip entry name must not break the one-line message.
                var sb = new StringBuilder(DisplayText.Escape(Path));
                if (Entry != null) sb.Append('!').Append(DisplayText.Escape(Entry));
                if (Line != null) sb.Append(':').Append(Line.Value.ToString(CultureInfo.InvariantCulture));
                return sb.ToString();
            }
        }

        /// <summary>The message with its location and code, as one line.</summary>
        public override string ToString()
        {
            var sb = new StringBuilder();
            sb.Append(Location).Append(": ").Append(SeverityValue == FindingSeverity.Error ? "error " : "warning ")
              .Append(Code).Append(" (OD").Append(CodeNumber.ToString(CultureInfo.InvariantCulture)).Append("): ").Append(Message);
            return sb.ToString();
        }
    }
}
