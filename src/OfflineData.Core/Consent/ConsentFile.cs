using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using OfflineData.Core.Findings;
using OfflineData.Core.Store;

namespace OfflineData.Core.Consent
{
    /// <summary>
    /// A consent (opt-out) file, in one of two forms, told apart by its first non-blank line:
    /// <list type="bullet">
    /// <item>a CSV with a header naming <c>CustomerId</c>, <c>Value</c> and <c>Time</c> (and optionally <c>Scope</c>,
    /// default <c>collect</c>): one decision per row, Time ISO 8601 with an offset or <c>Z</c>;</item>
    /// <item>a plain list of customer IDs, one per line (no header, or the header <c>CustomerId</c> alone): each an
    /// opt-out of <c>collect</c> (value <c>n</c>) at the file's last write time.</item>
    /// </list>
    /// IDs are trimmed and blank lines skipped. The file is read twice, streaming (memory does not grow with its size):
    /// once to check every row, and, only when no row is bad, once more to record it into the store in one
    /// transaction; a file with a bad row records nothing.
    /// </summary>
    public sealed class ConsentFile
    {
        /// <summary>How many findings a result lists (all are counted).</summary>
        public const int MaxFindings = 100;

        // An explicit zone at the end: Z, or ±hh:mm / ±hhmm / ±hh.
        private static readonly Regex Zone = new Regex(@"(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$", RegexOptions.CultureInvariant);

        // The offset a culture's [DateTimeOffset] text ends with (" +02:00"): only such text is parsed by culture, so
        // a zone is never assumed (a bare "2024-05-01" ends in "-01" too).
        private static readonly Regex CultureOffset = new Regex(@"\s[+-]\d{2}:\d{2}$", RegexOptions.CultureInvariant);

