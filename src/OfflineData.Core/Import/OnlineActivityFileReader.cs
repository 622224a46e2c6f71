using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using OfflineData.Core.Findings;

namespace OfflineData.Core.Import
{
    /// <summary>
    /// Streams an online activity CSV file: a header row naming a timestamp, a visitor ID, optionally a transaction ID,
    /// and any further columns as state dimensions. The delimiter (',' ';' or tab) is detected; UTF-8 with or without BOM.
    /// Every row comes back, valid or with a located error, in one pass.
    /// </summary>
    public static class OnlineActivityFileReader
    {
        /// <summary>Reads <paramref name="path"/> row by row.</summary>
        public static IEnumerable<OnlineInputRow> Read(string path, Action<long, long>? progress = null)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            using var text = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            string? badData = null;
            var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                DetectDelimiter = true,
                DetectDelimiterValues = new[] { ",", ";", "\t" },
                BadDataFound = args => badData = args.RawRecord,
                MissingFieldFound = null,
                TrimOptions = TrimOptions.None,
            };
            using var csv = new CsvReader(text, configuration);
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord == null)
            {
                yield return new OnlineInputRow(null, OnlineActivityFactory.Error(FindingCode.MissingOnlineColumn, "The file is empty; it needs a header row naming Timestamp and VisitorId columns.", path, 1, null, null));
                yield break;
            }

            var header = csv.HeaderRecord;
            bool hasTime = false, hasVisitor = false;
            foreach (var name in header)
            {
                var role = OnlineActivityFactory.RoleOf(name);
                hasTime |= role == OnlineFieldRole.Timestamp;
                hasVisitor |= role == OnlineFieldRole.VisitorId;
            }

            if (!hasTime || !hasVisitor)
            {
                yield return new OnlineInputRow(null, OnlineActivityFactory.Error(FindingCode.MissingOnlineColumn,
                    $"The header '{DisplayText.Escape(string.Join(",", header))}' has no {(hasTime ? string.Empty : "Timestamp ")}{(hasTime || hasVisitor ? string.Empty : "and no ")}{(hasVisitor ? string.Empty : "VisitorId ")}column; expected Timestamp, VisitorId, optionally TransactionId, then state columns.",
                    path, 1, null, string.Join(",", header)));
                yield break;
            }

            long lastLine = csv.Parser.RawRow;
            while (csv.Read())
            {
                long line = lastLine + 1;
                lastLine = csv.Parser.RawRow;
                if (badData != null || csv.Parser.Count != header.Length)
                {
                    var raw = badData ?? csv.Parser.RawRecord.TrimEnd('\r', '\n');
                    var why = badData != null ? "a quote is misplaced or never closed" : $"it has {csv.Parser.Count} field(s) where the header has {header.Length}";
                    badData = null;
                    yield return new OnlineInputRow(null, OnlineActivityFactory.Error(FindingCode.MalformedOnlineRow, $"The row cannot be read: {why}.", path, line, null, raw));
                    continue;
                }

                var fields = new List<KeyValuePair<string, object?>>(header.Length);
                for (int i = 0; i < header.Length; i++) fields.Add(new KeyValuePair<string, object?>(header[i], csv.Parser[i]));
                var activity = OnlineActivityFactory.Create(path, line, fields, out var error);
                yield return new OnlineInputRow(activity, error);
                progress?.Invoke(stream.Position, stream.Length);
            }
        }
    }
}
