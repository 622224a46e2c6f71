using System;
using System.Globalization;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;
using OfflineData.Core.Reading;

namespace OfflineData.Core.Validation
{
    /// <summary>
    /// Every message the reading rules write, in one place: the wording users see in Test, Read and Import
    /// (and that docs/errors.md quotes), and how a raw value is shown inside one.
    /// </summary>
    internal static class FindingMessages
    {
        /// <summary>Raw values longer than this are cut (with "…") in findings and messages.</summary>
        public const int RawValueLimit = 200;

        public const string StrayQuote = "A quote is misplaced: inside an unquoted field, or followed by text after its closing quote. Quote the whole field and double quotes inside it (\"\").";

        public const string DuplicateRow = "The row is an exact duplicate of an earlier row.";

        public const string InvalidUtf8Hint = "the file may be in a legacy code page such as Windows-1252. Convert it with Convert-OfflineDataFile -Encoding.";

        public static string UnclosedQuote(StructuralIssue issue) => "A quoted field is never closed; " + WhereUnclosedRowEnds(issue);

        public static string FieldTooLong(int length, int limit) => $"The field is {length} bytes long; the limit is {limit}.";

        public static string RecordTooLong(int limit, StructuralIssue issue) => $"The row is longer than {limit} bytes" + WhereLongRowEnds(issue);

        public static string InvalidUtf8(int byteOffset) =>
            $"The field has bytes that are not valid UTF-8 (first at byte {byteOffset + 1} of the row); " + InvalidUtf8Hint;

        public static string HeaderColumn(int index, string cell) =>
            $"Header column {index + 1} is '{Shown(cell)}'; expected '{OfflineDataSchema.Columns[index].HeaderName}'.";

        public static string HeaderTooShort(int count) =>
            $"The header has {count} column(s); expected at least {OfflineDataSchema.MandatoryFieldCount}, starting '{OfflineDataSchema.Columns[count].HeaderName}'.";

        public static string TooFewFields(int count) =>
            $"The row has {count} field(s); at least {OfflineDataSchema.MandatoryFieldCount} are needed (up to Num2). Missing from column {count + 1}, '{OfflineDataSchema.GetColumnName(count + 1)}'. Keep the ';' separators of empty optional columns.";

        public static string EmptyMandatoryField(OfflineDataColumn column) => $"{column.HeaderName} is mandatory and empty.";

        public static string InvalidTimestamp(string value, bool looksLikeTimestamp)
        {
            // An invisible byte order mark mid-file (files saved with a BOM, then joined) would
            // otherwise show a raw value that looks exactly like a good timestamp.
            string why = value.Length > 0 && value[0] == '\uFEFF'
                ? "starts with an invisible byte order mark (U+FEFF), as when files saved with a BOM are joined; remove it"
                : looksLikeTimestamp
                    ? "is not a real date and time"
                    : "is not in the format yyyy-MM-dd HH:mm:ss (e.g. 2014-05-25 12:25:43)";
            return $"Time Stamp '{Shown(value)}' {why}.";
        }

        public static string FutureTimestamp(string value, DateTime now) =>
            $"Time Stamp '{Shown(value)}' is in the future (now is {now.ToString(OfflineDataSchema.TimestampFormat, CultureInfo.InvariantCulture)}).";

        public static string InvalidEventType(string value) => $"Event Type '{Shown(value)}' is not a non-negative whole number (7 is a purchase).";

        public static string InvalidNumber(OfflineDataColumn column, string value)
        {
            string hint = value.IndexOf(',') >= 0
                ? " Use '.' as the decimal separator and no thousands separator (e.g. 1234.56)."
                : " Use digits with an optional sign and '.' decimal separator (e.g. -12.50).";
            return $"{column.HeaderName} '{Shown(value)}' is not a number.{hint}";
        }

        public static string DuplicateCheckLimited(int capacity) =>
            $"The duplicate check remembers at most {capacity} distinct rows; rows from here on are compared with those but not remembered.";

        public static string NoDataRows(bool hasHeader) => hasHeader ? "There are no data rows, only a header." : "There are no data rows.";

        public static string UnsupportedEncoding(DetectedEncoding encoding) =>
            $"The text is {(encoding == DetectedEncoding.Utf16 ? "UTF-16" : "UTF-32")}, not UTF-8; nothing in it was read. Convert it with: Convert-OfflineDataFile -Path <file> -Destination <new file>.";

        public static string CorruptArchive(string reason) => $"The zip archive cannot be read further: {reason}";

        public static string TrailingData(string reason, long? line) =>
            reason + (line != null ? $" The rows before them, up to line {line}, were read and checked." : string.Empty);

        public static string CorruptStream(bool zip, long? line, string reason)
        {
            string where = line != null ? $"after line {line}" : "before its first line";
            string what = zip ? "The zip entry" : "The compressed stream";
            return $"{what} is corrupt or truncated {where}; the rest of it was not read: {reason}";
        }

        public static string BlankRun(BlankRun run)
        {
            if (run.Count == 1)
            {
                return run.Empty == 1
                    ? "The line is empty; remove blank lines between records."
                    : "The line holds only separators (an empty row, as spreadsheets export it); remove it.";
            }

            // A blank row never spans lines (it has no quoted line break), so a run is consecutive lines.
            string what = run.Empty == run.Count ? "are empty" : run.Empty == 0 ? "hold only separators" : "are empty or hold only separators";
            return string.Format(CultureInfo.InvariantCulture, "Lines {0} to {1} ({2:N0} lines) {3}; remove blank lines between records.", run.First, run.Last, run.Count, what);
        }

        /// <summary>A raw value as shown inside a message: shortened when huge, control and invisible characters escaped.</summary>
        public static string Shown(string value) => DisplayText.Escape(Shorten(value));

        /// <summary>The first <see cref="RawValueLimit"/> characters of a value, never cutting a surrogate pair.</summary>
        public static string Shorten(string value)
        {
            if (value.Length <= RawValueLimit) return value;

            // Never cut a surrogate pair in half: a lone surrogate breaks XML, JSON and console output.
            int length = char.IsHighSurrogate(value[RawValueLimit - 1]) ? RawValueLimit - 1 : RawValueLimit;
            return value.Substring(0, length) + "…";
        }

        /// <summary>Which lines an over-long row took, all of them skipped without being held in memory.</summary>
        private static string WhereLongRowEnds(StructuralIssue issue)
        {
            const string Hint = " (a missing line break or an unclosed quote?); ";
            if (issue.ResumeLine == 0) return Hint + "it runs to the end of the file and was skipped.";
            if (issue.ResumeLine <= issue.Line + 1) return Hint + "it was skipped up to the next line break.";
            return $": it spans lines {issue.Line} to {issue.ResumeLine - 1} (a quoted field with line breaks) and was skipped; reading resumed on line {issue.ResumeLine}.";
        }

        /// <summary>Where the row of an unclosed quote was cut, so the user knows which lines it swallowed.</summary>
        private static string WhereUnclosedRowEnds(StructuralIssue issue)
        {
            if (issue.ResumeLine == 0) return "the row runs to the end of the file.";
            if (issue.ResumeLine == issue.Line + 1) return "the row was cut at the end of its first line and reading resumed on the next line.";
            return $"the row was cut at the end of line {issue.ResumeLine - 1} and reading resumed on line {issue.ResumeLine}, the next line that starts like a row (a timestamp and ';').";
        }
    }
}