        private static readonly string[] TimeFormats =
        {
            "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
            "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        };

        private readonly string path;
        private readonly DateTime fileTime;

        /// <summary>A consent file; <paramref name="fileTime"/> (default: its last write time) is the time of a plain list's opt-outs.</summary>
        public ConsentFile(string path, DateTime? fileTime = null)
        {
            this.path = path ?? throw new ArgumentNullException(nameof(path));
            this.fileTime = ConsentSchema.Utc(fileTime ?? File.GetLastWriteTimeUtc(path));
        }

        /// <summary>
        /// Checks the file and, when no row is bad, records it into <paramref name="store"/> (one transaction). With
        /// <paramref name="record"/> false (-WhatIf) only checks and counts.
        /// </summary>
        /// <exception cref="IOException">The file cannot be read.</exception>
        /// <exception cref="StoreException">The store failed; nothing of the file was recorded.</exception>
        public ConsentFileResult Record(IConsentStore? store, string storeName, bool record = true)
        {
            var findings = new List<Finding>();
            long errors = 0, entries = 0;
            foreach (var item in Read())
            {
                if (item.Finding != null)
                {
                    errors++;
                    if (findings.Count < MaxFindings) findings.Add(item.Finding);
                }
                else
                {
                    entries++;
                }
            }

            if (errors > 0 || !record || store == null) return new ConsentFileResult(path, errors > 0 ? 0 : entries, 0, 0, findings, errors, storeName);
            var counts = store.RecordConsents(Entries());
            return new ConsentFileResult(path, entries, counts.Recorded, counts.AlreadyRecorded, findings, 0, storeName);
        }

        /// <summary>
        /// Records a file that <see cref="Record"/> (with record false) found without bad rows: one more read, not a second
        /// check before it. A row that turned bad since (the file changed) throws <see cref="IOException"/> and the store's
        /// transaction records nothing.
        /// </summary>
        public ConsentFileResult RecordChecked(IConsentStore store, string storeName, ConsentFileResult check)
        {
            if (store == null) throw new ArgumentNullException(nameof(store));
            if (check == null) throw new ArgumentNullException(nameof(check));
            if (check.ErrorCount > 0) throw new InvalidOperationException("A consent file with bad rows is not recorded.");
            var counts = store.RecordConsents(Entries());
            return new ConsentFileResult(path, check.Entries, counts.Recorded, counts.AlreadyRecorded, check.Findings, 0, storeName);
        }

        /// <summary>The file's entries, streamed (call only for a file without bad rows: a bad row throws).</summary>
        internal IEnumerable<ConsentEntry> Entries()
        {
            foreach (var item in Read())
            {
                if (item.Finding != null) throw new IOException("The consent file '" + path + "' changed while it was recorded: " + item.Finding.Message);
                yield return item.Entry!;
            }
        }

        /// <summary>Every row of the file: an entry, or the finding that makes it bad.</summary>
        internal IEnumerable<(ConsentEntry? Entry, Finding? Finding)> Read()
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
            var (delimiter, headerLine) = Sniff(stream);
            stream.Position = 0;
            using var text = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            bool malformed = false;
            var config = new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                // The delimiter of the header (',' ';' or tab); a plain list is parsed with ',' and refuses all three.
                Delimiter = delimiter ?? ",",
                HasHeaderRecord = false,
                // Blank lines come as (blank) records, so that the lines can be counted here (see below).
                IgnoreBlankLines = false,
                BadDataFound = _ => malformed = true,
                MissingFieldFound = null,
                DetectColumnCountChanges = false,
            };
            using var parser = new CsvParser(text, config);
            Columns? columns = null;
            bool plain = delimiter == null, first = true;
            long nextLine = 1;
            while (parser.Read())
            {
                var record = parser.Record ?? Array.Empty<string>();
                var raw = parser.RawRecord ?? string.Empty;

                // The physical line the record starts on: a quoted field may run over several lines, and an
                // unclosed quote swallows the rest of the file, so the line it opened on is the one to name.
                // Counted from the raw text (the parser's row count is one too high after an unclosed quote at the end).
                long line = nextLine;
                nextLine += Math.Max(1, CountLineBreaks(raw));
                if (IsBlank(record))
                {
                    malformed = false;
                    continue;
                }

                if (first)
                {
                    first = false;
                    if (plain)
                    {
                        // A plain list; a header of CustomerId alone is a header, anything else the first ID.
                        if (record.Length == 1 && string.Equals(Name(record[0]), "customerid", StringComparison.Ordinal)) continue;
                        if (headerLine != null)
                        {
                            // A first line with a delimiter that is no consent header: neither form fits.
                            Columns.Of(headerLine.Split(FirstDelimiter(headerLine)), out var missing);
                            yield return (null, new Finding(FindingCode.MissingConsentColumn, FindingSeverity.Error, missing!, path, line: line, rawValue: headerLine));
                            yield break;
                        }
                    }
                    else
                    {
                        columns = Columns.Of(record, out var problem);
                        if (columns == null)
                        {
                            yield return (null, new Finding(FindingCode.MissingConsentColumn, FindingSeverity.Error, problem!, path, line: line, rawValue: string.Join(delimiter, record)));
                            yield break;
                        }

                        continue;
                    }
                }

                if (plain)
                {
                    // A plain list is one ID per line, the whole line (trimmed). An ID holds no ',' ';' or tab: a line
                    // with one is a CSV row misread (a header the reader did not recognise), never an ID.
                    var id = raw.Trim();
                    int at = id.IndexOfAny(Delimiters);
                    if (at >= 0)
                    {
                        yield return (null, new Finding(FindingCode.MalformedConsentRow, FindingSeverity.Error, $"The line holds {Describe(id[at])}, which no customer ID does: a list of IDs has one ID per line, and a consent CSV starts with a header naming CustomerId, Value and Time (delimited by ',', ';' or a tab).", path, line: line, columnNumber: 1, columnName: "CustomerId", rawValue: id));
                        continue;
                    }

                    yield return (new ConsentEntry { CustomerId = id, Scope = ConsentPolicy.DefaultScope, Value = ConsentPolicy.OptOutValue, Time = fileTime, Source = Source(line) }, null);
                    continue;
                }

                if (malformed || record.Length > columns!.Count)
                {
                    int column = malformed ? BadQuoteColumn(raw, delimiter![0]) : columns!.Count + 1;
                    var why = malformed
                        ? $"The row cannot be read: column {column} ({columns!.NameOf(column)}) has a stray or unclosed quote (a quoted field runs to its closing quote, over line ends)."
                        : $"The row has {record.Length} {DelimiterName(delimiter!)}-separated fields, more than the header's {columns!.Count}: column {column} has no header.";
                    malformed = false;
                    yield return (null, new Finding(FindingCode.MalformedConsentRow, FindingSeverity.Error, why, path, line: line, columnNumber: column, columnName: column <= columns!.Count ? columns!.NameOf(column) : null, rawValue: raw.TrimEnd('\r', '\n')));
                    continue;
                }

                yield return columns.Entry(record, line, this);
            }
        }

