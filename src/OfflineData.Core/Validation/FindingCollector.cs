using System.Collections.Generic;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;

namespace OfflineData.Core.Validation
{
    /// <summary>
    /// Collects the findings of one kind (a row's, or the file's) as the rules raise them: it places each finding
    /// in its file and zip entry, names the column, shortens the raw value, and knows whether an error was raised.
    /// </summary>
    internal sealed class FindingCollector
    {
        private readonly List<Finding> items = new List<Finding>();

        public FindingCollector(string path)
        {
            Path = path;
        }

        /// <summary>The file every finding names.</summary>
        public string Path { get; }

        /// <summary>The zip entry being read, or null.</summary>
        public string? Entry { get; set; }

        /// <summary>The findings since the last <see cref="Clear"/>, in the order they were raised.</summary>
        public IReadOnlyList<Finding> Items => items;

        /// <summary>Whether one of <see cref="Items"/> is an error.</summary>
        public bool HasErrors { get; private set; }

        public int Count => items.Count;

        public void Clear()
        {
            if (items.Count > 0) items.Clear();
            HasErrors = false;
        }

        /// <summary>Adds a finding made elsewhere (the container layer's).</summary>
        public void Add(Finding finding)
        {
            items.Add(finding);
            if (finding.SeverityValue == FindingSeverity.Error) HasErrors = true;
        }

        /// <summary>Adds a finding; its severity is the code's (<see cref="FindingCodeInfo.SeverityOf"/>).</summary>
        /// <param name="code">What is wrong.</param>
        /// <param name="message">The message, from <see cref="FindingMessages"/>.</param>
        /// <param name="line">The physical line, or null.</param>
        /// <param name="rowIndex">The data row within its entry, or null for a file-level finding.</param>
        /// <param name="fieldIndex">The 0-based field, or null.</param>
        /// <param name="raw">The raw value or row, shortened here.</param>
        public void Add(FindingCode code, string message, long? line, long? rowIndex = null, int? fieldIndex = null, string? raw = null)
        {
            var severity = FindingCodeInfo.SeverityOf(code);
            if (severity == FindingSeverity.Error) HasErrors = true;
            int? number = fieldIndex + 1;
            items.Add(new Finding(
                code,
                severity,
                message,
                Path,
                Entry,
                line,
                rowIndex,
                number,
                number != null ? OfflineDataSchema.GetColumnName(number.Value) : null,
                raw != null ? FindingMessages.Shorten(raw) : null));
        }
    }
}
