using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace OfflineData.Core.Import
{
    /// <summary>
    /// Writes rejected rows, with where they were and why, to a semicolon-separated UTF-8 file:
    /// <c>Line;Entry;Row;Codes;Messages;Record</c>, the raw record last and quoted, so nothing rejected is lost.
    /// The file is written under a temporary name and only gets its final name when the import commits.
    /// </summary>
    internal sealed class QuarantineWriter : IDisposable
    {
        public const string Header = "Line;Entry;Row;Codes;Messages;Record";

        private readonly string partialPath;
        private StreamWriter? writer;

        public QuarantineWriter(string finalPath)
        {
            FinalPath = finalPath;
            partialPath = finalPath + ".partial";
        }

        public string FinalPath { get; }

        public bool HasRows => writer != null;

        public void Write(long line, string? entry, long row, IEnumerable<Finding> errors, string rawRecord)
        {
            if (writer == null)
            {
                var directory = Path.GetDirectoryName(partialPath);
                if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
                writer = new StreamWriter(new FileStream(partialPath, FileMode.Create, FileAccess.Write, FileShare.Read), new UTF8Encoding(false));
                writer.NewLine = "\n";
                writer.WriteLine(Header);
            }

            var list = errors.ToList();
            writer.Write(line.ToString(CultureInfo.InvariantCulture));
            writer.Write(';');
            writer.Write(Quote(entry ?? string.Empty));
            writer.Write(';');
            writer.Write(row.ToString(CultureInfo.InvariantCulture));
            writer.Write(';');
            writer.Write(Quote(string.Join(",", list.Select(f => "OD" + f.CodeNumber.ToString(CultureInfo.InvariantCulture) + " " + f.Code))));
            writer.Write(';');
            writer.Write(Quote(string.Join(" | ", list.Select(f => (f.ColumnName != null ? f.ColumnName + ": " : string.Empty) + f.Message))));
            writer.Write(';');
            writer.WriteLine(Quote(rawRecord));
        }

        /// <summary>Closes the file and gives it its final name (replacing a leftover of an earlier killed run).</summary>
        public void Complete()
        {
            if (writer == null) return;
            writer.Dispose();
            writer = null;
            if (File.Exists(FinalPath)) File.Delete(FinalPath);
            File.Move(partialPath, FinalPath);
        }

        /// <summary>Removes the partial file of an import that did not commit.</summary>
        public void Dispose()
        {
            if (writer == null) return;
            writer.Dispose();
            writer = null;
            try
            {
                File.Delete(partialPath);
            }
            catch (IOException)
            {
                // Best effort: a leftover .partial file is never mistaken for a quarantine file.
            }
        }

        private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";
    }
}
