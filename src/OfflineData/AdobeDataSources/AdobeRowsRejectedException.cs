using System;
using System.Collections.Generic;
using System.Linq;

namespace OfflineData.Commands.AdobeDataSources
{
    /// <summary>
    /// The exception of the one <c>AdobeRowsRejected</c> error Export-AdobeDataSource writes at the end of a run with
    /// rejected rows: a nightly script reads the counts per code and the reject file from it
    /// (<c>$err.Exception.RejectCounts</c>, <c>$err.Exception.RejectPath</c>) instead of parsing the message.
    /// </summary>
    public sealed class AdobeRowsRejectedException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public AdobeRowsRejectedException(long rowsRejected, long rowsWritten, IReadOnlyDictionary<string, long> counts, string? rejectPath)
            : base(MessageFor(rowsRejected, rowsWritten, counts, rejectPath))
        {
            RowsRejected = rowsRejected;
            RowsWritten = rowsWritten;
            RejectCounts = new Dictionary<string, long>(counts.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);
            RejectPath = rejectPath;
        }

        /// <summary>Rows not written.</summary>
        public long RowsRejected { get; }

        /// <summary>Rows written to the data files.</summary>
        public long RowsWritten { get; }

        /// <summary>Rejected rows per code (pre-flight codes and validator codes).</summary>
        public IReadOnlyDictionary<string, long> RejectCounts { get; }

        /// <summary>The reject file listing every rejected row, or null under -WhatIf.</summary>
        public string? RejectPath { get; }

        private static string MessageFor(long rejected, long written, IReadOnlyDictionary<string, long> counts, string? rejectPath)
        {
            var byCode = string.Join(", ", counts.Select(p => $"{p.Key} {p.Value}"));
            var where = rejectPath == null ? "they would be listed in the reject file" : $"they are listed in '{rejectPath}'";
            return $"{rejected} row(s) were not written to Adobe Data Sources files ({written} were): {byCode}; {where}.";
        }
    }
}
