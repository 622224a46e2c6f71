using System.Collections.Generic;
using System.Linq;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;
using Xunit;

namespace OfflineData.Core.Tests.Infrastructure
{
    /// <summary>One data row as the reader returned it.</summary>
    public sealed class ScannedRow
    {
        public ScannedRow(long line, long rowIndex, bool hasErrors, string raw, IReadOnlyList<Finding> findings, string? entry)
        {
            Line = line;
            RowIndex = rowIndex;
            HasErrors = hasErrors;
            Raw = raw;
            Findings = findings;
            Entry = entry;
        }

        public long Line { get; }
        public long RowIndex { get; }
        public bool HasErrors { get; }
        public string Raw { get; }
        public IReadOnlyList<Finding> Findings { get; }
        public string? Entry { get; }
    }

    /// <summary>Reads a whole file with <see cref="OfflineDataReader"/> and keeps every row and finding in order.</summary>
    public sealed class Scan
    {
        private Scan(List<ScannedRow> rows, List<Finding> findings, int headerRows)
        {
            Rows = rows;
            Findings = findings;
            HeaderRows = headerRows;
        }

        public List<ScannedRow> Rows { get; }

        /// <summary>Every finding, in the order the reader raised them (row ones and the trailing ones).</summary>
        public List<Finding> Findings { get; }

        public int HeaderRows { get; }

        public static Scan File(string path, OfflineDataReaderOptions? options = null)
        {
            var rows = new List<ScannedRow>();
            var findings = new List<Finding>();
            using var reader = OfflineDataReader.Open(path, options);
            while (reader.Read())
            {
                var current = reader.Findings.ToList();
                findings.AddRange(current);
                rows.Add(new ScannedRow(reader.Line, reader.RowIndex, reader.RowHasErrors, reader.RawRecord, current, reader.Entry));
            }

            findings.AddRange(reader.Findings);
            return new Scan(rows, findings, reader.HeaderRows);
        }

        /// <summary>The one finding with <paramref name="code"/> (fails when there is none or several).</summary>
        public Finding Single(FindingCode code) => Assert.Single(Findings, f => f.CodeValue == code);

        // An array, not a lazy Select: xunit's Assert.Equal(FindingCode[], IEnumerable<FindingCode>) reports enum arrays
        // against iterators as different on Mono (it takes the array's items as Int32), array against array works everywhere.
        public IReadOnlyList<FindingCode> Codes => Findings.Select(f => f.CodeValue).ToArray();

        public override string ToString() => string.Join("\n", Findings);
    }
}
