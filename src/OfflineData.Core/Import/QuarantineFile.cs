using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using OfflineData.Core.Findings;

namespace OfflineData.Core.Import
{
    /// <summary>
    /// Reads back what <see cref="QuarantineWriter"/> wrote: the rejected rows' error codes. The store keeps no
    /// rejected rows, so a store summary of one import counts them by code from its quarantine file.
    /// </summary>
    internal static class QuarantineFile
    {
        /// <summary>
        /// The rejected rows of the quarantine file at <paramref name="path"/> per error code (a row with errors of two
        /// codes counts under both); null when the file is missing, unreadable or not a quarantine file.
        /// </summary>
        public static CountsByName<FindingCode>? CountCodes(string? path)
        {
            if (string.IsNullOrEmpty(path)) return null;
            try
            {
                if (!File.Exists(path)) return null;
                using var reader = new StreamReader(path!, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
                var fields = new List<string>();
                if (!ReadRecord(reader, fields) || string.Join(";", fields) != QuarantineWriter.Header) return null;
                var counts = new CountsByName<FindingCode>();
                var seen = new HashSet<FindingCode>();
                while (ReadRecord(reader, fields))
                {
                    if (fields.Count < 4) return null;
                    seen.Clear();
                    // "OD302 InvalidTimestamp,OD204 TooFewFields": the number decides, the name is for people.
                    foreach (var item in fields[3].Split(','))
                    {
                        var text = item.Trim();
                        int space = text.IndexOf(' ');
                        var number = space > 2 ? text.Substring(2, space - 2) : text.Length > 2 ? text.Substring(2) : string.Empty;
                        if (!text.StartsWith("OD", StringComparison.Ordinal)
                            || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                            || !Enum.IsDefined(typeof(FindingCode), code))
                        {
                            return null;
                        }

                        if (seen.Add((FindingCode)code)) counts.Increment((FindingCode)code);
                    }
                }

                return counts;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>One semicolon-separated record (quoted fields may hold <c>;</c>, doubled quotes and line breaks).</summary>
        private static bool ReadRecord(TextReader reader, List<string> fields)
        {
            fields.Clear();
            var field = new StringBuilder();
            bool quoted = false, any = false;
            while (true)
            {
                int c = reader.Read();
                if (c < 0)
                {
                    if (!any) return false;
                    fields.Add(field.ToString());
                    return true;
                }

                any = true;
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                        else quoted = false;
                    }
                    else
                    {
                        field.Append((char)c);
                    }
                }
                else if (c == '"') quoted = true;
                else if (c == ';') { fields.Add(field.ToString()); field.Clear(); }
                else if (c == '\r') { }
                else if (c == '\n')
                {
                    fields.Add(field.ToString());
                    return true;
                }
                else field.Append((char)c);
            }
        }
    }
}
