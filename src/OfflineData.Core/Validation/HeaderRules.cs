using System;
using OfflineData.Core.Findings;
using OfflineData.Core.Format;
using OfflineData.Core.Reading;

namespace OfflineData.Core.Validation
{
    /// <summary>
    /// The header rules: whether the first record of an entry is a header, and whether its names are the
    /// schema's (<see cref="OfflineDataSchema.HeaderMatches"/>, case- and space-insensitive).
    /// </summary>
    internal static class HeaderRules
    {
        /// <summary>Whether the record is a header row under <paramref name="mode"/>.</summary>
        public static bool IsHeader(RecordTokenizer t, HeaderMode mode)
        {
            if (mode == HeaderMode.Present) return true;
            if (mode == HeaderMode.Absent) return false;
            if (FieldParsers.LooksLikeTimestamp(t.Field(0))) return false;
            if (OfflineDataSchema.HeaderMatches(t.DecodeField(0).AsSpan(), 1)) return true;

            // A misspelt first name still makes a header when the other names are there.
            int matches = 0;
            int named = Math.Min(t.FieldCount, OfflineDataSchema.NamedColumnCount);
            for (int i = 1; i < named; i++)
            {
                if (OfflineDataSchema.HeaderMatches(t.DecodeField(i).AsSpan(), i + 1)) matches++;
            }

            return matches >= 3;
        }

        /// <summary>Reports the header's structural problems, names that are not the schema's, and missing mandatory columns.</summary>
        public static void Check(RecordTokenizer t, OfflineDataReaderOptions options, FindingCollector sink)
        {
            StructuralRules.Check(t, null, options, sink);
            int named = Math.Min(t.FieldCount, OfflineDataSchema.NamedColumnCount);
            for (int i = 0; i < named; i++)
            {
                var cell = t.DecodeField(i);
                if (!OfflineDataSchema.HeaderMatches(cell.AsSpan(), i + 1))
                {
                    sink.Add(FindingCode.HeaderMismatch, FindingMessages.HeaderColumn(i, cell), t.Line, null, i, cell);
                }
            }

            if (t.FieldCount < OfflineDataSchema.MandatoryFieldCount)
            {
                sink.Add(FindingCode.HeaderMismatch, FindingMessages.HeaderTooShort(t.FieldCount), t.Line, null, t.FieldCount, null);
            }
        }
    }
}