        private static readonly char[] Delimiters = { ',', ';', '\t' };

        /// <summary>
        /// The delimiter of the first non-blank line when it is a consent CSV header (it names CustomerId and Value or
        /// Time), else null (a plain list); and that line when it holds a delimiter without being such a header.
        /// </summary>
        private static (string? Delimiter, string? BadHeader) Sniff(Stream stream)
        {
            var reader = new StreamReader(stream, new UTF8Encoding(false), true, 4096, leaveOpen: true);
            string? line;
            while ((line = reader.ReadLine()) != null && line.Trim().Length == 0)
            {
            }

            if (line == null || line.IndexOfAny(Delimiters) < 0) return (null, null);
            foreach (var d in Delimiters)
            {
                var names = new HashSet<string>(Array.ConvertAll(line.Split(d), n => Name(n.Trim().Trim('"'))));
                if (names.Count > 1 && names.Contains("customerid") && (names.Contains("value") || names.Contains("time"))) return (d.ToString(), null);
            }

            return (null, line.Trim());
        }

        /// <summary>The 1-based field of <paramref name="raw"/> with a stray or unclosed quote (1 when none is found).</summary>
        internal static int BadQuoteColumn(string raw, char delimiter)
        {
            int field = 1, i = 0;
            var text = raw.TrimEnd('\r', '\n');
            while (i <= text.Length)
            {
                if (i < text.Length && text[i] == '"')
                {
                    // A quoted field: to its closing quote ("" is a quote inside), then a delimiter or the end.
                    i++;
                    while (true)
                    {
                        if (i >= text.Length) return field; // never closed
                        if (text[i] == '"')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '"') { i += 2; continue; }
                            i++;
                            break;
                        }

                        i++;
                    }

                    if (i < text.Length && text[i] != delimiter) return field; // text after the closing quote
                }
                else
                {
                    while (i < text.Length && text[i] != delimiter)
                    {
                        if (text[i] == '"') return field; // a quote inside an unquoted field
                        i++;
                    }
                }

