using System;
using OfflineData.Core.Findings;
using OfflineData.Core.Reading;

namespace OfflineData.Core.Validation
{
    /// <summary>
    /// The rules every record meets before its columns mean anything, header or data row: quotes, the field and
    /// record size limits, and UTF-8. The tokenizer finds quote and size problems while it splits (it must, to
    /// recover at a row boundary); these rules turn them, and invalid UTF-8, into findings.
    /// </summary>
    internal static class StructuralRules
    {
        /// <summary>Reports the record's structural problems.</summary>
        /// <param name="t">The tokenizer, on the record.</param>
        /// <param name="rowIndex">The data row's index, or null for a header.</param>
        /// <param name="options">The limits.</param>
        /// <param name="sink">Where findings go.</param>
        public static void Check(RecordTokenizer t, long? rowIndex, OfflineDataReaderOptions options, FindingCollector sink)
        {
            var issues = t.Issues;
            for (int k = 0; k < issues.Count; k++)
            {
                var issue = issues[k];
                int? column = issue.FieldIndex >= 0 ? issue.FieldIndex : (int?)null;
                string? raw = column != null ? t.DecodeField(issue.FieldIndex) : t.DecodeRecord();
                switch (issue.Code)
                {
                    case FindingCode.StrayQuote:
                        sink.Add(issue.Code, FindingMessages.StrayQuote, issue.Line, rowIndex, issue.FieldIndex, raw);
                        break;
                    case FindingCode.UnclosedQuote:
                        sink.Add(issue.Code, FindingMessages.UnclosedQuote(issue), issue.Line, rowIndex, column, raw);
                        break;
                    case FindingCode.FieldTooLong:
                        sink.Add(issue.Code, FindingMessages.FieldTooLong(t.Field(issue.FieldIndex).Length, options.MaxFieldLength), issue.Line, rowIndex, column, raw);
                        break;
                    case FindingCode.RecordTooLong:
                        sink.Add(issue.Code, FindingMessages.RecordTooLong(options.MaxRecordLength, issue), issue.Line, rowIndex, null, raw);
                        break;
                }
            }

            if (t.IsTruncated) return;
            CheckUtf8(t, rowIndex, sink);
        }

        private static void CheckUtf8(RecordTokenizer t, long? rowIndex, FindingCollector sink)
        {
            int bad = t.IndexOfInvalidUtf8();
            if (bad < 0) return;
            int field = t.FieldAt(bad);
            // The physical line of the bad byte: a quoted field may have carried the row over several lines.
            long line = t.Line;
            var before = t.Record.Slice(0, bad);
            for (int i = before.IndexOf((byte)'\n'); i >= 0; i = before.IndexOf((byte)'\n'))
            {
                line++;
                before = before.Slice(i + 1);
            }

            sink.Add(FindingCode.InvalidUtf8, FindingMessages.InvalidUtf8(bad), line, rowIndex, field, t.DecodeField(field));
        }
    }
}