                if (i >= text.Length) break;
                i++;
                field++;
            }

            return 1;
        }

        private static char FirstDelimiter(string line) => line[line.IndexOfAny(Delimiters)];

        private static string DelimiterName(string delimiter) => delimiter == "\t" ? "tab" : "'" + delimiter + "'";

        private static string Describe(char c) => c == '\t' ? "a tab" : "'" + c + "'";

        private static int CountLineBreaks(string text)
        {
            int n = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n'))) n++;
            }

            return n;
        }

        private string Source(long line) => path + ":" + line.ToString(CultureInfo.InvariantCulture);

        private static bool IsBlank(string[] record)
        {
            foreach (var field in record)
            {
                if (!string.IsNullOrWhiteSpace(field)) return false;
            }

            return true;
        }

        private static string Name(string header) => header.Trim().Replace(" ", string.Empty).Replace("_", string.Empty).ToLowerInvariant();

        /// <summary>
        /// Parses a consent time that ends in an explicit zone: ISO 8601, else a date and time with an offset as the
        /// current culture or the invariant culture writes it (Export-Csv of a [DateTimeOffset], e.g.
        /// <c>05/01/2024 10:00:00 +00:00</c>); false for anything without a zone (none is guessed).
        /// </summary>
        internal static bool TryParseTime(string text, out DateTime utc)
        {
            utc = default;
            var trimmed = text.Trim();
            if (trimmed.Length == 0 || !Zone.IsMatch(trimmed)) return false;
            if (!DateTimeOffset.TryParseExact(trimmed, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
                && !(CultureOffset.IsMatch(trimmed)
                     && (DateTimeOffset.TryParse(trimmed, CultureInfo.CurrentCulture, DateTimeStyles.AllowWhiteSpaces, out value)
                         || DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out value))))
            {
                return false;
            }

            utc = value.UtcDateTime;
            return true;
        }

        /// <summary>Where the header put each column.</summary>
        private sealed class Columns
        {
            private int customer = -1, scope = -1, value = -1, time = -1;
            private string[] names = Array.Empty<string>();

            public int Count { get; private set; }

            /// <summary>The header's name of a 1-based column, or "no header" beyond it.</summary>
            public string NameOf(int column) => column >= 1 && column <= names.Length ? names[column - 1] : "no header";

            public static Columns? Of(string[] header, out string? problem)
            {
                var columns = new Columns { Count = header.Length, names = Array.ConvertAll(header, h => h.Trim()) };
                problem = null;
                for (int i = 0; i < header.Length; i++)
                {
                    var name = Name(header[i]);
                    ref int slot = ref columns.customer;
                    switch (name)
                    {
                        case "customerid": slot = ref columns.customer; break;
                        case "scope": slot = ref columns.scope; break;
                        case "value": slot = ref columns.value; break;
                        case "time": slot = ref columns.time; break;
                        default:
                            // Other columns (Id, Source, RecordedAt, Store of Get-OfflineDataConsent | Export-Csv) are ignored.
                            continue;
                    }

                    if (slot >= 0)
                    {
                        problem = $"The header names the column '{DisplayText.Escape(header[i].Trim())}' twice.";
                        return null;
                    }

                    slot = i;
                }

                var missing = new List<string>();
                if (columns.customer < 0) missing.Add("CustomerId");
                if (columns.value < 0) missing.Add("Value");
                if (columns.time < 0) missing.Add("Time");
                if (missing.Count == 0) return columns;
                problem = $"The header does not name the column{(missing.Count == 1 ? string.Empty : "s")} {string.Join(", ", missing)} (a consent CSV starts with CustomerId,Scope,Value,Time; a list of IDs alone needs no header).";
                return null;
            }

            public (ConsentEntry?, Finding?) Entry(string[] record, long line, ConsentFile file)
            {
                string Cell(int index) => index >= 0 && index < record.Length ? record[index] : string.Empty;
                var id = Cell(customer).Trim();
                if (id.Length == 0)
                {
                    return (null, new Finding(FindingCode.MissingCustomerId, FindingSeverity.Error, $"Column {customer + 1} (CustomerId): the row has no customer ID.", file.path, line: line, columnNumber: customer + 1, columnName: "CustomerId", rawValue: Cell(customer)));
                }

                var given = Cell(value);
                if (!ConsentValues.IsKnown(given))
                {
                    return (null, new Finding(FindingCode.InvalidConsentValue, FindingSeverity.Error, $"Column {value + 1} (Value): '{DisplayText.Escape(given)}' is not a consent value (expected one of {string.Join(", ", ConsentValues.All)}).", file.path, line: line, columnNumber: value + 1, columnName: "Value", rawValue: given));
                }

                var when = Cell(time);
                if (!TryParseTime(when, out var utc))
                {
                    var why = when.Trim().Length == 0 ? $"Column {time + 1} (Time): the row has no Time (a consent file's time is never guessed)." : $"Column {time + 1} (Time): '{DisplayText.Escape(when)}' is not a time with an explicit offset or Z (ISO 8601 such as 2024-05-01T10:00:00Z, or as Export-Csv writes a time with its offset).";
                    return (null, new Finding(FindingCode.InvalidConsentTime, FindingSeverity.Error, why, file.path, line: line, columnNumber: time + 1, columnName: "Time", rawValue: when));
                }

                var field = scope >= 0 ? Cell(scope).Trim() : string.Empty;
                return (new ConsentEntry
                {
                    CustomerId = id,
                    Scope = field.Length == 0 ? ConsentPolicy.DefaultScope : field.ToLowerInvariant(),
                    Value = ConsentValues.Normalize(given),
                    Time = utc,
                    Source = file.Source(line),
                }, null);
            }
        }
    }
}
